//! Descriptions are Markdown written by hosts; they become HTML only through
//! here: pulldown-cmark renders, ammonia keeps a short list of harmless tags
//! and attributes, links get `rel="nofollow noopener ugc"`. Raw HTML in the
//! Markdown is shown as text, never interpreted.

use ammonia::Builder;
use pulldown_cmark::{Event, Options, Parser, TagEnd, html};
use std::collections::HashSet;
use std::sync::LazyLock;

/// The only elements a description may contain.
pub(crate) const ALLOWED_TAGS: [&str; 15] = [
    "p",
    "br",
    "strong",
    "em",
    "del",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "a",
    "h3",
    "h4",
    "hr",
];

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut builder = Builder::empty();
    builder
        .tags(HashSet::from(ALLOWED_TAGS))
        // `Builder::empty` still allows `lang` and `title` everywhere;
        // only links keep a title (Markdown's `[text](url "title")`).
        .generic_attributes(HashSet::new())
        .tag_attributes([("a", HashSet::from(["href", "title"]))].into())
        .url_schemes(HashSet::from(["http", "https", "mailto"]))
        .link_rel(Some("nofollow noopener ugc"));
    builder
});

pub fn to_safe_html(markdown: &str) -> String {
    let parser =
        Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH).map(|event| match event {
            // Hosts write Markdown; any HTML they type is shown, not run.
            Event::Html(text) | Event::InlineHtml(text) => Event::Text(text),
            other => other,
        });
    let mut unsafe_html = String::new();
    html::push_html(&mut unsafe_html, parser);
    // Headings inside a description sit below the page's own h1/h2.
    let demoted = unsafe_html
        .replace("<h1>", "<h3>")
        .replace("</h1>", "</h3>")
        .replace("<h2>", "<h3>")
        .replace("</h2>", "</h3>");
    CLEANER.clean(&demoted).to_string()
}

/// The words alone, for previews, meta tags and calendar files: at most
/// `max_chars` characters, cut at a word with "…".
pub fn to_plain_text(markdown: &str, max_chars: usize) -> String {
    let mut text = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak
            | Event::HardBreak
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) if !text.ends_with(' ') => text.push(' '),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max_chars {
        return text;
    }
    let cut: String = text.chars().take(max_chars).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

#[cfg(test)]
mod tests {
    use super::{ALLOWED_TAGS, to_plain_text, to_safe_html};

    #[test]
    fn plain_text_drops_markup_and_cuts_at_a_word() {
        assert_eq!(
            to_plain_text("Bring **a dish**.\n\nHosted by *us*.", 100),
            "Bring a dish. Hosted by us."
        );
        assert_eq!(to_plain_text("one two three", 9), "one two…");
    }

    #[test]
    fn renders_everyday_markdown() {
        let html = to_safe_html("Bring **a dish** to share.\n\n- music\n- [map](https://osm.org)");
        assert!(html.contains("<strong>a dish</strong>"), "{html}");
        assert!(html.contains("<li>music</li>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://osm.org" rel="nofollow noopener ugc">map</a>"#),
            "{html}"
        );
    }

    #[test]
    fn a_link_keeps_its_title_and_nothing_else_does() {
        let html = to_safe_html(r#"[map](https://osm.org "The map") [x](javascript:x "1")"#);
        assert!(
            html.contains(
                r#"<a href="https://osm.org" title="The map" rel="nofollow noopener ugc">"#
            ),
            "{html}"
        );
        assert!(
            html.contains(r#"<a title="1" rel="nofollow noopener ugc">x</a>"#),
            "{html}"
        );
    }

    #[test]
    fn never_lets_scripts_through() {
        let payloads = [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[click](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=https://evil.example></iframe>",
            "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
            "<svg onload=alert(1)>",
            "<details open ontoggle=alert(1)>",
            "![x](https://evil.example/a.png\" onerror=\"alert(1))",
        ];
        for payload in payloads {
            let html = to_safe_html(payload).to_lowercase();
            // Every tag left is harmless: an allowed name, no event handler,
            // no script or data URL. Text may still *show* the payload.
            for tag in html
                .split('<')
                .skip(1)
                .filter_map(|rest| rest.split_once('>'))
            {
                let tag = tag.0.trim_start_matches('/');
                let name = tag.split_whitespace().next().unwrap_or("");
                assert!(ALLOWED_TAGS.contains(&name), "{payload} left <{tag}>");
                assert!(!tag.contains(" on"), "{payload} left <{tag}>");
                assert!(
                    !tag.contains("javascript:") && !tag.contains("data:"),
                    "{payload} left <{tag}>"
                );
            }
        }
    }

    #[test]
    fn typed_html_is_shown_as_text() {
        assert_eq!(
            to_safe_html("I <3 <b>food</b>"),
            "<p>I &lt;3 &lt;b&gt;food&lt;/b&gt;</p>\n"
        );
    }
}
