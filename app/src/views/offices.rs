//! City offices: their page, their sponsorships and the overview of
//! their area.

use super::search::GatheringCard;
use crate::domain::ids::{OccurrenceId, SponsorshipId};
use crate::domain::status::SponsorshipStatus;
use serde::{Deserialize, Serialize};

/// "Sponsored by …" as shown on a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorLabel {
    pub office_slug: String,
    pub office_name: String,
    pub note: String,
    /// For a sponsorship of one date: that date, and its local start
    /// (`LOCAL_TIME_FORMAT`). `None`: every date.
    pub occurrence_id: Option<OccurrenceId>,
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
    pub id: SponsorshipId,
    pub event_public_id: String,
    pub title: String,
    pub office_name: String,
    /// The date's local start (`LOCAL_TIME_FORMAT`); `None`: the whole series.
    pub date_local: Option<String>,
    pub note: String,
    pub status: SponsorshipStatus,
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
    /// Its impact page is public.
    #[serde(default)]
    pub impact_public: bool,
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
