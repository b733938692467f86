//! `GET /events/{id}/calendar.ics`: "add to calendar" — every upcoming date
//! of a gathering as an iCalendar file, titled in the reader's language.

use app::backend::{AppState, event_page};
use app::domain::ics::{CalendarEvent, calendar};
use app::ui::locale;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::Utc;

pub async fn download(
    State(state): State<AppState>,
    Path(public_id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let language = locale::code(locale::from_headers(&headers));
    let now = Utc::now();
    let details = match event_page::load(&state.db, &public_id, language, now).await {
        Ok(Some(details)) => details,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "calendar file: database error");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let url = format!("{}/events/{}", state.public_url, details.public_id);
    let host = state
        .public_url
        .split("://")
        .nth(1)
        .unwrap_or("commonground")
        .to_string();
    let location = match &details.place.address {
        Some(address) => format!("{}, {address}", details.place.name),
        None => details.place.name.clone(),
    };
    let events: Vec<CalendarEvent> = details
        .dates
        .iter()
        .map(|date| CalendarEvent {
            uid: format!("occurrence-{}@{host}", date.occurrence_id),
            starts_at: date.starts_at,
            ends_at: date.ends_at,
            summary: &details.title,
            description: &details.description_text,
            location: location.clone(),
            latitude: details.place.exact.then_some(details.place.latitude),
            longitude: details.place.exact.then_some(details.place.longitude),
            url: &url,
            cancelled: details.cancelled,
        })
        .collect();
    if events.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    (
        [
            (
                header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}.ics\"", details.public_id),
            ),
        ],
        calendar(&events, now),
    )
        .into_response()
}
