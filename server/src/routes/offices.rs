//! City offices' forms: sponsoring a gathering, ending a sponsorship, the
//! host declining one, and the overview's CSV. The rules live in
//! `app::backend::offices`; permission in `offices::permissions` (through
//! `guard::office_member`) and `hosts::permissions` (through `managed`).

use super::{
    HttpState,
    form_page::{at_path, field, rate_limited, read_form, render_again},
    guard::{managed, office_member, unavailable},
};
use app::backend::{
    offices::{
        page::{self, Period},
        sponsorship::{self, Scope, Side, SponsorProblem},
    },
    rate_limit::limits,
};
use app::i18n::{Locale, td_string};
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Query, Request, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;

/// `POST /offices/<slug>/sponsor` (fields `event`, `scope`, `note`).
pub async fn sponsor(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let (office, viewer) = match office_member(&state, &parts, &slug, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let event = field(&fields, "event").to_string();
    let scope = match field(&fields, "scope") {
        "series" | "" => Scope::Series,
        id => match id.parse() {
            Ok(id) => Scope::Date(id),
            Err(_) => Scope::Date(-1),
        },
    };
    let key = format!("writes:{}", viewer.user_id);
    if let Some(refused) = rate_limited(
        &state,
        // Shown on the gathering's page, where the form is.
        &at_path(parts.clone(), &format!("/events/{event}")),
        &[(key, limits::WRITES_PER_PERSON)],
        &fields,
        "sponsor",
        locale,
    )
    .await
    {
        return refused;
    }
    let result = sponsorship::sponsor(
        &state.app.db,
        &state.app.public_url,
        &office,
        &viewer,
        &event,
        scope,
        field(&fields, "note"),
        Utc::now(),
    )
    .await;
    match result {
        Ok(Ok(_)) => {
            state.app.outbox.ring();
            Redirect::to(&format!("/events/{event}?sponsored=1#sponsor")).into_response()
        }
        Ok(Err(SponsorProblem::NotFound)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(problem)) => {
            let parts = at_path(parts, &format!("/events/{event}"));
            problem_page(&state, parts, fields, "sponsor", problem, locale).await
        }
        Err(error) => unavailable(error),
    }
}

/// `POST /offices/<slug>/sponsorships/<id>/end`
pub async fn end(
    State(state): State<HttpState>,
    Path((slug, id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let (office, viewer) = match office_member(&state, &parts, &slug, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let result = sponsorship::stop(
        &state.app.db,
        id,
        Side::Office,
        office.id,
        &viewer,
        Utc::now(),
    )
    .await;
    match result {
        Ok(Ok(())) => Redirect::to(&format!("/offices/{slug}?saved=1")).into_response(),
        Ok(Err(SponsorProblem::NotFound)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(problem)) => {
            let parts = at_path(parts, &format!("/offices/{slug}"));
            problem_page(&state, parts, Vec::new(), "main", problem, locale).await
        }
        Err(error) => unavailable(error),
    }
}

/// `POST /events/<id>/sponsorships/<sponsorship>/decline` (the host).
pub async fn decline(
    State(state): State<HttpState>,
    Path((public_id, id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let (event, viewer) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let result =
        sponsorship::stop(&state.app.db, id, Side::Host, event.id, &viewer, Utc::now()).await;
    match result {
        Ok(Ok(())) => Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response(),
        Ok(Err(SponsorProblem::NotFound)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(problem)) => {
            let parts = at_path(parts, &format!("/events/{public_id}/manage"));
            problem_page(&state, parts, Vec::new(), "main", problem, locale).await
        }
        Err(error) => unavailable(error),
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
    Path(slug): Path<String>,
    Query(query): Query<PeriodQuery>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = request.into_parts();
    let (office, _) = match office_member(&state, &parts, &slug, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let Some(period) = Period::parse(&query.from, &query.to, Utc::now()) else {
        return (
            StatusCode::BAD_REQUEST,
            td_string!(locale, overview_period_invalid),
        )
            .into_response();
    };
    match page::overview_csv(&state.app.db, &office, period, locale).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"overview-{slug}-{}-{}.csv\"",
                        period.from, period.to
                    ),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            csv,
        )
            .into_response(),
        Err(error) => unavailable(error),
    }
}

/// The page again with the problem by `field`; nothing changed.
async fn problem_page(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    field: &str,
    problem: SponsorProblem,
    locale: Locale,
) -> Response {
    let mut form = FormState::invalid(
        fields,
        vec![FieldError {
            field: field.into(),
            message: message(locale, problem).into(),
        }],
    );
    if matches!(problem, SponsorProblem::Already | SponsorProblem::NotActive) {
        form.status = Some(StatusCode::CONFLICT);
    }
    render_again(state, parts, form).await
}

fn message(locale: Locale, problem: SponsorProblem) -> &'static str {
    match problem {
        SponsorProblem::NotFound => td_string!(locale, sponsor_problem_not_found),
        SponsorProblem::NotOpen => td_string!(locale, sponsor_problem_not_open),
        SponsorProblem::NoJurisdiction => td_string!(locale, sponsor_problem_no_area),
        SponsorProblem::Outside => td_string!(locale, sponsor_problem_outside),
        SponsorProblem::Already => td_string!(locale, sponsor_problem_already),
        SponsorProblem::DeclinedByHost => td_string!(locale, sponsor_problem_declined),
        SponsorProblem::NoteTooLong => td_string!(locale, sponsor_problem_note),
        SponsorProblem::NotActive => td_string!(locale, sponsor_problem_not_active),
    }
}
