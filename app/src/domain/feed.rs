//! News feeds (Atom, RFC 4287, and RSS 2.0) of gatherings, for the
//! readers and websites trusted local voices use. Pure text in, XML out;
//! every text is escaped, so nothing a person typed becomes markup.

use chrono::{DateTime, Utc};

/// The feed as a whole.
pub struct Feed<'a> {
    pub title: &'a str,
    /// The page the feed is about (a host's page).
    pub page_url: &'a str,
    /// The feed's own address.
    pub self_url: &'a str,
    pub language: &'a str,
    pub updated: DateTime<Utc>,
}

/// One gathering.
pub struct Entry<'a> {
    pub url: &'a str,
    pub title: &'a str,
    /// When and where, on one line, then the description.
    pub summary: String,
    pub updated: DateTime<Utc>,
    pub author: &'a str,
}

pub fn atom(feed: &Feed, entries: &[Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        escape(feed.language)
    ));
    out.push_str(&format!("  <title>{}</title>\n", escape(feed.title)));
    out.push_str(&format!("  <id>{}</id>\n", escape(feed.self_url)));
    out.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n",
        escape(feed.self_url)
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(feed.page_url)
    ));
    out.push_str(&format!(
        "  <updated>{}</updated>\n",
        feed.updated.to_rfc3339()
    ));
    for entry in entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", escape(entry.title)));
        out.push_str(&format!("    <id>{}</id>\n", escape(entry.url)));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(entry.url)
        ));
        out.push_str(&format!(
            "    <updated>{}</updated>\n",
            entry.updated.to_rfc3339()
        ));
        out.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape(entry.author)
        ));
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&entry.summary)
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

pub fn rss(feed: &Feed, entries: &[Entry]) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    out.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n  <channel>\n");
    out.push_str(&format!("    <title>{}</title>\n", escape(feed.title)));
    out.push_str(&format!("    <link>{}</link>\n", escape(feed.page_url)));
    out.push_str(&format!(
        "    <description>{}</description>\n",
        escape(feed.title)
    ));
    out.push_str(&format!(
        "    <language>{}</language>\n",
        escape(feed.language)
    ));
    out.push_str(&format!(
        "    <lastBuildDate>{}</lastBuildDate>\n",
        feed.updated.to_rfc2822()
    ));
    out.push_str(&format!(
        "    <atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(feed.self_url)
    ));
    for entry in entries {
        out.push_str("    <item>\n");
        out.push_str(&format!("      <title>{}</title>\n", escape(entry.title)));
        out.push_str(&format!("      <link>{}</link>\n", escape(entry.url)));
        out.push_str(&format!(
            "      <guid isPermaLink=\"true\">{}</guid>\n",
            escape(entry.url)
        ));
        out.push_str(&format!(
            "      <pubDate>{}</pubDate>\n",
            entry.updated.to_rfc2822()
        ));
        out.push_str(&format!(
            "      <description>{}</description>\n",
            escape(&entry.summary)
        ));
        out.push_str("    </item>\n");
    }
    out.push_str("  </channel>\n</rss>\n");
    out
}

/// XML text and attribute values; control characters XML 1.0 forbids are
/// dropped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' | '\t' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_markup_stays_text_in_both_formats() {
        let at: DateTime<Utc> = "2026-12-05T10:00:00Z".parse().unwrap();
        let feed = Feed {
            title: "Kiez & Küche",
            page_url: "https://example.org/hosts/kiez",
            self_url: "https://example.org/hosts/kiez/feed.atom",
            language: "de",
            updated: at,
        };
        let entries = [Entry {
            url: "https://example.org/events/abc",
            title: "</title><script>alert(1)</script>",
            summary: "Sat 18:00 \u{0}· Hall".into(),
            updated: at,
            author: "Kiez & Küche",
        }];
        for xml in [atom(&feed, &entries), rss(&feed, &entries)] {
            assert!(!xml.contains("<script>"), "{xml}");
            assert!(xml.contains("&lt;/title&gt;&lt;script&gt;"));
            assert!(xml.contains("Kiez &amp; Küche"));
            assert!(!xml.contains('\u{0}'));
        }
    }
}
