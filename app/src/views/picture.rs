//! A gathering's cover picture as pages and the JSON API show it: its
//! description, its shape (so the page reserves its space and nothing
//! moves when it arrives) and its files at each width, for `srcset`.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PictureView {
    /// What it shows, for people who cannot see it.
    pub alt: String,
    /// The shape at its widest file.
    pub width: u32,
    pub height: u32,
    /// `(width in pixels, address)`, narrowest first.
    pub files: Vec<(u32, String)>,
}

impl PictureView {
    /// The `srcset` attribute: each file with its width.
    pub fn srcset(&self) -> String {
        self.files
            .iter()
            .map(|(width, url)| format!("{url} {width}w"))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The narrowest file: the `src` of a thumbnail.
    pub fn smallest(&self) -> &str {
        self.files.first().map_or("", |(_, url)| url.as_str())
    }

    /// The widest file: the `src` of a cover and of link previews.
    pub fn largest(&self) -> &str {
        self.files.last().map_or("", |(_, url)| url.as_str())
    }
}
