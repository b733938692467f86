//! A rendered page, queried by CSS selector the way a person reads it —
//! by visible text and attributes, not by exact markup.

use scraper::{Html, Selector};

pub struct Page {
    pub status: reqwest::StatusCode,
    html: Html,
    pub source: String,
}

impl Page {
    pub fn new(status: reqwest::StatusCode, source: String) -> Self {
        Self {
            status,
            html: Html::parse_document(&source),
            source,
        }
    }

    /// Reads the whole body of an HTTP response.
    pub async fn from_response(response: reqwest::Response) -> Self {
        let status = response.status();
        Self::new(status, response.text().await.expect("page body"))
    }

    fn selector(css: &str) -> Selector {
        Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css:?}: {e}"))
    }

    /// The visible text of every element matching `css`, whitespace collapsed.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.html
            .select(&Self::selector(css))
            .map(|el| {
                el.text()
                    .collect::<String>()
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// The text of the first element matching `css`; panics when there is none.
    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("no element matches {css:?} in:\n{}", self.source))
    }

    pub fn attr(&self, css: &str, name: &str) -> Option<String> {
        self.html
            .select(&Self::selector(css))
            .next()
            .and_then(|el| el.value().attr(name).map(str::to_string))
    }

    /// The attribute `name` of every element matching `css` that has it.
    pub fn attrs(&self, css: &str, name: &str) -> Vec<String> {
        self.html
            .select(&Self::selector(css))
            .filter_map(|el| el.value().attr(name).map(str::to_string))
            .collect()
    }

    /// Every text a reader sees, in document order: the text outside
    /// `script`, `style` and `template`, whitespace collapsed.
    pub fn visible_text(&self) -> String {
        const UNSEEN: [&str; 3] = ["script", "style", "template"];
        let mut text = String::new();
        for node in self.html.root_element().descendants() {
            let Some(words) = node.value().as_text() else {
                continue;
            };
            let unseen = node.ancestors().any(|parent| {
                parent
                    .value()
                    .as_element()
                    .is_some_and(|element| UNSEEN.contains(&element.name()))
            });
            if !unseen {
                text.push_str(words);
                text.push(' ');
            }
        }
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn has(&self, css: &str) -> bool {
        self.html.select(&Self::selector(css)).next().is_some()
    }

    /// The HTML inside the first element matching `css` (empty when none).
    pub fn inner_html(&self, css: &str) -> String {
        self.html
            .select(&Self::selector(css))
            .next()
            .map(|el| el.inner_html())
            .unwrap_or_default()
    }
}
