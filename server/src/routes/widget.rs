//! The embeddable widget: `/widget/hosts/{slug}`, `/widget/offices/{slug}`
//! and `/widget/search?…` (the search page's parameters, so "an area" is a
//! place and a radius) list upcoming gatherings for an `<iframe>` on
//! another site. Beside the list's own parameters, each takes `lang` (the
//! widget's language, else the reader's browser's), `theme` (`light`,
//! `dark`, else the reader's system) and `count` (1–20, default 5).
//!
//! These are the only pages other sites may frame: their policy allows any
//! `frame-ancestors` and nothing else (no scripts, no forms, styles from us
//! only), and the request-context middleware sets no cookie on them
//! (`request_context::is_static`).

use super::extract::ReaderLanguage;
use super::feeds::{bad_search, etagged, search_cards};
use super::refusal::Refusal;
use super::security_headers::Frameable;
use app::backend::{AppState, hosts, offices};
use app::i18n::{Locale, td_string};
use app::l10n::language;
use app::ui::widget::{self, LISTED_BY_DEFAULT, MOST_LISTED, Theme, Widget};
use app::views::search::GatheringCard;
use axum::{
    extract::{Path, RawQuery, State},
    http::{HeaderMap, HeaderValue, header},
    response::Response,
};

/// The policy of a widget page: anything may frame it; it runs nothing.
const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     base-uri 'none'; form-action 'none'; frame-ancestors *";

/// How the embedding site asked the widget to look.
struct Options {
    locale: Locale,
    theme: Theme,
    count: usize,
}

impl Options {
    /// Reads `lang`, `theme` and `count`; anything unknown falls back to
    /// the default, since a widget on someone's site should show something.
    fn read(query: &str, reader: Locale) -> Self {
        let mut options = Self {
            locale: reader,
            theme: Theme::System,
            count: LISTED_BY_DEFAULT,
        };
        for (key, value) in form_urlencoded::parse(query.as_bytes()) {
            match key.as_ref() {
                "lang" => {
                    if let Some(locale) = language::parse(&value) {
                        options.locale = locale;
                    }
                }
                "theme" => options.theme = Theme::parse(&value).unwrap_or_default(),
                "count" => {
                    if let Ok(count) = value.parse::<usize>() {
                        options.count = count.clamp(1, MOST_LISTED);
                    }
                }
                _ => {}
            }
        }
        options
    }
}

pub async fn host(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let options = Options::read(query.as_deref().unwrap_or_default(), reader);
    // What the host's page lists, read as by someone with no account.
    let host = hosts::page::load(&state.db, None, &slug, language::code(options.locale))
        .await?
        .ok_or(Refusal::NotFound)?;
    let more_url = format!("{}/hosts/{}", state.public_url, host.slug);
    Ok(respond(
        &state,
        &headers,
        &options,
        &host.name,
        &more_url,
        host.gatherings,
    ))
}

pub async fn office(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let options = Options::read(query.as_deref().unwrap_or_default(), reader);
    let office = offices::page::office(&state.db, None, &slug, language::code(options.locale))
        .await?
        .ok_or(Refusal::NotFound)?;
    let more_url = format!("{}/offices/{}", state.public_url, office.slug);
    Ok(respond(
        &state,
        &headers,
        &options,
        &office.name,
        &more_url,
        office.gatherings,
    ))
}

pub async fn search(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let query = query.unwrap_or_default();
    let options = Options::read(&query, reader);
    let Some(cards) = search_cards(&state, options.locale, &query).await? else {
        return Ok(bad_search(options.locale));
    };
    let more_url = format!("{}/?{query}", state.public_url);
    let title = td_string!(options.locale, feed_search_title).to_string();
    Ok(respond(
        &state, &headers, &options, &title, &more_url, cards,
    ))
}

/// The widget page of `cards` (already in the page's order), cut to the
/// number asked for.
fn respond(
    state: &AppState,
    headers: &HeaderMap,
    options: &Options,
    title: &str,
    more_url: &str,
    mut cards: Vec<GatheringCard>,
) -> Response {
    cards.truncate(options.count);
    let html = widget::render(&Widget {
        locale: options.locale,
        theme: options.theme,
        title,
        more_url,
        public_url: &state.public_url,
        gatherings: &cards,
    });
    let mut response = etagged(headers, html, "text/html; charset=utf-8", None);
    response.extensions_mut().insert(Frameable);
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(POLICY),
    );
    response
}
