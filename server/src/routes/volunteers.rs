//! Volunteer roles: organisers add and remove them; signed-in residents
//! sign up and withdraw. Rules and invariants: `app::backend::volunteers`.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::{at_path, form_again_as, render_again},
    guard::managed,
    refusal::Refusal,
};
use app::backend::volunteers::{self, RoleInput, VolunteerProblem};
use app::domain::ids::{OccurrenceId, RoleId};
use app::l10n::refusals::Explain;
use app::ui::forms::{FieldError, FormState};
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

/// `POST /events/<id>/roles` (organisers).
pub async fn add_role(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    let input = RoleInput::parse(
        form.field("role_name"),
        form.field("role_description"),
        form.field("role_slots"),
        form.field("role_shift_start"),
        form.field("role_shift_end"),
    );
    let input = match input {
        Ok(input) => RoleInput {
            at_door: form.field("role_at_door") == "1",
            ..input
        },
        Err(problems) => {
            let errors = problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.field().into(),
                    message: p.explain(locale),
                })
                .collect();
            let page = at_path(form.parts, &format!("/events/{public_id}/manage"));
            let again = FormState::invalid(form.fields, errors);
            return Err(Refusal::Page(render_again(&state, page, again).await));
        }
    };
    volunteers::add_role(&state.app.db, event.id, input).await?;
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// `POST /events/<id>/roles/<role>/remove` (organisers).
pub async fn remove_role(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, role_id)): Path<(String, RoleId)>,
    form: FormPost,
) -> Answer {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    if !volunteers::remove_role(&state.app.db, event.id, role_id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// `POST /roles/<role>/signup` (signed in).
pub async fn sign_up(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
    Path(role_id): Path<RoleId>,
    form: FormPost,
) -> Answer {
    let occurrence_id = form.field("occurrence").parse::<OccurrenceId>();
    let occurrence_id = occurrence_id.map_err(|_| Refusal::NotFound)?;
    let db = &state.app.db;
    let result =
        volunteers::sign_up(db, role_id, occurrence_id, viewer.user_id, Utc::now()).await?;
    let event = volunteers::event_of_role(db, role_id)
        .await?
        .ok_or(Refusal::NotFound)?
        .public_id;
    let message = match result {
        Ok(()) => return Ok(Redirect::to(&format!("/events/{event}#volunteer")).into_response()),
        Err(VolunteerProblem::NotFound) => return Err(Refusal::NotFound),
        Err(problem) => problem.explain(locale),
    };
    let page = at_path(form.parts, &format!("/events/{event}"));
    let conflict = StatusCode::CONFLICT;
    let again = form_again_as(conflict, &state, page, form.fields, "volunteer", &message);
    Err(Refusal::Page(again.await))
}

/// `POST /signups/<id>/withdraw` (the volunteer themself).
pub async fn withdraw(
    State(state): State<HttpState>,
    SignedIn(viewer): SignedIn,
    Path(signup): Path<String>,
) -> Answer {
    let url = &state.app.public_url;
    // Not theirs, or already withdrawn: nothing changed.
    let event = volunteers::withdraw(&state.app.db, url, &signup, viewer.user_id)
        .await?
        .ok_or(Refusal::NotFound)?;
    state.app.outbox.ring();
    Ok(Redirect::to(&format!("/events/{event}#volunteer")).into_response())
}
