//! The languages the interface is written in, by their codes.

use crate::i18n::Locale;
use leptos_i18n::Locale as _;

/// The locale's code as used in the cookie, URLs and `lang` attributes.
pub fn code(locale: Locale) -> &'static str {
    locale.as_str()
}

/// A supported locale named exactly, as in the cookie, a form field or a
/// stored reply.
pub fn parse(code: &str) -> Option<Locale> {
    Locale::get_all()
        .iter()
        .copied()
        .find(|l| l.as_str() == code)
}

#[cfg(test)]
mod tests {
    use super::{code, parse};
    use crate::i18n::Locale;

    #[test]
    fn codes_name_locales_exactly() {
        assert_eq!(parse("fa"), Some(Locale::fa));
        assert_eq!(parse("FA"), None);
        assert_eq!(parse("fa-IR"), None);
        assert_eq!(code(Locale::uk), "uk");
    }
}
