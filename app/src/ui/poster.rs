//! A gathering's printable poster (`/events/<id>/poster`), for noticeboards
//! where many who would come are not online: its title in each language it
//! has, when, where (as the public page shows it), the languages spoken and
//! a QR code to its page, on one A4 sheet (`public/poster.css`). A document
//! of its own, without the site's header, menus or scripts.

use crate::domain::language::SpokenLanguage;
use crate::domain::qr_code;
use crate::domain::text::escape_html;
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{time_of_day, weekday_date_time};
use crate::l10n::labels::category_label;
use crate::views::gathering::PosterView;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// How many dates of a series the poster lists; the page has the rest.
const DATES_LISTED: usize = 4;

/// The poster as a whole HTML document; `page_url` is the gathering's page,
/// which the QR code leads to.
pub fn render(poster: &PosterView, locale: Locale, page_url: &str) -> String {
    let details = &poster.details;
    let dates = details
        .dates
        .iter()
        .take(DATES_LISTED)
        .map(|date| {
            view! {
                <li>
                    <time datetime=date.starts_at.to_rfc3339()>
                        {weekday_date_time(locale, &date.starts_local)}
                    </time>
                    " – " {time_of_day(locale, &date.ends_local)} " " {date.zone_abbreviation.clone()}
                </li>
            }
        })
        .collect_view();
    let more_dates = details.dates.len() > DATES_LISTED;
    let languages = details
        .languages
        .iter()
        .filter_map(|code| SpokenLanguage::from_code(code))
        .map(|language| view! { <li lang=language.code()>{language.own_name()}</li> })
        .collect_view();
    let other_titles = poster
        .other_titles
        .iter()
        .map(|t| view! { <li lang=t.language.clone() dir="auto">{t.title.clone()}</li> })
        .collect_view();
    let qr = qr_code::svg(page_url, 220).unwrap_or_default();
    let body = view! {
        <html lang=locale.as_str() dir=locale.direction().as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex" />
                // Leptos writes a title's text as it is (see `escape_html`).
                <title>{escape_html(&details.title)}</title>
                <link rel="stylesheet" href="/poster.css" />
            </head>
            <body>
                <p class="print-hint">
                    {td_string!(locale, poster_print_hint)} " "
                    <a href=page_url.to_string()>{td_string!(locale, poster_back)}</a>
                </p>
                <main class="poster">
                    <p class="tags">
                        {details.categories.iter().map(|c| category_label(locale, c)).collect::<Vec<_>>().join(" · ")}
                    </p>
                    <h1 lang=details.text_language.clone() dir="auto">{details.title.clone()}</h1>
                    {(!poster.other_titles.is_empty()).then(|| view! { <ul class="other-titles">{other_titles}</ul> })}
                    {details.cancelled.then(|| view! { <p class="cancelled">{td_string!(locale, event_cancelled)}</p> })}
                    <dl>
                        <dt>{td_string!(locale, event_when)}</dt>
                        <dd>
                            {if details.dates.is_empty() {
                                view! { <p>{td_string!(locale, event_no_upcoming)}</p> }.into_any()
                            } else {
                                view! { <ul class="dates">{dates}</ul> }.into_any()
                            }}
                            {more_dates.then(|| view! { <p>{td_string!(locale, poster_more_dates)}</p> })}
                        </dd>
                        <dt>{td_string!(locale, event_where)}</dt>
                        <dd dir="auto">{details.place.one_line()}</dd>
                        {(!details.languages.is_empty()).then(|| view! {
                            <dt>{td_string!(locale, language_spoken_label)}</dt>
                            <dd><ul class="languages">{languages}</ul></dd>
                        })}
                        {details.is_free.then(|| view! {
                            <dt>{td_string!(locale, poster_cost)}</dt>
                            <dd>{td_string!(locale, free)}</dd>
                        })}
                    </dl>
                    <figure class="qr">
                        <div role="img" aria-label=td_string!(locale, poster_qr_label) inner_html=qr></div>
                        <figcaption>
                            {td_string!(locale, poster_scan)}
                            <br />
                            <span class="url" dir="ltr">{page_url.to_string()}</span>
                        </figcaption>
                    </figure>
                    <p class="host">{details.host_name.clone()} " · Common Ground"</p>
                </main>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", body.to_html())
}
