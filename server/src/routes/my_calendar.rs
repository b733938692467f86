//! "My gatherings" in a calendar app (`app::backend::replies::my_calendar`):
//! `POST /account/calendar-link` emails the signed-in person a new secret
//! address (the old one stops), `POST /account/calendar-link/stop` stops
//! it, and `GET /my/calendar/{token}.ics` is the calendar itself.

use super::{
    HttpState,
    calendar::subscribed,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::rate_limited,
    refusal::Refusal,
};
use app::backend::{rate_limit::limits, replies::my_calendar};
use app::l10n::language;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Utc};

type Answer = Result<Response, Refusal>;

/// Where the account page shows the calendar link.
const BACK: &str = "/account#calendar";

pub async fn send_link(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
    form: FormPost,
) -> Answer {
    let FormPost { parts, fields } = form;
    // Every new link is an email to the person: as few as sign-in links.
    let key = [(
        format!("calendar-link:{}", viewer.user_id),
        limits::SIGN_IN_PER_ADDRESS,
    )];
    let page = super::form_page::at_path(parts, "/account");
    rate_limited(&state, &page, &key, &fields, "calendar", locale).await?;
    let app = &state.app;
    my_calendar::send_new_link(
        &app.db,
        &app.public_url,
        viewer.user_id,
        &viewer.email,
        locale,
        Utc::now(),
    )
    .await?;
    app.outbox.ring();
    Ok(Redirect::to("/account?calendar=sent#calendar").into_response())
}

pub async fn stop_link(State(state): State<HttpState>, SignedIn(viewer): SignedIn) -> Answer {
    my_calendar::stop(&state.app.db, viewer.user_id).await?;
    Ok(Redirect::to(BACK).into_response())
}

/// `GET /my/calendar/{token}.ics`. Unknown and stopped addresses are 404,
/// alike. Never stored by a shared cache: it is one person's.
pub async fn calendar(
    State(state): State<HttpState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let token = file.strip_suffix(".ics").ok_or(Refusal::NotFound)?;
    let app = &state.app;
    let user_id = my_calendar::owner(&app.db, token)
        .await?
        .ok_or(Refusal::NotFound)?;
    let items = my_calendar::items(&app.db, user_id, language::code(reader), Utc::now()).await?;
    let mut response = subscribed(
        app,
        &headers,
        &items,
        "my-gatherings.ics",
        DateTime::UNIX_EPOCH,
    );
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    Ok(response)
}
