//! A host's news feeds, Atom (`/hosts/{slug}/feed.atom`) and RSS
//! (`/hosts/{slug}/feed.rss`): one entry per gathering, in the reader's
//! language where the gathering has it, as its public page shows it. And
//! `etagged`, which every feed and calendar file answers through: an ETag
//! from the content, 304 when the reader already has it.

use super::{extract::ReaderLanguage, refusal::Refusal};
use app::backend::{AppState, hosts, secret};
use app::domain::feed::{Entry, Feed, atom, rss};
use app::l10n::{format::weekday_date_time, language};
use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;

pub async fn host_atom(
    state: State<AppState>,
    reader: ReaderLanguage,
    slug: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    host_feed(state, reader, slug, headers, Format::Atom).await
}

pub async fn host_rss(
    state: State<AppState>,
    reader: ReaderLanguage,
    slug: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    host_feed(state, reader, slug, headers, Format::Rss).await
}

enum Format {
    Atom,
    Rss,
}

async fn host_feed(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    headers: HeaderMap,
    format: Format,
) -> Result<Response, Refusal> {
    let host = hosts::by_slug(&state.db, &slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let items = hosts::feed::items(&state.db, &host, language::code(reader), Utc::now()).await?;
    let page_url = format!("{}/hosts/{}", state.public_url, host.slug);
    let (extension, content_type) = match format {
        Format::Atom => ("atom", "application/atom+xml; charset=utf-8"),
        Format::Rss => ("rss", "application/rss+xml; charset=utf-8"),
    };
    let self_url = format!("{page_url}/feed.{extension}");
    let urls: Vec<String> = items
        .iter()
        .map(|i| format!("{}/events/{}", state.public_url, i.details.public_id))
        .collect();
    let entries: Vec<Entry> = items
        .iter()
        .zip(&urls)
        .map(|(item, url)| {
            let details = &item.details;
            let next = details.dates.first().map(|date| {
                format!(
                    "{} {}",
                    weekday_date_time(reader, &date.starts_local),
                    date.zone_abbreviation
                )
            });
            let place = &details.place;
            let where_ = match (&place.address, &place.locality) {
                (Some(address), _) => format!("{}, {address}", place.name),
                (None, Some(town)) => format!("{}, {town}", place.name),
                (None, None) => place.name.clone(),
            };
            let when_where = [next.unwrap_or_default(), where_]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            Entry {
                url,
                title: &details.title,
                summary: format!("{when_where}\n\n{}", details.description_text),
                updated: details.updated_at,
                author: &details.host_name,
            }
        })
        .collect();
    let feed = Feed {
        title: &host.name,
        page_url: &page_url,
        self_url: &self_url,
        language: language::code(reader),
        updated: items
            .iter()
            .map(|i| i.details.updated_at)
            .max()
            .unwrap_or(host.created_at),
    };
    let body = match format {
        Format::Atom => atom(&feed, &entries),
        Format::Rss => rss(&feed, &entries),
    };
    Ok(etagged(&headers, body, content_type, None))
}

/// `body` with an ETag made from it, or 304 Not Modified when the reader
/// sent that ETag. Shared caches may keep it for five minutes; it differs
/// by language, which the cookie or Accept-Language chooses.
pub fn etagged(
    headers: &HeaderMap,
    body: String,
    content_type: &'static str,
    file_name: Option<&str>,
) -> Response {
    let etag = format!("\"{}\"", &secret::hash(&body)[..32]);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|sent| {
            sent.split(',')
                .any(|tag| tag.trim() == etag || tag.trim() == "*")
        });
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, content_type)], body).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    if let Some(name) = file_name
        && !fresh
        && let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
