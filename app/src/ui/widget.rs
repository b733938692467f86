//! The embeddable list (`/widget/…`): a host's, a city office's or a
//! search's upcoming gatherings as a small page of its own that other
//! websites put in an `<iframe>`. No scripts, no forms, no cookies and
//! nothing fetched from elsewhere, so any site may frame it and it tracks
//! nobody; it reads in the language asked for, in the light or dark of the
//! site around it, and every link opens the gathering on our site in a new
//! tab.

use crate::domain::text::escape_html;
use crate::i18n::{Locale, td_string};
use crate::l10n::format::weekday_date_time;
use crate::views::search::GatheringCard;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

/// The most gatherings a widget lists.
pub const MOST_LISTED: usize = 20;
/// How many it lists unless asked for fewer or more.
pub const LISTED_BY_DEFAULT: usize = 5;

/// Light or dark: the reader's system setting unless the embedding site
/// chose one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub fn parse(value: &str) -> Option<Self> {
        match value {
            "light" => Some(Self::Light),
            "dark" => Some(Self::Dark),
            "system" | "" => Some(Self::System),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }
}

/// What one widget shows.
pub struct Widget<'a> {
    pub locale: Locale,
    pub theme: Theme,
    /// Whose gatherings: a host's or an office's name, or "this search".
    pub title: &'a str,
    /// The full list on our site.
    pub more_url: &'a str,
    pub public_url: &'a str,
    /// Upcoming dates, as the page of the host, the office or the search
    /// lists them, at most the number asked for.
    pub gatherings: &'a [GatheringCard],
}

/// The widget as a whole HTML document.
pub fn render(widget: &Widget) -> String {
    let locale = widget.locale;
    let items = widget
        .gatherings
        .iter()
        .map(|card| {
            let url = format!("{}/events/{}", widget.public_url, card.public_id);
            let when = format!(
                "{} {}",
                weekday_date_time(locale, &card.starts_local),
                card.zone_abbreviation
            );
            view! {
                <li>
                    <a href=url target="_blank" rel="noopener" lang=card.title_language.clone()>
                        {card.title.clone()}
                    </a>
                    <time datetime=card.starts_at_utc.clone()>{when}</time>
                    <span class="place">{card.place_name.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let body = view! {
        <html lang=locale.as_str() dir=locale.direction().as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="robots" content="noindex" />
                <meta name="referrer" content="no-referrer" />
                // Leptos writes a title's text as it is (see `escape_html`).
                <title>{escape_html(widget.title)}</title>
                <link rel="stylesheet" href="/widget.css" />
            </head>
            <body class=format!("theme-{}", widget.theme.as_str())>
                <h1>{widget.title.to_string()}</h1>
                {if widget.gatherings.is_empty() {
                    view! { <p>{td_string!(locale, nothing_planned)}</p> }.into_any()
                } else {
                    view! { <ul>{items}</ul> }.into_any()
                }}
                <p class="more">
                    <a href=widget.more_url.to_string() target="_blank" rel="noopener">
                        {td_string!(locale, widget_more)}
                    </a>
                </p>
            </body>
        </html>
    };
    format!("<!DOCTYPE html>{}", body.to_html())
}
