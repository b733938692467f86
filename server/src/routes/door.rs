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
use app::backend::answers;
use app::backend::door::{
    check_in::{self, CheckInProblem},
    helpers,
};
use app::domain::ids::OccurrenceId;
use app::domain::time_around::{self, TimeAround};
use app::i18n::Locale;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

/// `POST /events/{id}/dates/{occurrence}/door/check-in`: `reply` (found
/// on the page) or `code` (typed, or sent later by a phone that had no
/// signal), and `people` (all of the party when empty with a code).
pub async fn check_in(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    form: FormPost,
) -> Answer {
    let door = guard::door(&state, &form.parts, &public_id, occurrence_id, locale).await?;
    if let Err(closed) = check_in::still_open(&door, Utc::now()) {
        let looked_up = form.field("q").to_string();
        let at = (public_id.as_str(), occurrence_id);
        return answer(&state, form, at, Err(closed), "in", &looked_up, locale).await;
    }
    let db = &state.app.db;
    let people = form.field("people").trim();
    let counted = || people.parse::<i32>().unwrap_or(0);
    let typed_code = form.field("code").trim().to_string();
    let (outcome, query) = if typed_code.is_empty() {
        let reply = form.field("reply");
        let outcome = check_in::check_in(db, &door, reply, counted(), Utc::now()).await?;
        let query = form.field("q").to_string();
        (outcome.map(|()| reply.to_string()), query)
    } else {
        let people = (!people.is_empty()).then(counted);
        let outcome = check_in::by_code(db, &door, &typed_code, people, Utc::now()).await?;
        (outcome, typed_code)
    };
    if let Ok(reply) = &outcome {
        // Asked at the door only when not asked when replying; counted
        // apart from the reply (see `backend::answers`).
        let answer = TimeAround::from_form(form.field(time_around::FIELD));
        answers::asked_reply(db, reply, occurrence_id, answer).await?;
    }
    let outcome = outcome.map(|_| ());
    answer(
        &state,
        form,
        (&public_id, occurrence_id),
        outcome,
        "in",
        &query,
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
    let outcome = match check_in::still_open(&door, Utc::now()) {
        Ok(()) => check_in::undo(&state.app.db, &door, form.field("reply")).await?,
        Err(closed) => Err(closed),
    };
    let query = form.field("q").to_string();
    answer(
        &state,
        form,
        (&public_id, occurrence_id),
        outcome,
        "undone",
        &query,
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
    let now = Utc::now();
    let outcome = match check_in::still_open(&door, now) {
        Ok(()) => check_in::walk_in(&state.app.db, &door, form.field("key"), people, now).await?,
        Err(closed) => Err(closed),
    };
    let query = form.field("q").to_string();
    answer(
        &state,
        form,
        (&public_id, occurrence_id),
        outcome,
        "walk-in",
        &query,
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

/// Back to the door page with what was looked up (`looked_up`) and what
/// was done, or the page again with the problem by the field it concerns.
async fn answer(
    state: &HttpState,
    form: FormPost,
    (public_id, occurrence_id): (&str, OccurrenceId),
    outcome: Result<(), CheckInProblem>,
    done: &str,
    looked_up: &str,
    locale: Locale,
) -> Answer {
    let query: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("q", looked_up)
        .finish();
    let page = format!("/events/{public_id}/dates/{occurrence_id}/door?{query}");
    match outcome {
        Ok(()) => Ok(Redirect::to(&format!("{page}&done={done}")).into_response()),
        Err(problem) => {
            // The id of the field on the door page that the link in the
            // page's list of problems leads to.
            let by_code = !form.field("code").is_empty();
            let field = match problem {
                CheckInProblem::People { .. } if by_code => "door-code-people".into(),
                CheckInProblem::People { .. } => format!("people-{}", form.field("reply")),
                CheckInProblem::WalkInPeople => "walk-in-people".into(),
                _ if by_code => "door-code".into(),
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
