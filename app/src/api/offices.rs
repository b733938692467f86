//! City offices: their public page (area and sponsored gatherings), and
//! for their members the sponsorships they run and the area overview.
//! Permission checks go through `backend::offices::permissions`.

use super::ApiError;
use super::discover::GatheringCard;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// "Sponsored by …" as shown on a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorLabel {
    pub office_slug: String,
    pub office_name: String,
    pub note: String,
    /// For a sponsorship of one date: that date, and its local start
    /// (`LOCAL_TIME_FORMAT`). `None`: every date.
    pub occurrence_id: Option<i64>,
    pub date_local: Option<String>,
}

/// An office the viewer may sponsor a gathering for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeChoice {
    pub slug: String,
    pub name: String,
}

/// One sponsorship, for the office's members or the gathering's organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorshipRow {
    pub id: i64,
    pub event_public_id: String,
    pub title: String,
    pub office_name: String,
    /// The date's local start (`LOCAL_TIME_FORMAT`); `None`: the whole series.
    pub date_local: Option<String>,
    pub note: String,
    /// `active`, `declined` or `ended`.
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeView {
    pub slug: String,
    pub name: String,
    /// The area as an SVG outline (no JavaScript needed).
    pub outline_svg: Option<String>,
    /// The area as GeoJSON, for the optional Leaflet map.
    pub area_geojson: Option<String>,
    /// Upcoming sponsored gatherings.
    pub gatherings: Vec<GatheringCard>,
    pub is_member: bool,
    /// Members only: every sponsorship, newest first.
    pub sponsorships: Vec<SponsorshipRow>,
}

/// Aggregate figures for an office's area over a period (members only).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OverviewView {
    pub slug: String,
    pub name: String,
    /// `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    /// False when the office has no jurisdiction yet.
    pub has_area: bool,
    pub gatherings: u64,
    pub sponsored: u64,
    /// Already in words: a number, or "fewer than 5".
    pub people_going: String,
    pub volunteer_signups: String,
    pub category_chart: String,
    pub week_chart: String,
}

/// The city offices the signed-in person belongs to.
#[server(endpoint = "my-offices", input = GetUrl)]
pub async fn my_offices() -> Result<Vec<OfficeChoice>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(
        crate::backend::offices::of_member(&state.db, viewer.user_id)
            .await?
            .into_iter()
            .map(|office| OfficeChoice {
                slug: office.slug,
                name: office.name,
            })
            .collect(),
    )
}

#[server(endpoint = "office", input = GetUrl)]
pub async fn load_office(slug: String, reader_language: String) -> Result<OfficeView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    crate::backend::offices::page::office(
        &state.db,
        super::viewer().as_ref(),
        &slug,
        &reader_language,
    )
    .await?
    .ok_or(ApiError::NotFound)
}

/// `from`/`to`: `YYYY-MM-DD`, or empty for the last 90 days up to today.
#[server(endpoint = "office-overview", input = GetUrl)]
pub async fn load_overview(
    slug: String,
    from: String,
    to: String,
    reader_language: String,
) -> Result<OverviewView, ApiError> {
    use crate::backend::offices::{self, permissions};
    let state = expect_context::<crate::backend::AppState>();
    let office = offices::by_slug(&state.db, &slug)
        .await?
        .ok_or(ApiError::NotFound)?;
    match permissions::check(&state.db, super::viewer().as_ref(), office.id).await? {
        permissions::OfficeAccess::Member => {}
        permissions::OfficeAccess::SignInFirst => return Err(ApiError::SignInRequired),
        permissions::OfficeAccess::Forbidden => return Err(ApiError::Forbidden),
    }
    let locale = crate::l10n::language::parse(&reader_language).unwrap_or_default();
    let period = offices::page::Period::parse(&from, &to, chrono::Utc::now()).ok_or_else(|| {
        ApiError::Invalid(crate::i18n::td_string!(locale, overview_period_invalid).into())
    })?;
    Ok(offices::page::overview(&state.db, &office, period, locale).await?)
}
