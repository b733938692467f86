//! The frame around every page: skip link, header, main landmark, footer
//! with the language switcher.

use super::{components::LanguageSwitcher, locale::use_locale};
use crate::i18n::td_string;
use leptos::prelude::*;

#[component]
pub fn Page(children: Children) -> impl IntoView {
    let locale = use_locale();
    view! {
        <a class="skip-link" href="#main">{td_string!(locale, skip_to_content)}</a>
        <header class="site-header">
            <a class="brand" href="/">"Common Ground"</a>
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{td_string!(locale, footer_tagline)}</p>
            <p><a href="/about">{td_string!(locale, about_link)}</a></p>
            <LanguageSwitcher />
        </footer>
    }
}
