//! The frame around every page: skip link, header, main landmark, footer
//! with the language switcher.

use super::{
    components::LanguageSwitcher,
    locale::use_locale,
    request::{CsrfField, viewer},
};
use crate::i18n::td_string;
use leptos::prelude::*;

#[component]
pub fn Page(children: Children) -> impl IntoView {
    let locale = use_locale();
    view! {
        <a class="skip-link" href="#main">{td_string!(locale, skip_to_content)}</a>
        <header class="site-header">
            <a class="brand" href="/">"Common Ground"</a>
            <AccountNav />
        </header>
        <main id="main" tabindex="-1">
            {children()}
        </main>
        <footer class="site-footer">
            <p>{td_string!(locale, footer_tagline)}</p>
            <p><a href="/about">{td_string!(locale, about_link)}</a> " · " <a href="/privacy">{td_string!(locale, privacy_link)}</a></p>
            <LanguageSwitcher />
        </footer>
    }
}

/// Sign in, or the signed-in person's hosts and a sign-out button (a form:
/// signing out changes state, so it is a POST with the anti-forgery token).
#[component]
fn AccountNav() -> impl IntoView {
    let locale = use_locale();
    view! {
        <nav class="account-nav" aria-label=td_string!(locale, nav_account)>
            <a href="/my">{td_string!(locale, my_gatherings_title)}</a>
            {match viewer() {
                Some(_) => view! {
                    <a href="/hosts">{td_string!(locale, nav_my_hosts)}</a>
                    <a href="/account">{td_string!(locale, nav_account)}</a>
                    <form method="post" action="/sign-out">
                        <CsrfField />
                        <button type="submit" class="link-button">{td_string!(locale, sign_out)}</button>
                    </form>
                }.into_any(),
                None => view! { <a href="/sign-in">{td_string!(locale, nav_sign_in)}</a> }.into_any(),
            }}
        </nav>
    }
}
