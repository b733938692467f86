//! Text for the few elements whose content the renderer writes as it is.
//!
//! Leptos escapes text everywhere except inside `<textarea>` (and `<script>`,
//! `<style>`, `<noscript>`, which we never fill with people's text), and
//! `leptos_meta` writes `<title>` unescaped. A browser reads the content of
//! `<title>` and `<textarea>` as text with character references, so
//! escaping `&` and `<` shows exactly what was typed while no typed
//! `</title>` or `</textarea>` can end the element.

/// `text` with `&`, `<` and `>` written as character references, for the
/// content of `<title>` and `<textarea>`.
pub fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escaped;

    #[test]
    fn no_typed_text_can_close_its_element() {
        let typed = "Tea & talk </title><script>alert(1)</script></textarea>";
        let safe = escaped(typed);
        assert!(!safe.contains('<'));
        assert_eq!(
            safe,
            "Tea &amp; talk &lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;/textarea&gt;"
        );
    }

    #[test]
    fn everyday_text_is_unchanged() {
        assert_eq!(escaped("Café \"Amal\" — قهوة"), "Café \"Amal\" — قهوة");
    }
}
