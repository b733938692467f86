//! One gathering, as its public page shows it.

use super::ApiError;
use crate::domain::accessibility::Accessibility;
use crate::domain::category::Categories;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatheringDetails {
    pub public_id: String,
    pub title: String,
    /// The language of the title and description shown.
    pub text_language: String,
    /// The description, rendered from Markdown and sanitised.
    pub description_html: String,
    /// The start of the description as written, for previews (meta tags).
    pub description_text: String,
    pub cancelled: bool,
    /// IANA zone of the place.
    pub time_zone: String,
    /// Upcoming dates, soonest first.
    pub dates: Vec<DateView>,
    pub place: PlaceView,
    pub host_name: String,
    /// For the link to the host's page.
    pub host_slug: String,
    /// The viewer is one of the host's organisers.
    pub can_manage: bool,
    /// Partner hosts that accepted to be named.
    pub partners: Vec<super::hosting::PartnerView>,
    pub categories: Categories,
    pub accessibility: Accessibility,
    /// ISO 639 codes of the languages spoken.
    pub languages: Vec<String>,
    pub is_free: bool,
    pub family_friendly: bool,
    /// `None`: no limit. For the next date.
    pub spots_left: Option<i32>,
    /// How people may say they are coming (`domain::rsvp::RsvpModes`).
    pub rsvp_modes: crate::domain::rsvp::RsvpModes,
    /// How many people one person may bring.
    pub max_guests: i32,
    /// Organisers approve each reply before it holds a place.
    pub requires_approval: bool,
    /// The viewer's own RSVPs (by account or by this device).
    pub own_rsvps: Vec<OwnRsvpView>,
    /// Ways to help, with open slots per date (counts only).
    pub roles: Vec<RoleView>,
    /// City offices sponsoring it ("Sponsored by …"), public.
    pub sponsors: Vec<super::offices::SponsorLabel>,
    /// The viewer's city offices whose area covers the place: they may
    /// sponsor it here.
    pub sponsor_offices: Vec<super::offices::OfficeChoice>,
}

/// A volunteer role as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub id: i64,
    pub name: String,
    pub description: String,
    /// Local `HH:MM–HH:MM`, when the role has its own shift.
    pub shift: Option<String>,
    pub dates: Vec<RoleDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDate {
    pub occurrence_id: i64,
    pub open_slots: i32,
    /// The viewer's own sign-up, to withdraw.
    pub mine: Option<String>,
}

/// One of the viewer's own RSVPs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRsvpView {
    pub public_id: String,
    pub occurrence_id: i64,
    pub party: i32,
    /// `going`, `waitlisted` or `pending`.
    pub status: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateView {
    pub occurrence_id: i64,
    pub starts_at: chrono::DateTime<chrono::Utc>,
    pub ends_at: chrono::DateTime<chrono::Utc>,
    /// RFC 3339 with the place's offset, e.g. for JSON-LD.
    pub starts_at_local_rfc3339: String,
    pub ends_at_local_rfc3339: String,
    /// `YYYY-MM-DDTHH:MM:SS` in the place's zone.
    pub starts_local: String,
    pub ends_local: String,
    pub zone_abbreviation: String,
    /// The place's UTC offset at the start, in minutes east of UTC.
    pub offset_minutes: i32,
    /// People going (counts only: never who).
    pub going: i32,
    /// `None`: no limit.
    pub spots_left: Option<i32>,
    /// People waiting for a place.
    pub waitlisted: i32,
    /// Still taking RSVPs.
    pub open: bool,
}

#[cfg(feature = "ssr")]
impl DateView {
    pub fn new(
        occurrence_id: i64,
        starts_at: chrono::DateTime<chrono::Utc>,
        ends_at: chrono::DateTime<chrono::Utc>,
        zone: chrono_tz::Tz,
    ) -> Self {
        use chrono::Offset;
        let start = starts_at.with_timezone(&zone);
        let end = ends_at.with_timezone(&zone);
        let local = |at: &chrono::DateTime<chrono_tz::Tz>| {
            at.naive_local()
                .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
                .to_string()
        };
        Self {
            occurrence_id,
            starts_at,
            ends_at,
            starts_at_local_rfc3339: start.to_rfc3339(),
            ends_at_local_rfc3339: end.to_rfc3339(),
            starts_local: local(&start),
            ends_local: local(&end),
            zone_abbreviation: start.format("%Z").to_string(),
            offset_minutes: start.offset().fix().local_minus_utc() / 60,
            going: 0,
            spots_left: None,
            waitlisted: 0,
            open: false,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceView {
    pub name: String,
    /// `None` when the host shares it only with confirmed guests.
    pub address: Option<String>,
    /// The exact point, or only the neighbourhood's centre when the address
    /// is not public.
    pub latitude: f64,
    pub longitude: f64,
    pub exact: bool,
}

/// A published or cancelled gathering by its public id.
#[server(endpoint = "gathering", input = GetUrl)]
pub async fn gathering(
    public_id: String,
    reader_language: String,
) -> Result<GatheringDetails, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let mut details = crate::backend::event_page::load(
        &state.db,
        &public_id,
        &reader_language,
        chrono::Utc::now(),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let viewer = super::viewer();
    if let Some(viewer) = &viewer {
        details.can_manage =
            crate::backend::gatherings::view::managed_event(&state.db, Some(viewer), &public_id)
                .await
                .is_ok();
    }
    let device = super::device_hash();
    let dates: Vec<i64> = details.dates.iter().map(|d| d.occurrence_id).collect();
    details.own_rsvps = crate::backend::rsvp::lists::own(
        &state.db,
        &dates,
        viewer.as_ref().map(|v| v.user_id),
        device.as_deref(),
    )
    .await?
    .into_iter()
    .map(|r| OwnRsvpView {
        public_id: r.public_id,
        occurrence_id: r.occurrence_id,
        party: r.party,
        status: r.status,
    })
    .collect();
    details.roles = crate::backend::volunteers::roles_for(
        &state.db,
        &public_id,
        &dates,
        viewer.as_ref().map(|v| v.user_id),
    )
    .await?;
    if let Some(viewer) = &viewer {
        details.sponsor_offices = crate::backend::offices::sponsorship::offices_for(
            &state.db,
            viewer.user_id,
            &public_id,
        )
        .await?
        .into_iter()
        .map(|office| super::offices::OfficeChoice {
            slug: office.slug,
            name: office.name,
        })
        .collect();
    }
    // The exact address, when kept for confirmed guests, for them only.
    if details.place.address.is_none() && details.own_rsvps.iter().any(|r| r.status == "going") {
        crate::backend::event_page::reveal_place(&state.db, &public_id, &mut details.place).await?;
    }
    Ok(details)
}
