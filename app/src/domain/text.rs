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

/// Text of several lines as typed into a text area: Windows line breaks
/// made plain, control characters other than line breaks and direction
/// overrides removed, and trimmed.
pub fn lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !(c.is_control() || is_direction_override(*c)))
        .collect::<String>()
        .trim()
        .to_string()
}

/// The characters that force a direction onto the text around them
/// (U+202A–U+202E, U+2066–U+2069): typed, they can make a story or message
/// read differently from what it says. Pages set `dir="auto"` instead.
/// The characters that change the direction of the text after them
/// (embeddings, overrides, isolates).
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with the characters that mean markup (`&`, `<`, `>`, quotes)
/// written as character references: for element content and quoted
/// attribute values in HTML, SVG and emails. Also for the content of
/// `<title>` and `<textarea>`, which Leptos writes as it is: browsers read
/// it as text with references, so what was typed shows exactly while no
/// typed `</title>` or `</textarea>` can end the element.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
    use super::{escape_html, link_label, one_line, without_control_characters};

    #[test]
    fn no_typed_text_can_close_its_element() {
        let typed = "Tea & talk </title><script>alert(1)</script></textarea>";
        let safe = escape_html(typed);
        assert!(!safe.contains('<'));
        assert_eq!(
            safe,
            "Tea &amp; talk &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;"
        );
        assert_eq!(escape_html("\"a\" 'b'"), "&quot;a&quot; &#39;b&#39;");
    }

    #[test]
    fn everyday_text_is_unchanged() {
        assert_eq!(escape_html("Café Amal — قهوة"), "Café Amal — قهوة");
    }

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
