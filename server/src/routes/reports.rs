//! Reports from anyone, with or without an account:
//! `POST /events/{id}/report` and `POST /hosts/{slug}/report`. Nothing
//! about the reporter is kept; the network address only counts towards the
//! rate limit (as a key that expires with its window).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, client_address, field, form_again, rate_limited},
    refusal::Refusal,
};
use app::backend::moderation::reports::{self, Reported};
use app::backend::rate_limit::limits;
use app::domain::moderation::{ReportInput, ReportProblem};
use app::i18n::Locale;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

pub async fn gathering(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let back = format!("/events/{public_id}");
    report(&state, locale, Reported::Gathering(&public_id), &back, form).await
}

pub async fn host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let back = format!("/hosts/{slug}");
    report(&state, locale, Reported::Host(&slug), &back, form).await
}

async fn report(
    state: &HttpState,
    locale: Locale,
    reported: Reported<'_>,
    back: &str,
    form: FormPost,
) -> Answer {
    let FormPost { parts, fields } = form;
    let network = client_address(state, &parts);
    // Problems are shown on the page the form is on.
    let parts = at_path(parts, back);
    let key = [(format!("report-net:{network}"), limits::REPORTS_PER_NETWORK)];
    rate_limited(state, &parts, &key, &fields, "report_reason", locale).await?;
    let input = match ReportInput::parse(
        field(&fields, "report_reason"),
        field(&fields, "report_details"),
    ) {
        Ok(input) => input,
        Err(problem) => return Err(refused(state, parts, fields, problem, locale).await),
    };
    match reports::report(&state.app.db, reported, &input, Utc::now()).await? {
        Ok(()) => Ok(Redirect::to(&format!("{back}?reported=1#report")).into_response()),
        Err(ReportProblem::NotFound) => Err(Refusal::NotFound),
        Err(problem) => Err(refused(state, parts, fields, problem, locale).await),
    }
}

async fn refused(
    state: &HttpState,
    parts: axum::http::request::Parts,
    fields: Vec<(String, String)>,
    problem: ReportProblem,
    locale: Locale,
) -> Refusal {
    let field = match problem {
        ReportProblem::TooLong => "report_details",
        _ => "report_reason",
    };
    let message = problem.explain(locale);
    Refusal::Page(form_again(state, parts, fields, field, &message).await)
}
