//! Numbers as people type them in their own script. Arabic and Persian
//! keyboards type Arabic-Indic digits (٠١٢…٩, ۰۱۲…۹), the Arabic decimal
//! separator (٫) and the Arabic comma (،); Rust's number parsers know only
//! ASCII. Every field that reads a typed number or coordinates passes it
//! through [`latin_digits`] first.

use std::borrow::Cow;

/// `text` with Arabic-Indic and Persian digits as ASCII digits, the Arabic
/// decimal separator as a point, the Arabic comma as a comma and the minus
/// sign (U+2212) as a hyphen-minus. Anything else stays as it is, so a
/// parser still refuses what is not a number.
pub fn latin_digits(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(latin).collect())
}

fn latin(c: char) -> char {
    match c {
        '\u{0660}'..='\u{0669}' => shifted(c, '\u{0660}'),
        '\u{06F0}'..='\u{06F9}' => shifted(c, '\u{06F0}'),
        '\u{066B}' => '.',
        '\u{060C}' => ',',
        '\u{2212}' => '-',
        other => other,
    }
}

/// The ASCII digit of `c`, the digit `c - zero` of its script.
fn shifted(c: char, zero: char) -> char {
    char::from(b'0' + (c as u32 - zero as u32) as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_and_persian_numbers_read_as_latin_ones() {
        assert_eq!(latin_digits("٥٢٫٥٢، ١٣٫٤٠٥"), "52.52, 13.405");
        assert_eq!(latin_digits("۳۵٫۶۸۹۲، ۵۱٫۳۸۹۰"), "35.6892, 51.3890");
        assert_eq!(latin_digits("−٣٣٫٨٦"), "-33.86");
        assert_eq!(latin_digits("۱۲"), "12");
    }

    #[test]
    fn anything_else_is_left_for_the_parser_to_refuse() {
        assert_eq!(latin_digits("12"), "12");
        assert_eq!(latin_digits("douze"), "douze");
        assert_eq!(latin_digits("١٢ كيلو"), "12 كيلو");
        assert!(matches!(latin_digits("52.5, 13.4"), Cow::Borrowed(_)));
    }
}
