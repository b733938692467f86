//! Impact pages' CSV files (the page's own figures, published only) and
//! the switch that makes a page public (a host's owners, an office's
//! members).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    guard,
    refusal::Refusal,
};
use app::backend::hosts::permissions::HostAction;
use app::backend::impact::{
    page::{Whose, load},
    switch,
};
use app::views::impact::{Figures, ImpactView};
use axum::{
    extract::{Path, State},
    http::{header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

/// `GET /hosts/{slug}/impact.csv`
pub async fn host_csv(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    parts: Parts,
) -> Answer {
    csv(&state, &parts, Whose::Host(slug), locale).await
}

/// `GET /offices/{slug}/impact.csv`
pub async fn office_csv(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    parts: Parts,
) -> Answer {
    csv(&state, &parts, Whose::Office(slug), locale).await
}

async fn csv(state: &HttpState, parts: &Parts, whose: Whose, locale: app::i18n::Locale) -> Answer {
    let viewer = guard::signed_in(parts);
    let today = Utc::now().date_naive();
    let impact = load(&state.app.db, viewer.as_ref(), &whose, today)
        .await
        .map_err(|error| Refusal::from_access(error, parts, locale))?;
    // The stored slug (the page's address), not the one typed in the URL.
    let name = impact.path.rsplit('/').next().unwrap_or("figures");
    let file = format!("attachment; filename=\"impact-{name}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
        ],
        as_csv(&impact),
    )
        .into_response())
}

/// One row per month and per quarter: `period` is `2026-07` or `2026-Q3`;
/// a hidden count reads `<5`, a withheld one `withheld`, a share not shown
/// is empty.
pub fn as_csv(impact: &ImpactView) -> String {
    let mut out = String::from(
        "period,dates,people_who_came,new_to_area_percent,met_someone_new_percent,come_again_percent\n",
    );
    let mut row = |period: String, figures: &Figures| {
        let people = match figures.people {
            app::domain::disclosure::Cell::About(n) => n.to_string(),
            app::domain::disclosure::Cell::FewerThan(n) => format!("<{n}"),
            app::domain::disclosure::Cell::Withheld => "withheld".into(),
        };
        let share = |s: Option<u8>| s.map(|p| p.to_string()).unwrap_or_default();
        out.push_str(&format!(
            "{period},{},{people},{},{},{}\n",
            figures.dates,
            share(figures.new_to_area),
            share(figures.met_someone_new),
            share(figures.come_again)
        ));
    };
    for quarter in impact.quarters.iter().rev() {
        for month in &quarter.months {
            row(format!("{}-{:02}", month.year, month.month), &month.figures);
        }
        let q = quarter.quarter;
        row(format!("{}-Q{}", q.year, q.number), &quarter.figures);
    }
    out
}

/// `POST /hosts/{slug}/impact`: `public` ("1" or "0"), by the host's
/// owners.
pub async fn switch_host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let (host, _) =
        guard::host_allowing(&state, &form.parts, &slug, HostAction::EditPage, locale).await?;
    switch::host(&state.app.db, host.id, form.field("public") == "1").await?;
    Ok(Redirect::to(&format!("/hosts/{}/impact", host.slug)).into_response())
}

/// `POST /offices/{slug}/impact`: `public` ("1" or "0"), by the office's
/// members.
pub async fn switch_office(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let (office, _) = guard::office_member(&state, &form.parts, &slug, locale).await?;
    switch::office(&state.app.db, office.id, form.field("public") == "1").await?;
    Ok(Redirect::to(&format!("/offices/{}/impact", office.slug)).into_response())
}
