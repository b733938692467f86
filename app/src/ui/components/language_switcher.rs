//! Choosing the language: a plain form, so it works without JavaScript. The
//! server remembers the choice in a cookie and sends the resident back to
//! the page they were on (see `server/src/routes/language.rs`).

use crate::i18n::{Locale, td_string};
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = use_locale();
    let here = use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.uri.path_and_query().map(|pq| pq.to_string()))
        .unwrap_or_else(|| "/".to_string());

    view! {
        <form class="language-switcher" method="get" action="/language">
            <label for="language">{td_string!(current, language_label)}</label>
            <select id="language" name="lang">
                {Locale::get_all().iter().map(|&locale| view! {
                    <option value=locale.as_str() lang=locale.as_str() selected=locale == current>
                        {td_string!(locale, language_name)}
                    </option>
                }).collect_view()}
            </select>
            <input type="hidden" name="next" value=here />
            <button type="submit" class="secondary">{td_string!(current, language_change)}</button>
        </form>
    }
}
