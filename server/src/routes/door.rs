//! The door's writes (`app::backend::door`): checking in a reply, taking it
//! back and counting walk-ins (organisers, and the helpers they let in),
//! each answered by going back to the door page with what was looked up,
//! or by the page again with the problem (422) and nothing changed; and
//! letting a volunteer help at the door (organisers).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, form_again},
    guard,
    refusal::Refusal,
};
use app::backend::door::{
    check_in::{self, CheckInProblem},
    helpers,
};
use app::domain::ids::OccurrenceId;
use app::i18n::Locale;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

/// `POST /events/{id}/dates/{occurrence}/door/check-in`: `reply`, `people`.
pub async fn check_in(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    form: FormPost,
) -> Answer {
    let door = guard::door(&state, &form.parts, &public_id, occurrence_id, locale).await?;
    let people = form.field("people").trim().parse::<i32>().unwrap_or(0);
    let outcome = check_in::check_in(
        &state.app.db,
        &door,
        form.field("reply"),
        people,
        Utc::now(),
    )
    .await?;
    answer(
        &state,
        form,
        &public_id,
        occurrence_id,
        outcome,
        "in",
        locale,
    )
    .await
}

/// `POST /events/{id}/dates/{occurrence}/door/undo`: `reply`.
pub async fn undo(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    form: FormPost,
) -> Answer {
    let door = guard::door(&state, &form.parts, &public_id, occurrence_id, locale).await?;
    let outcome = check_in::undo(&state.app.db, &door, form.field("reply")).await?;
    answer(
        &state,
        form,
        &public_id,
        occurrence_id,
        outcome,
        "undone",
        locale,
    )
    .await
}

/// `POST /events/{id}/dates/{occurrence}/door/walk-ins`: `key`, `people`.
pub async fn walk_in(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    form: FormPost,
) -> Answer {
    let door = guard::door(&state, &form.parts, &public_id, occurrence_id, locale).await?;
    let people = form.field("people").trim().parse::<i32>().unwrap_or(0);
    let outcome =
        check_in::walk_in(&state.app.db, &door, form.field("key"), people, Utc::now()).await?;
    answer(
        &state,
        form,
        &public_id,
        occurrence_id,
        outcome,
        "walk-in",
        locale,
    )
    .await
}

/// `POST /events/{id}/door-helpers/{signup}`: `allow` ("1" lets the
/// volunteer check guests in, empty stops them). Organisers only.
pub async fn helper(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, signup)): Path<(String, String)>,
    form: FormPost,
) -> Answer {
    let (event, _) = guard::managed(&state, &form.parts, &public_id, locale).await?;
    let allowed = form.field("allow") == "1";
    if !helpers::set_allowed(&state.app.db, event.id, &signup, allowed, Utc::now()).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// Back to the door page with what was looked up and what was done, or
/// the page again with the problem by the field it concerns.
async fn answer(
    state: &HttpState,
    form: FormPost,
    public_id: &str,
    occurrence_id: OccurrenceId,
    outcome: Result<(), CheckInProblem>,
    done: &str,
    locale: Locale,
) -> Answer {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", form.field("q"))
        .finish();
    let page = format!("/events/{public_id}/dates/{occurrence_id}/door?{query}");
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{page}&done={done}")).into_response()),
        Err(problem) => {
            // The id of the field on the door page that the link in the
            // page's list of problems leads to.
            let field = match problem {
                CheckInProblem::People { .. } => format!("people-{}", form.field("reply")),
                CheckInProblem::WalkInPeople => "walk-in-people".into(),
                _ => "door-q".into(),
            };
            let parts = at_path(form.parts, &page);
            let message = problem.explain(locale);
            Err(Refusal::Page(
                form_again(state, parts, form.fields, &field, &message).await,
            ))
        }
    }
}
