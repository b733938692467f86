//! "Show these gatherings on your website": the copy-and-paste code of the
//! widget (`/widget/…`, see `ui::widget`) for a host's or an office's
//! page. A plain GET form chooses the widget's language, colours and
//! length and reloads the page with the code updated, so it works without
//! JavaScript; once asked, a preview shows the result.

use crate::domain::text::escape_html;
use crate::i18n::{Locale, td_string};
use crate::ui::locale::use_locale;
use crate::ui::widget::{LISTED_BY_DEFAULT, MOST_LISTED, Theme};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_router::hooks::use_query_map;

/// The generator for the widget at `widget_path` (e.g. `/widget/hosts/x`),
/// whose frame is titled `title`; `page_path` is the page it sits on.
#[component]
pub fn WidgetSnippet(widget_path: String, page_path: String, title: String) -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let asked = query.with_untracked(|q| {
        (
            q.get("widget_lang"),
            q.get("widget_theme"),
            q.get("widget_count"),
        )
    });
    let opened = asked.0.is_some() || asked.1.is_some() || asked.2.is_some();
    let language = asked
        .0
        .as_deref()
        .and_then(crate::l10n::language::parse)
        .unwrap_or(locale);
    let theme = asked
        .1
        .as_deref()
        .and_then(Theme::parse)
        .unwrap_or_default();
    let count = asked
        .2
        .and_then(|c| c.parse::<usize>().ok())
        .map_or(LISTED_BY_DEFAULT, |c| c.clamp(1, MOST_LISTED));
    let public_url = use_context::<crate::backend::AppState>()
        .map(|state| state.public_url)
        .unwrap_or_default();
    let source = format!(
        "{widget_path}?lang={}&theme={}&count={count}",
        language.as_str(),
        theme.as_str()
    );
    // Room for the heading, each gathering and the closing link.
    let height = 110 + 86 * count;
    let snippet = format!(
        "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" \
         referrerpolicy=\"no-referrer\" sandbox=\"allow-popups allow-popups-to-escape-sandbox\"></iframe>",
        escape_html(&format!("{public_url}{source}")),
        escape_html(&title),
    );
    let theme_choice = move |value: Theme, label: &'static str| {
        view! { <option value=value.as_str() selected=theme == value>{label}</option> }
    };
    view! {
        <details class="widget-snippet" id="embed" open=opened>
            <summary>{td_string!(locale, widget_heading)}</summary>
            <p>{td_string!(locale, widget_intro)}</p>
            <form method="get" action=format!("{page_path}#embed") class="inline-fields">
                <label>
                    {td_string!(locale, widget_language)} " "
                    <select name="widget_lang">
                        {Locale::get_all().iter().map(|&each| view! {
                            <option value=each.as_str() lang=each.as_str() selected=each == language>
                                {td_string!(each, language_name)}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                <label>
                    {td_string!(locale, widget_theme)} " "
                    <select name="widget_theme">
                        {theme_choice(Theme::System, td_string!(locale, widget_theme_system))}
                        {theme_choice(Theme::Light, td_string!(locale, widget_theme_light))}
                        {theme_choice(Theme::Dark, td_string!(locale, widget_theme_dark))}
                    </select>
                </label>
                <label>
                    {td_string!(locale, widget_count)} " "
                    <input type="number" name="widget_count" min="1" max=MOST_LISTED.to_string() value=count.to_string() />
                </label>
                <button type="submit" class="secondary">{td_string!(locale, widget_update)}</button>
            </form>
            <label for="widget-code">{td_string!(locale, widget_code_label)}</label>
            <textarea id="widget-code" readonly rows="4" dir="ltr">{escape_html(&snippet)}</textarea>
            // The preview only once asked for, so that the host's page does
            // not load a second page for every visitor.
            {opened.then(|| view! {
                <p>{td_string!(locale, widget_preview)}</p>
                <iframe class="widget-preview" src=source title=title width="100%" height=height.to_string()></iframe>
            })}
        </details>
    }
}
