//! The reader's language in a page being rendered: chosen once per request
//! (`l10n::choice`) and provided to every component below.

use crate::i18n::Locale;
use leptos::prelude::*;

pub use crate::l10n::choice::{COOKIE, from_headers};
pub use crate::l10n::language::{code, parse};

/// The locale of the request being rendered (provided by [`provide`]).
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}

/// Decides the request's locale once and makes it available to every
/// component below.
pub fn provide() -> Locale {
    let locale = use_context::<axum::http::request::Parts>()
        .map(|parts| from_headers(&parts.headers))
        .unwrap_or_default();
    provide_context(locale);
    locale
}
