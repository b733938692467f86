use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches; answers with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    crate::ui::status::not_found();
    let locale = use_locale();

    view! {
        <Title text=td_string!(locale, not_found_title) />
        <section class="stack">
            <h1>{td_string!(locale, not_found_heading)}</h1>
            <p>{td_string!(locale, not_found_body)}</p>
            <p><a href="/">{td_string!(locale, not_found_link)}</a></p>
        </section>
    }
}

/// Shown for a gathering or host page that moderators took down; answers
/// with HTTP 410 so search engines drop it.
#[component]
pub fn Gone() -> impl IntoView {
    crate::ui::status::gone();
    let locale = use_locale();

    view! {
        <Title text=td_string!(locale, gone_title) />
        <section class="stack">
            <h1>{td_string!(locale, gone_heading)}</h1>
            <p>{td_string!(locale, gone_body)}</p>
            <p><a href="/">{td_string!(locale, not_found_link)}</a></p>
        </section>
    }
}
