//! Organisers approve or decline replies waiting for them (gatherings that
//! ask for approval). The rules are in `app::backend::rsvp::approval`.

use super::{
    HttpState,
    form_page::{at_path, read_form, render_again},
    guard::{managed, unavailable},
};
use app::backend::rsvp::{
    RsvpProblem,
    approval::{self, Decision},
};
use app::i18n::td_string;
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

/// `POST /events/<id>/replies/<rsvp>/<approve|decline>`
pub async fn decide(
    State(state): State<HttpState>,
    Path((public_id, rsvp_id, answer)): Path<(String, String, String)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let decision = match answer.as_str() {
        "approve" => Decision::Approve,
        "decline" => Decision::Decline,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let db = &state.app.db;
    let result = approval::decide(
        db,
        &state.app.public_url,
        &event,
        &rsvp_id,
        decision,
        Utc::now(),
    )
    .await;
    let message = match result {
        Ok(Ok(_)) => {
            state.app.outbox.ring();
            return Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response();
        }
        Ok(Err(RsvpProblem::Cancelled | RsvpProblem::Past)) => {
            td_string!(locale, reply_date_closed)
        }
        Ok(Err(_)) => td_string!(locale, reply_already_decided),
        Err(error) => return unavailable(error),
    };
    let error = FieldError {
        field: "main".into(),
        message: message.into(),
    };
    let parts = at_path(parts, &format!("/events/{public_id}/manage"));
    let mut form = FormState::invalid(Vec::new(), vec![error]);
    form.status = Some(StatusCode::CONFLICT);
    render_again(&state, parts, form).await
}
