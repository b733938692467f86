//! Languages spoken at gatherings, named in their own script so that a
//! reader finds theirs without knowing its name in the page's language.

/// ISO 639 codes this app knows, with the language's own name. Order is
/// the order filters show them in.
const SPOKEN_LANGUAGES: &[(&str, &str)] = &[
    ("en", "English"),
    ("fr", "Français"),
    ("es", "Español"),
    ("de", "Deutsch"),
    ("ar", "العربية"),
    ("fa", "فارسی"),
    ("uk", "Українська"),
    ("tr", "Türkçe"),
    ("ru", "Русский"),
    ("pl", "Polski"),
    ("ro", "Română"),
    ("it", "Italiano"),
    ("pt", "Português"),
    ("nl", "Nederlands"),
    ("ps", "پښتو"),
    ("ku", "Kurdî"),
    ("ti", "ትግርኛ"),
    ("am", "አማርኛ"),
    ("so", "Soomaali"),
    ("sw", "Kiswahili"),
    ("ur", "اردو"),
    ("hi", "हिन्दी"),
    ("bn", "বাংলা"),
    ("zh", "中文"),
    ("vi", "Tiếng Việt"),
    ("sq", "Shqip"),
    ("sr", "Српски"),
    ("bs", "Bosanski"),
    ("el", "Ελληνικά"),
    ("he", "עברית"),
];

/// A language spoken at a gathering: one of [`SPOKEN_LANGUAGES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpokenLanguage(&'static str, &'static str);

impl SpokenLanguage {
    pub fn from_code(code: &str) -> Option<Self> {
        SPOKEN_LANGUAGES
            .iter()
            .find(|(known, _)| *known == code)
            .map(|(code, name)| Self(code, name))
    }

    pub fn all() -> impl Iterator<Item = Self> {
        SPOKEN_LANGUAGES.iter().map(|(code, name)| Self(code, name))
    }

    pub fn code(self) -> &'static str {
        self.0
    }

    /// The language's name in its own script ("العربية").
    pub fn own_name(self) -> &'static str {
        self.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_codes_resolve_and_unknown_ones_do_not() {
        assert_eq!(SpokenLanguage::from_code("fa").unwrap().own_name(), "فارسی");
        assert_eq!(SpokenLanguage::from_code("xx"), None);
        assert_eq!(SpokenLanguage::from_code("EN"), None);
    }

    #[test]
    fn codes_are_unique() {
        let mut codes: Vec<_> = SpokenLanguage::all().map(SpokenLanguage::code).collect();
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), SPOKEN_LANGUAGES.len());
    }
}
