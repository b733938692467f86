//! Organisers approve or decline replies waiting for them (gatherings that
//! ask for approval). The rules are in `app::backend::replies::approval`.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, form_again_as},
    guard::managed,
    refusal::Refusal,
};
use app::backend::replies::approval::{self, Decision};
use app::l10n::refusals::decision_refused;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

/// `POST /events/<id>/replies/<rsvp>/<approve|decline>`
pub async fn decide(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, rsvp_id, answer)): Path<(String, String, String)>,
    form: FormPost,
) -> Result<Response, Refusal> {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    let decision = match answer.as_str() {
        "approve" => Decision::Approve,
        "decline" => Decision::Decline,
        _ => return Err(Refusal::NotFound),
    };
    let url = &state.app.public_url;
    let decided = approval::decide(&state.app.db, url, &event, &rsvp_id, decision, Utc::now());
    let message = match decided.await? {
        Ok(_) => {
            state.app.outbox.ring();
            let saved = format!("/events/{public_id}/manage?saved=1");
            return Ok(Redirect::to(&saved).into_response());
        }
        Err(problem) => decision_refused(locale, problem),
    };
    let page = at_path(form.parts, &format!("/events/{public_id}/manage"));
    let conflict = StatusCode::CONFLICT;
    let again = form_again_as(conflict, &state, page, Vec::new(), "main", &message);
    Err(Refusal::Page(again.await))
}
