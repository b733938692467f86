//! News feeds, Atom and RSS, of a host (`/hosts/{slug}/feed.atom|rss`), of
//! the gatherings a city office sponsors (`/offices/{slug}/feed.atom|rss`)
//! and of any search (`/search.atom|rss?…`, the search page's parameters): one
//! entry per gathering, in the reader's language where the gathering has
//! it, as its public page shows it. And
//! `etagged`, which every feed and calendar file answers through: an ETag
//! from the content, 304 when the reader already has it.

use super::{extract::ReaderLanguage, refusal::Refusal};
use app::backend::entities::city_office;
use app::backend::gatherings::calendar::{FeedItem, feed_items};
use app::backend::search::{self, page::SearchPageError};
use app::backend::{AppState, hosts, offices, secret};
use app::domain::feed::{Entry, Feed, atom, rss};
use app::domain::search::SearchRequest;
use app::i18n::{Locale, td_string};
use app::l10n::{format::weekday_date_time, language};
use app::views::search::GatheringCard;
use axum::{
    extract::{Path, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};

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

pub async fn office_atom(
    state: State<AppState>,
    reader: ReaderLanguage,
    slug: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    office_feed(state, reader, slug, headers, Format::Atom).await
}

pub async fn office_rss(
    state: State<AppState>,
    reader: ReaderLanguage,
    slug: Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    office_feed(state, reader, slug, headers, Format::Rss).await
}

/// `GET /search.atom?…`: the gatherings a search finds (the same
/// parameters as the search page), for "subscribe to this search".
pub async fn search_atom(
    state: State<AppState>,
    reader: ReaderLanguage,
    query: RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    search_feed(state, reader, query, headers, Format::Atom).await
}

/// `GET /search.rss?…`
pub async fn search_rss(
    state: State<AppState>,
    reader: ReaderLanguage,
    query: RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    search_feed(state, reader, query, headers, Format::Rss).await
}

#[derive(Clone, Copy)]
pub enum Format {
    Atom,
    Rss,
}

impl Format {
    fn extension(self) -> &'static str {
        match self {
            Format::Atom => "atom",
            Format::Rss => "rss",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Format::Atom => "application/atom+xml; charset=utf-8",
            Format::Rss => "application/rss+xml; charset=utf-8",
        }
    }
}

async fn host_feed(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    headers: HeaderMap,
    format: Format,
) -> Result<Response, Refusal> {
    let host = hosts::public_by_slug(&state.db, &slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let items = hosts::feed::items(&state.db, &host, language::code(reader), Utc::now()).await?;
    let page_url = format!("{}/hosts/{}", state.public_url, host.slug);
    let self_url = format!("{page_url}/feed.{}", format.extension());
    let about = About {
        title: &host.name,
        page_url: &page_url,
        self_url: &self_url,
        since: host.created_at,
    };
    Ok(etagged(
        &headers,
        write(&state, reader, &about, &items, format),
        format.content_type(),
        None,
    ))
}

async fn office_feed(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    headers: HeaderMap,
    format: Format,
) -> Result<Response, Refusal> {
    let (office, items) = office_items(&state, reader, &slug).await?;
    let page_url = format!("{}/offices/{}", state.public_url, office.slug);
    let self_url = format!("{page_url}/feed.{}", format.extension());
    let about = About {
        title: &office.name,
        page_url: &page_url,
        self_url: &self_url,
        since: office.created_at,
    };
    Ok(etagged(
        &headers,
        write(&state, reader, &about, &items, format),
        format.content_type(),
        None,
    ))
}

/// The city office at `slug` and the gatherings it sponsors.
pub async fn office_items(
    state: &AppState,
    reader: Locale,
    slug: &str,
) -> Result<(city_office::Model, Vec<FeedItem>), Refusal> {
    let office = offices::by_slug(&state.db, slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let now = Utc::now();
    let ids = offices::page::sponsored_gatherings(&state.db, &office, now).await?;
    let items = feed_items(&state.db, &ids, language::code(reader), now).await?;
    Ok((office, items))
}

async fn search_feed(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    format: Format,
) -> Result<Response, Refusal> {
    let query = query.unwrap_or_default();
    let items = match search_items(&state, reader, &query).await? {
        Some(items) => items,
        None => return Ok(bad_search(reader)),
    };
    let page_url = format!("{}/?{query}", state.public_url);
    let self_url = format!("{}/search.{}?{query}", state.public_url, format.extension());
    let title = td_string!(reader, feed_search_title).to_string();
    let about = About {
        title: &title,
        page_url: &page_url,
        self_url: &self_url,
        since: DateTime::UNIX_EPOCH,
    };
    Ok(etagged(
        &headers,
        write(&state, reader, &about, &items, format),
        format.content_type(),
        None,
    ))
}

/// The gatherings the search in `query` finds (its first page), or `None`
/// when the query is not a search the page would run.
pub async fn search_items(
    state: &AppState,
    reader: Locale,
    query: &str,
) -> Result<Option<Vec<FeedItem>>, Refusal> {
    let Some(cards) = search_cards(state, reader, query).await? else {
        return Ok(None);
    };
    let ids: Vec<String> = cards.into_iter().map(|card| card.public_id).collect();
    let items = feed_items(&state.db, &ids, language::code(reader), Utc::now()).await?;
    Ok(Some(items))
}

/// The cards of the search in `query` (its first page, in its order), or
/// `None` when the query is not a search the page would run.
pub async fn search_cards(
    state: &AppState,
    reader: Locale,
    query: &str,
) -> Result<Option<Vec<GatheringCard>>, Refusal> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let Ok(request) = SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    else {
        return Ok(None);
    };
    let language = language::code(reader);
    let results = match search::page::search(
        &state.db,
        &state.search_index,
        &request,
        language,
        Utc::now(),
    )
    .await
    {
        Ok(results) => results,
        Err(SearchPageError::Invalid(_)) => return Ok(None),
        Err(SearchPageError::Database(error)) => return Err(error.into()),
    };
    Ok(Some(results.cards))
}

/// A search the page would not run: 400, said in the reader's language.
pub fn bad_search(reader: Locale) -> Response {
    let message = td_string!(reader, feed_search_invalid).to_string();
    (
        StatusCode::BAD_REQUEST,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        message,
    )
        .into_response()
}

/// What a feed is about.
struct About<'a> {
    title: &'a str,
    page_url: &'a str,
    self_url: &'a str,
    /// Its `updated` when it lists nothing.
    since: DateTime<Utc>,
}

/// The feed of `items`: one entry per gathering, with its next date and
/// its place as the page shows them, then its description.
fn write(
    state: &AppState,
    reader: Locale,
    about: &About,
    items: &[FeedItem],
    format: Format,
) -> String {
    let now = Utc::now();
    let urls: Vec<String> = items
        .iter()
        .map(|item| format!("{}/events/{}", state.public_url, item.public_id))
        .collect();
    let entries: Vec<Entry> = items
        .iter()
        .zip(&urls)
        .map(|(item, url)| {
            let next = item.next_date(now).map(|date| {
                format!(
                    "{} {}",
                    weekday_date_time(reader, &date.starts_local),
                    date.zone_abbreviation
                )
            });
            let when_where = [next.unwrap_or_default(), item.place.one_line()]
                .into_iter()
                .filter(|part| !part.is_empty())
                .collect::<Vec<_>>()
                .join(" · ");
            Entry {
                url,
                title: &item.title,
                summary: format!("{when_where}\n\n{}", item.description_text),
                updated: item.updated_at,
                author: &item.host_name,
            }
        })
        .collect();
    let feed = Feed {
        title: about.title,
        page_url: about.page_url,
        self_url: about.self_url,
        language: language::code(reader),
        updated: items
            .iter()
            .map(|item| item.updated_at)
            .max()
            .unwrap_or(about.since),
    };
    match format {
        Format::Atom => atom(&feed, &entries),
        Format::Rss => rss(&feed, &entries),
    }
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
