//! What organisers' forms ask for: create a host, create a gathering, edit
//! it, cancel a date or all of them. Each handler checks permission through
//! `app::backend::hosts::permissions`, then either redirects (the change is
//! done) or shows the form again with its problems. Nothing is changed when
//! anything is wrong.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::{at_path, field, form_again, rate_limited, render_again},
    guard::{host_allowing, managed},
    refusal::Refusal,
};
use app::backend::{
    auth::Viewer,
    gatherings::{create, form, manage},
    hosts::{self, HostDetails, permissions::HostAction},
    rate_limit::{Limit, limits},
};
use app::domain::ids::OccurrenceId;
use app::i18n::{Locale, td_string};
use app::l10n::refusals::Explain;
use app::ui::{
    components::problem_message,
    forms::{FieldError, FormState},
};
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos_i18n::Locale as _;
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

type Answer = Result<Response, Refusal>;

/// `POST /hosts`
pub async fn create_host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let details = match host_details(&fields, locale) {
        Ok(details) => details,
        Err(errors) => {
            let again = FormState::invalid(fields, errors);
            return Err(Refusal::Page(render_again(&state, parts, again).await));
        }
    };
    let writes = limits::WRITES_PER_PERSON;
    limited(&state, &parts, &viewer, "writes", writes, &fields, locale).await?;
    let slug = hosts::create(&state.app.db, viewer.user_id, details).await?;
    Ok(Redirect::to(&format!("/hosts/{slug}")).into_response())
}

/// `POST /hosts/<slug>/gatherings/new`
pub async fn create_gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let action = HostAction::ManageGatherings;
    let (host, viewer) = host_allowing(&state, &parts, &slug, action, locale).await?;
    // Counted before the form is read: reading it may expand a rule.
    let gatherings = limits::GATHERINGS_PER_PERSON;
    limited(
        &state,
        &parts,
        &viewer,
        "gatherings",
        gatherings,
        &fields,
        locale,
    )
    .await?;
    let now = Utc::now();
    let input = match read_gathering_form(&fields, locale, now, true).await {
        Ok(Ok(input)) => input,
        Ok(Err(problems)) => {
            return Err(show_problems(&state, parts, fields, &problems, locale).await);
        }
        Err(busy) => return Err(show_problems(&state, parts, fields, &[busy], locale).await),
    };
    let public_id = create::create(&state.app.db, host.id, &input, now).await?;
    Ok(Redirect::to(&format!("/events/{public_id}")).into_response())
}

/// `POST /events/<id>/manage`: edit the whole gathering.
pub async fn update_gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (event, viewer) = managed(&state, &parts, &public_id, locale).await?;
    // Counted before the form is read: reading it may expand a rule.
    let writes = limits::WRITES_PER_PERSON;
    limited(&state, &parts, &viewer, "writes", writes, &fields, locale).await?;
    let now = Utc::now();
    let input = match read_gathering_form(&fields, locale, now, false).await {
        Ok(Ok(input)) => input,
        Ok(Err(problems)) => {
            return Err(show_problems(&state, parts, fields, &problems, locale).await);
        }
        Err(busy) => return Err(show_problems(&state, parts, fields, &[busy], locale).await),
    };
    manage::update_series(&state.app.db, &state.app.public_url, &event, &input, now).await?;
    // Those the change moved up from a waitlist are told.
    state.app.outbox.ring();
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// `POST /events/<id>/dates/<occurrence>/cancel`
pub async fn cancel_date(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    form: FormPost,
) -> Answer {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    let url = &state.app.public_url;
    if !manage::cancel_occurrence(&state.app.db, url, event.id, occurrence_id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// `POST /events/<id>/cancel`
pub async fn cancel_gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    manage::cancel_series(&state.app.db, &state.app.public_url, event.id, Utc::now()).await?;
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
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
pub(crate) async fn read_gathering_form(
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

/// Counts a write; refused with the form again and a clear message when
/// over the limit.
async fn limited(
    state: &HttpState,
    parts: &Parts,
    viewer: &Viewer,
    what: &str,
    limit: Limit,
    fields: &[(String, String)],
    locale: Locale,
) -> Result<(), Refusal> {
    let key = format!("{what}:{}", viewer.user_id);
    rate_limited(state, parts, &[(key, limit)], fields, "main", locale).await
}

async fn show_problems(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    problems: &[form::Problem],
    locale: Locale,
) -> Refusal {
    let errors = problems
        .iter()
        .map(|p| FieldError {
            field: p.field(),
            message: problem_message(locale, p).into(),
        })
        .collect();
    Refusal::Page(render_again(state, parts, FormState::invalid(fields, errors)).await)
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
                message: problem.explain(locale),
            })
            .collect()
    })
}

/// `POST /events/<id>/dates/<occurrence>/move`: this date only.
pub async fn move_date(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (event, viewer) = managed(&state, &parts, &public_id, locale).await?;
    let manage_page = at_path(parts, &format!("/events/{public_id}/manage"));
    let writes = limits::WRITES_PER_PERSON;
    limited(&state, &manage_page, &viewer, "writes", writes, &[], locale).await?;
    let zone = app::backend::time_zone::named(&event.time_zone);
    let moved = match form::moved_date(&form::Fields(&fields), zone, Utc::now()) {
        Some((starts, ends)) => {
            let url = &state.app.public_url;
            let db = &state.app.db;
            manage::move_occurrence(db, url, event.id, occurrence_id, starts, ends).await?
        }
        None => false,
    };
    if moved {
        return Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response());
    }
    let message = td_string!(locale, date_move_invalid);
    Err(Refusal::Page(
        form_again(&state, manage_page, Vec::new(), "main", message).await,
    ))
}
