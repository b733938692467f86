//! Moderators' writes (`app::backend::moderation`): taking, closing and
//! reopening a case and writing a note on it; hiding a gathering,
//! suspending a host or an account, each with a reason, and undoing it.
//! Each answers by going back to the case (or the queue) it came from.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, field, form_again, rate_limited},
    guard,
    refusal::Refusal,
};
use app::backend::moderation::{
    actions::{self, ActionOutcome},
    cases,
    permissions::Moderator,
};
use app::backend::rate_limit::limits;
use app::domain::ids::UserId;
use app::domain::moderation::{ReportProblem, moderator_text};
use app::i18n::Locale;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};

type Answer = Result<Response, Refusal>;

pub async fn take(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(id): Path<i64>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    cases::take(&state.app.db, &moderator, id).await?;
    Ok(to_case(id))
}

pub async fn close(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(id): Path<i64>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    // When the moderator's page was drawn (a later report keeps it open).
    let seen = chrono::DateTime::parse_from_rfc3339(field(&form.fields, "seen"))
        .ok()
        .map(|at| at.with_timezone(&chrono::Utc));
    cases::set_closed(&state.app.db, &moderator, id, true, seen).await?;
    Ok(to_case(id))
}

pub async fn reopen(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(id): Path<i64>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    cases::set_closed(&state.app.db, &moderator, id, false, None).await?;
    Ok(to_case(id))
}

pub async fn note(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(id): Path<i64>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let body = checked_text(&state, &moderator, parts, &fields, "note", locale).await?;
    if !cases::note(&state.app.db, &moderator, id, &body).await? {
        return Err(Refusal::NotFound);
    }
    Ok(to_case(id))
}

pub async fn hide_gathering(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<String>,
    form: FormPost,
) -> Answer {
    gathering(state, locale, path, form, Act::Hide).await
}

pub async fn show_gathering(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<String>,
    form: FormPost,
) -> Answer {
    gathering(state, locale, path, form, Act::Show).await
}

/// `POST /moderation/gatherings/{id}/remove`: a hidden gathering is
/// removed for good (its dates to come cancelled, its guests told).
pub async fn remove_gathering(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<String>,
    form: FormPost,
) -> Answer {
    gathering(state, locale, path, form, Act::Remove).await
}

/// What a moderator does to a gathering, each with a reason.
enum Act {
    Hide,
    Show,
    Remove,
}

async fn gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
    act: Act,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let back = back_to(&fields);
    let reason = checked_text(&state, &moderator, parts, &fields, "reason", locale).await?;
    let (db, url) = (&state.app.db, &state.app.public_url);
    let outcome = match act {
        Act::Hide | Act::Show => {
            let hide = matches!(act, Act::Hide);
            actions::set_gathering_hidden(db, url, &moderator, &public_id, hide, &reason).await?
        }
        Act::Remove => actions::remove_gathering(db, url, &moderator, &public_id, &reason).await?,
    };
    Ok(done(&state, outcome, &back))
}

/// `POST /moderation/gatherings/{id}/approve`: a gathering waiting for
/// review becomes public.
pub async fn approve_gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let outcome =
        actions::approve_gathering(&state.app.db, &state.app.public_url, &moderator, &public_id)
            .await?;
    Ok(done(&state, outcome, "/moderation"))
}

/// `POST /moderation/hosts/{slug}/approve`: the host publishes at once
/// from now on; its waiting gatherings are released.
pub async fn approve_host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let outcome = actions::approve_host(&state.app.db, &moderator, &slug).await?;
    Ok(done(&state, outcome, "/moderation"))
}

pub async fn suspend_host(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<String>,
    form: FormPost,
) -> Answer {
    host(state, locale, path, form, true).await
}

pub async fn restore_host(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<String>,
    form: FormPost,
) -> Answer {
    host(state, locale, path, form, false).await
}

async fn host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
    suspend: bool,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let back = back_to(&fields);
    let reason = checked_text(&state, &moderator, parts, &fields, "reason", locale).await?;
    let outcome = actions::set_host_suspended(
        &state.app.db,
        &state.app.public_url,
        &moderator,
        &slug,
        suspend,
        &reason,
    )
    .await?;
    Ok(done(&state, outcome, &back))
}

pub async fn suspend_account(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<UserId>,
    form: FormPost,
) -> Answer {
    account(state, locale, path, form, true).await
}

pub async fn restore_account(
    state: State<HttpState>,
    locale: ReaderLanguage,
    path: Path<UserId>,
    form: FormPost,
) -> Answer {
    account(state, locale, path, form, false).await
}

async fn account(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(user_id): Path<UserId>,
    form: FormPost,
    suspend: bool,
) -> Answer {
    let moderator = guard::moderator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let back = back_to(&fields);
    let reason = checked_text(&state, &moderator, parts, &fields, "reason", locale).await?;
    let outcome = actions::set_account_suspended(
        &state.app.db,
        &state.app.public_url,
        &moderator,
        user_id,
        suspend,
        &reason,
    )
    .await?;
    Ok(done(&state, outcome, &back))
}

/// The moderator's text in `name`, required and not too long; otherwise the
/// page the form was on again, saying so.
async fn checked_text(
    state: &HttpState,
    moderator: &Moderator,
    parts: Parts,
    fields: &[(String, String)],
    name: &str,
    locale: Locale,
) -> Result<String, Refusal> {
    let back = back_to(fields);
    let page = at_path(parts, &back);
    let key = [(
        format!("writes:{}", moderator.viewer.user_id),
        limits::WRITES_PER_PERSON,
    )];
    rate_limited(state, &page, &key, fields, name, locale).await?;
    match moderator_text(field(fields, name)) {
        Ok(text) => Ok(text),
        Err(problem) => {
            let problem: ReportProblem = problem;
            let message = problem.explain(locale);
            Err(Refusal::Page(
                form_again(state, page, fields.to_vec(), name, &message).await,
            ))
        }
    }
}

/// The case the form was sent from (its `case` field), else the queue.
fn back_to(fields: &[(String, String)]) -> String {
    match field(fields, "case").parse::<i64>() {
        Ok(id) => format!("/moderation/cases/{id}"),
        Err(_) => "/moderation".into(),
    }
}

fn to_case(id: i64) -> Response {
    Redirect::to(&format!("/moderation/cases/{id}")).into_response()
}

fn done(state: &HttpState, outcome: ActionOutcome, back: &str) -> Response {
    match outcome {
        ActionOutcome::NotFound => Refusal::NotFound.into_response(),
        ActionOutcome::Done => {
            // The email to those it concerns is in the outbox.
            state.app.outbox.ring();
            Redirect::to(back).into_response()
        }
        ActionOutcome::Unchanged => Redirect::to(back).into_response(),
    }
}
