//! City offices' forms: sponsoring a gathering, ending a sponsorship, the
//! host declining one, and the overview's CSV. The rules live in
//! `app::backend::offices`; permission in `offices::permissions` (through
//! `guard::office_member`) and `hosts::permissions` (through `managed`).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, form_again_as, rate_limited},
    guard::{managed, office_member},
    refusal::Refusal,
};
use app::backend::auth::Viewer;
use app::backend::{
    offices::{
        page::{self, Period},
        sponsorship::{self, Scope, Side, SponsorProblem},
    },
    rate_limit::limits,
};
use app::domain::ids::{OccurrenceId, SponsorshipId};
use app::i18n::{Locale, td_string};
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// `POST /offices/<slug>/sponsor` (fields `event`, `scope`, `note`).
pub async fn sponsor(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let (office, viewer) = office_member(&state, &form.parts, &slug, locale).await?;
    let event = form.field("event").to_string();
    let scope = match form.field("scope") {
        "series" | "" => Scope::Series,
        id => Scope::Date(id.parse().unwrap_or(OccurrenceId(-1))),
    };
    // Shown on the gathering's page, where the form is.
    let page = at_path(form.parts.clone(), &format!("/events/{event}"));
    let limits = [(
        format!("writes:{}", viewer.user_id),
        limits::WRITES_PER_PERSON,
    )];
    rate_limited(&state, &page, &limits, &form.fields, "sponsor", locale).await?;
    let note = form.field("note");
    let url = &state.app.public_url;
    let db = &state.app.db;
    match sponsorship::sponsor(db, url, &office, &viewer, &event, scope, note, Utc::now()).await? {
        Ok(_) => {
            state.app.outbox.ring();
            Ok(Redirect::to(&format!("/events/{event}?sponsored=1#sponsor")).into_response())
        }
        Err(SponsorProblem::NotFound) => Err(Refusal::NotFound),
        Err(problem) => {
            Err(problem_page(&state, page, form.fields, "sponsor", problem, locale).await)
        }
    }
}

/// `POST /offices/<slug>/sponsorships/<id>/end`
pub async fn end(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((slug, id)): Path<(String, SponsorshipId)>,
    form: FormPost,
) -> Answer {
    let (office, viewer) = office_member(&state, &form.parts, &slug, locale).await?;
    let side = Side::Office(office.id);
    stop(
        &state,
        locale,
        form.parts,
        id,
        side,
        &viewer,
        &format!("/offices/{slug}"),
    )
    .await
}

/// `POST /events/<id>/sponsorships/<sponsorship>/decline` (the host).
pub async fn decline(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, id)): Path<(String, SponsorshipId)>,
    form: FormPost,
) -> Answer {
    let (event, viewer) = managed(&state, &form.parts, &public_id, locale).await?;
    let page = format!("/events/{public_id}/manage");
    stop(
        &state,
        locale,
        form.parts,
        id,
        Side::Host(event.id),
        &viewer,
        &page,
    )
    .await
}

/// Ends or declines sponsorship `id` for `side` (whose permission the
/// caller checked); back to `page`, or `page` again with the problem.
async fn stop(
    state: &HttpState,
    locale: Locale,
    parts: Parts,
    id: SponsorshipId,
    side: Side,
    viewer: &Viewer,
    page: &str,
) -> Answer {
    match sponsorship::stop(&state.app.db, id, side, viewer, Utc::now()).await? {
        Ok(()) => Ok(Redirect::to(&format!("{page}?saved=1")).into_response()),
        Err(SponsorProblem::NotFound) => Err(Refusal::NotFound),
        Err(problem) => {
            let parts = at_path(parts, page);
            Err(problem_page(state, parts, Vec::new(), "main", problem, locale).await)
        }
    }
}

#[derive(Deserialize)]
pub struct PeriodQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

/// `GET /offices/<slug>/overview.csv?from=&to=` (members only).
pub async fn overview_csv(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
    parts: Parts,
) -> Answer {
    let (office, _) = office_member(&state, &parts, &slug, locale).await?;
    let Some(period) = Period::parse(&query.from, &query.to, Utc::now()) else {
        let message = td_string!(locale, overview_period_invalid);
        return Err(Refusal::Page(
            (StatusCode::BAD_REQUEST, message).into_response(),
        ));
    };
    let csv = page::overview_csv(&state.app.db, &office, period, locale).await?;
    let file = format!("overview-{slug}-{}-{}.csv", period.from, period.to);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        csv,
    )
        .into_response())
}

/// The page again with the problem by `field`; nothing changed.
async fn problem_page(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    field: &str,
    problem: SponsorProblem,
    locale: Locale,
) -> Refusal {
    let status = if matches!(problem, SponsorProblem::Already | SponsorProblem::NotActive) {
        StatusCode::CONFLICT
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let message = problem.explain(locale);
    Refusal::Page(form_again_as(status, state, parts, fields, field, &message).await)
}
