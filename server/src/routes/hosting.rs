//! What organisers' forms ask for: create a host, create a gathering, edit
//! it, cancel a date or all of them. Each handler checks permission through
//! `app::backend::hosts::permissions`, then either redirects (the change is
//! done) or shows the form again with its problems. Nothing is changed when
//! anything is wrong.

use super::{
    HttpState,
    form_page::{at_path, field, rate_limited, read_form, render_again},
    guard::{host_allowing, managed, sign_in_first, signed_in, unavailable},
};
use app::backend::{
    auth::Viewer,
    gatherings::{create, form, manage},
    hosts::{self, HostDetails, HostProblem, permissions::HostAction},
    rate_limit::{Limit, limits},
};
use app::i18n::{Locale, td_string};
use app::ui::{
    components::problem_message,
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Request, State},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos_i18n::Locale as _;
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// `POST /hosts`
pub async fn create_host(State(state): State<HttpState>, request: Request) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let Some(viewer) = signed_in(&parts) else {
        return sign_in_first(&parts);
    };
    let details = match host_details(&fields, locale) {
        Ok(details) => details,
        Err(errors) => {
            return render_again(&state, parts, FormState::invalid(fields, errors)).await;
        }
    };
    if let Some(refused) = limited(
        &state,
        &parts,
        &viewer,
        "writes",
        limits::WRITES_PER_PERSON,
        fields.clone(),
        locale,
    )
    .await
    {
        return refused;
    }
    match hosts::create(&state.app.db, viewer.user_id, details).await {
        Ok(slug) => Redirect::to(&format!("/hosts/{slug}")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /hosts/<slug>/gatherings/new`
pub async fn create_gathering(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (host, viewer) =
        match host_allowing(&state, &parts, &slug, HostAction::ManageGatherings, locale).await {
            Ok(allowed) => allowed,
            Err(refusal) => return refusal,
        };
    // Counted before the form is read: reading it may expand a rule.
    if let Some(refused) = limited(
        &state,
        &parts,
        &viewer,
        "gatherings",
        limits::GATHERINGS_PER_PERSON,
        fields.clone(),
        locale,
    )
    .await
    {
        return refused;
    }
    let now = Utc::now();
    let input = match read_gathering_form(&fields, locale, now, true).await {
        Ok(Ok(input)) => input,
        Ok(Err(problems)) => return show_problems(&state, parts, fields, &problems, locale).await,
        Err(busy) => return show_problems(&state, parts, fields, &[busy], locale).await,
    };
    match create::create(db, host.id, &input, now).await {
        Ok(public_id) => Redirect::to(&format!("/events/{public_id}")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /events/<id>/manage`: edit the whole gathering.
pub async fn update_gathering(
    State(state): State<HttpState>,
    Path(public_id): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (event, viewer) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    // Counted before the form is read: reading it may expand a rule.
    if let Some(refused) = limited(
        &state,
        &parts,
        &viewer,
        "writes",
        limits::WRITES_PER_PERSON,
        fields.clone(),
        locale,
    )
    .await
    {
        return refused;
    }
    let now = Utc::now();
    let input = match read_gathering_form(&fields, locale, now, false).await {
        Ok(Ok(input)) => input,
        Ok(Err(problems)) => return show_problems(&state, parts, fields, &problems, locale).await,
        Err(busy) => return show_problems(&state, parts, fields, &[busy], locale).await,
    };
    if let Err(error) = manage::update_series(db, &state.app.public_url, &event, &input, now).await
    {
        return unavailable(error);
    }
    // A new capacity applies to every future date; raised seats go to the
    // waitlists, in order.
    if input.capacity != event.capacity {
        let result =
            app::backend::rsvp::capacity_changed(db, &state.app.public_url, &public_id, now).await;
        if let Err(error) = result {
            return unavailable(error);
        }
        state.app.outbox.ring();
    }
    Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response()
}

/// `POST /events/<id>/dates/<occurrence>/cancel`
pub async fn cancel_date(
    State(state): State<HttpState>,
    Path((public_id, occurrence_id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let db = &state.app.db;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    match manage::cancel_occurrence(db, &state.app.public_url, event.id, occurrence_id).await {
        Ok(true) => Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /events/<id>/cancel`
pub async fn cancel_gathering(
    State(state): State<HttpState>,
    Path(public_id): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let db = &state.app.db;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    match manage::cancel_series(db, &state.app.public_url, event.id, Utc::now()).await {
        Ok(()) => Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// The languages a gathering's text may be written in: the organiser's
/// own first (it becomes the gathering's default language when filled in).
/// One gathering form read at a time per process, off the request threads.
static FORM_READER: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(1)));
/// How long a form waits for its turn before it is refused as busy.
const FORM_READER_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The gathering form read and checked, on a blocking thread. A custom
/// repetition rule is expanded to check it: one that never matches costs
/// the `rrule` crate's whole search budget (100,000 periods, a good part of
/// a second). So reading runs one at a time, on a thread of its own, and
/// after the writer's rate limit was counted: the server keeps answering
/// others meanwhile. `Err`: too busy, try again.
async fn read_gathering_form(
    fields: &[(String, String)],
    locale: Locale,
    now: chrono::DateTime<Utc>,
    new: bool,
) -> Result<Result<form::GatheringInput, Vec<form::Problem>>, form::Problem> {
    let waiting = FORM_READER.clone().acquire_owned();
    let Ok(Ok(turn)) = tokio::time::timeout(FORM_READER_WAIT, waiting).await else {
        return Err(form::Problem::Busy);
    };
    let fields = fields.to_vec();
    // The turn goes with the work: a request given up meanwhile does not
    // let the next form start before this one is done.
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        form::parse(&form::Fields(&fields), &text_languages(locale), now, new)
    })
    .await
    .map_err(|_| form::Problem::Busy)
}

fn text_languages(locale: Locale) -> Vec<&'static str> {
    std::iter::once(locale)
        .chain(Locale::get_all().iter().copied().filter(|l| *l != locale))
        .map(|l| l.as_str())
        .collect()
}

/// Counts a write; the form again with a clear message when over the limit.
async fn limited(
    state: &HttpState,
    parts: &Parts,
    viewer: &Viewer,
    what: &str,
    limit: Limit,
    fields: Vec<(String, String)>,
    locale: Locale,
) -> Option<Response> {
    let key = format!("{what}:{}", viewer.user_id);
    rate_limited(state, parts, &[(key, limit)], &fields, "main", locale).await
}

async fn show_problems(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    problems: &[form::Problem],
    locale: Locale,
) -> Response {
    let errors = problems
        .iter()
        .map(|p| FieldError {
            field: p.field(),
            message: problem_message(locale, p).into(),
        })
        .collect();
    render_again(state, parts, FormState::invalid(fields, errors)).await
}

/// The host page form (create or edit) read and checked; otherwise each
/// problem by its field, in the reader's language.
pub fn host_details(
    fields: &[(String, String)],
    locale: Locale,
) -> Result<HostDetails, Vec<FieldError>> {
    HostDetails::parse(
        field(fields, "name"),
        field(fields, "description"),
        field(fields, "links"),
    )
    .map_err(|problems| {
        problems
            .into_iter()
            .map(|problem| FieldError {
                field: problem.field().into(),
                message: match problem {
                    HostProblem::NameMissing => td_string!(locale, host_name_missing),
                    HostProblem::NameTooLong => td_string!(locale, host_name_too_long),
                    HostProblem::DescriptionTooLong => {
                        td_string!(locale, host_description_too_long)
                    }
                    HostProblem::LinkInvalid => td_string!(locale, host_links_invalid),
                    HostProblem::TooManyLinks => td_string!(locale, host_links_too_many),
                }
                .into(),
            })
            .collect()
    })
}

/// `POST /events/<id>/dates/<occurrence>/move`: this date only.
pub async fn move_date(
    State(state): State<HttpState>,
    Path((public_id, occurrence_id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (event, viewer) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let manage_page = at_path(parts.clone(), &format!("/events/{public_id}/manage"));
    if let Some(refused) = limited(
        &state,
        &manage_page,
        &viewer,
        "writes",
        limits::WRITES_PER_PERSON,
        Vec::new(),
        locale,
    )
    .await
    {
        return refused;
    }
    let zone = app::backend::time_zone::named(&event.time_zone);
    let moved = match form::moved_date(&form::Fields(&fields), zone, Utc::now()) {
        Some((starts, ends)) => {
            match manage::move_occurrence(
                db,
                &state.app.public_url,
                event.id,
                occurrence_id,
                starts,
                ends,
            )
            .await
            {
                Ok(moved) => moved,
                Err(error) => return unavailable(error),
            }
        }
        None => false,
    };
    if moved {
        return Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response();
    }
    let error = FieldError {
        field: "main".into(),
        message: td_string!(locale, date_move_invalid).into(),
    };
    let parts = at_path(parts, &format!("/events/{public_id}/manage"));
    render_again(&state, parts, FormState::invalid(Vec::new(), vec![error])).await
}
