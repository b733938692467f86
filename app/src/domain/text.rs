//! Plain text typed by people, made safe to show on one line.

/// One line of plain text: control characters and runs of whitespace
/// become single spaces, trimmed.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text as typed into a form field, without the control characters no
/// keyboard produces (NUL and the like), which databases refuse or store
/// raw; line breaks and tabs stay.
pub fn without_control_characters(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// A web link as a reader sees it: without the scheme, a leading `www.`
/// or a trailing slash ("https://www.kiez.example/" → "kiez.example").
pub fn link_label(url: &str) -> String {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let rest = rest.strip_prefix("www.").unwrap_or(rest);
    rest.strip_suffix('/').unwrap_or(rest).to_string()
}

#[cfg(test)]
mod tests {
    use super::{link_label, one_line, without_control_characters};

    #[test]
    fn typed_text_loses_invisible_control_characters_only() {
        assert_eq!(
            without_control_characters("Tea\u{0} & talk\u{7}\r\n\tمرحبا\u{1b}"),
            "Tea & talk\r\n\tمرحبا"
        );
    }

    #[test]
    fn links_are_shown_without_their_scheme() {
        assert_eq!(link_label("https://www.kiez.example/"), "kiez.example");
        assert_eq!(
            link_label("http://social.example/@kiez"),
            "social.example/@kiez"
        );
    }

    #[test]
    fn whitespace_and_control_characters_collapse() {
        assert_eq!(one_line("  Amal \t K.\u{0}\n "), "Amal K.");
        assert_eq!(one_line(""), "");
    }
}
