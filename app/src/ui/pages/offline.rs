use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;

/// What the service worker shows for a page that is not saved offline.
/// Cached at install, in the language the resident was using then.
#[component]
pub fn Offline() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, offline_title) />
        <section class="stack">
            <h1>{td_string!(locale, offline_heading)}</h1>
            <p>{td_string!(locale, offline_body)}</p>
            <p><a href="/">{td_string!(locale, offline_retry)}</a></p>
        </section>
    }
}
