//! `GET /events/{id}/calendar.ics`: "add to calendar" — every date of a
//! gathering from a month ago on, cancelled ones marked cancelled, as an
//! iCalendar file titled in the reader's language. Times are UTC; each
//! date is its own event with a stable UID and a SEQUENCE that grows with
//! every change (the dates are listed one by one rather than as a rule:
//! dates moved or cancelled one at a time, and the scheduler's horizon,
//! are then exactly what the page shows).

use super::{extract::ReaderLanguage, refusal::Refusal};
use app::backend::{AppState, gatherings};
use app::domain::ics::{CalendarEvent, calendar, occurrence_uid};
use app::domain::status::DateStatus;
use app::l10n::language;
use axum::{
    extract::{Path, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::Utc;

pub async fn download(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(public_id): Path<String>,
) -> Result<Response, Refusal> {
    let now = Utc::now();
    let details = gatherings::page::load(&state.db, &public_id, language::code(reader), now)
        .await?
        .ok_or(Refusal::NotFound)?;
    let url = format!("{}/events/{}", state.public_url, details.public_id);
    let location = match &details.place.address {
        Some(address) => format!("{}, {address}", details.place.name),
        None => details.place.name.clone(),
    };
    let event = gatherings::by_public_id(&state.db, &public_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    let dates = gatherings::calendar::dates(&state.db, event.id, now).await?;
    let events: Vec<CalendarEvent> = dates
        .iter()
        .map(|date| CalendarEvent {
            uid: occurrence_uid(&state.public_url, date.id),
            starts_at: date.starts_at,
            ends_at: date.ends_at,
            summary: &details.title,
            description: &details.description_text,
            location: location.clone(),
            latitude: details.place.exact.then_some(details.place.latitude),
            longitude: details.place.exact.then_some(details.place.longitude),
            url: &url,
            cancelled: details.cancelled || date.status == DateStatus::Cancelled,
            sequence: date.sequence,
        })
        .collect();
    // A calendar file holds at least one event (RFC 5545).
    if events.is_empty() {
        return Err(Refusal::NotFound);
    }
    let file = format!("attachment; filename=\"{}.ics\"", details.public_id);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, file),
        ],
        calendar(&events, now),
    )
        .into_response())
}
