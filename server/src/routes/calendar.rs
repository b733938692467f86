//! Calendar files (iCalendar): a gathering's (`GET /events/{id}/calendar.ics`,
//! "add to calendar"), and a host's (`/hosts/{slug}/calendar.ics`) or a
//! search's (`/search.ics?…`) for a calendar app to subscribe to, titled in
//! the reader's language.
//!
//! Every date from a month ago on is listed, cancelled ones marked
//! cancelled; times are UTC; each date is its own event with a stable UID
//! and a SEQUENCE that grows with every change. The dates are listed one by
//! one rather than as a rule: dates moved or cancelled one at a time, and
//! the scheduler's horizon, are then exactly what the page shows.

use super::{
    extract::ReaderLanguage,
    feeds::{self, etagged},
    refusal::Refusal,
};
use app::backend::gatherings::calendar::FeedItem;
use app::backend::{AppState, gatherings, hosts};
use app::domain::ics::{CalendarEvent, calendar, occurrence_uid};
use app::domain::status::DateStatus;
use app::l10n::language;
use axum::{
    extract::{Path, RawQuery, State},
    http::HeaderMap,
    response::Response,
};
use chrono::{DateTime, Utc};

pub async fn download(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(public_id): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let items = gatherings::calendar::feed_items(
        &state.db,
        std::slice::from_ref(&public_id),
        language::code(reader),
        Utc::now(),
    )
    .await?;
    let item = items.first().ok_or(Refusal::NotFound)?;
    let texts = Texts::of(&state.public_url, item);
    let events = texts.events(&state.public_url, item);
    // A calendar file holds at least one event (RFC 5545).
    if events.is_empty() {
        return Err(Refusal::NotFound);
    }
    let name = format!("{}.ics", item.public_id);
    // Stamped with the last change, so an unchanged file keeps its ETag.
    let stamp = item.updated_at;
    Ok(etagged(
        &headers,
        calendar(&events, stamp),
        CALENDAR_TYPE,
        Some(&name),
    ))
}

/// `GET /hosts/{slug}/calendar.ics`: every gathering of the host, to
/// subscribe to (`webcal://` on the host's page).
pub async fn host(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let now = Utc::now();
    let host = hosts::public_by_slug(&state.db, &slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let items = hosts::feed::items(&state.db, &host, language::code(reader), now).await?;
    let name = format!("{}.ics", host.slug);
    Ok(subscribed(&state, &headers, &items, &name, host.created_at))
}

/// `GET /offices/{slug}/calendar.ics`: the gatherings a city office
/// sponsors, to subscribe to.
pub async fn office(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let (office, items) = feeds::office_items(&state, reader, &slug).await?;
    let name = format!("{}.ics", office.slug);
    Ok(subscribed(
        &state,
        &headers,
        &items,
        &name,
        office.created_at,
    ))
}

/// `GET /search.ics?…`: the gatherings a search finds (the search page's
/// parameters), for "subscribe to this search".
pub async fn search(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Refusal> {
    let Some(items) = feeds::search_items(&state, reader, &query.unwrap_or_default()).await? else {
        return Ok(feeds::bad_search(reader));
    };
    Ok(subscribed(
        &state,
        &headers,
        &items,
        "search.ics",
        DateTime::UNIX_EPOCH,
    ))
}

/// A calendar to subscribe to with every date of `items`, stamped with the
/// latest change (`since` when there is none), so an unchanged calendar
/// keeps its ETag.
pub fn subscribed(
    state: &AppState,
    headers: &HeaderMap,
    items: &[FeedItem],
    name: &str,
    since: DateTime<Utc>,
) -> Response {
    let texts: Vec<Texts> = items
        .iter()
        .map(|item| Texts::of(&state.public_url, item))
        .collect();
    let events: Vec<CalendarEvent> = items
        .iter()
        .zip(&texts)
        .flat_map(|(item, texts)| texts.events(&state.public_url, item))
        .collect();
    let stamp = items
        .iter()
        .map(|item| item.updated_at)
        .max()
        .unwrap_or(since);
    etagged(headers, calendar(&events, stamp), CALENDAR_TYPE, Some(name))
}

const CALENDAR_TYPE: &str = "text/calendar; charset=utf-8";

/// What every date of one gathering says, as the page says it.
struct Texts {
    url: String,
    location: String,
}

impl Texts {
    fn of(public_url: &str, item: &FeedItem) -> Self {
        Self {
            url: format!("{public_url}/events/{}", item.public_id),
            location: match &item.place.address {
                Some(address) => format!("{}, {address}", item.place.name),
                None => item.place.name.clone(),
            },
        }
    }

    fn events<'a>(&'a self, public_url: &str, item: &'a FeedItem) -> Vec<CalendarEvent<'a>> {
        item.dates
            .iter()
            .map(|date| CalendarEvent {
                uid: occurrence_uid(public_url, date.id),
                starts_at: date.starts_at,
                ends_at: date.ends_at,
                summary: &item.title,
                description: &item.description_text,
                location: self.location.clone(),
                latitude: item.place.exact.then_some(item.place.latitude),
                longitude: item.place.exact.then_some(item.place.longitude),
                url: &self.url,
                cancelled: item.cancelled || date.status == DateStatus::Cancelled,
                sequence: date.sequence,
            })
            .collect()
    }
}
