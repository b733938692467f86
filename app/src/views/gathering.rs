//! One gathering, as its public page shows it.

use crate::domain::accessibility::Accessibility;
use crate::domain::category::Categories;
use crate::domain::ids::{OccurrenceId, RoleId};
use crate::domain::reply::ReplyStatus;
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
    /// What moderators decided; only its team sees one that is not
    /// `Visible`.
    pub moderation: crate::domain::moderation::Moderation,
    /// When the organisers last changed it (feeds' `updated`).
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// IANA zone of the place.
    pub time_zone: String,
    /// Upcoming dates, soonest first.
    pub dates: Vec<DateView>,
    /// Upcoming dates that were cancelled (not listed; structured data
    /// tells search engines).
    pub cancelled_dates: Vec<DateView>,
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
    /// How people may say they are coming (`domain::reply::ReplyModes`).
    pub rsvp_modes: crate::domain::reply::ReplyModes,
    /// How many people one person may bring.
    pub max_guests: i32,
    /// Organisers approve each reply before it holds a place.
    pub requires_approval: bool,
    /// The viewer's own RSVPs (by account or by this device).
    pub own_rsvps: Vec<OwnReplyView>,
    /// Ways to help, with open slots per date (counts only).
    pub roles: Vec<RoleView>,
    /// City offices sponsoring it ("Sponsored by …"), public.
    pub sponsors: Vec<super::offices::SponsorLabel>,
    /// The viewer's city offices whose area covers the place: they may
    /// sponsor it here.
    pub sponsor_offices: Vec<super::offices::OfficeChoice>,
    /// Guests' stories its organisers published, newest first.
    #[serde(default)]
    pub stories: Vec<super::follow_up::PublishedStory>,
    /// Messages from the organisers to the viewer's own replies' dates
    /// (filled for the viewer, like `own_rsvps`).
    #[serde(default)]
    pub messages: Vec<super::messages::GuestMessage>,
    /// Its organisers' picture; without one, the drawing of its kind.
    #[serde(default)]
    pub picture: Option<super::picture::PictureView>,
}

/// A volunteer role as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub id: RoleId,
    pub name: String,
    pub description: String,
    /// Local `HH:MM–HH:MM`, when the role has its own shift.
    pub shift: Option<String>,
    /// Its volunteers check guests in at the door.
    pub at_door: bool,
    pub dates: Vec<RoleDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleDate {
    pub occurrence_id: OccurrenceId,
    pub open_slots: i32,
    /// The viewer's own sign-up, to withdraw.
    pub mine: Option<String>,
}

/// One of the viewer's own RSVPs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnReplyView {
    pub public_id: String,
    pub occurrence_id: OccurrenceId,
    pub party: i32,
    pub status: ReplyStatus,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateView {
    pub occurrence_id: OccurrenceId,
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
        occurrence_id: OccurrenceId,
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
    /// The town it is in (the nearest in the gazetteer), and its country
    /// (ISO 3166-1 alpha-2).
    pub locality: Option<String>,
    pub country: Option<String>,
}

impl PlaceView {
    /// The place on one line, as far as the public page shows it: its name
    /// with the street when that is public, else with its town.
    pub fn one_line(&self) -> String {
        match (&self.address, &self.locality) {
            (Some(address), _) if !address.is_empty() => format!("{}, {address}", self.name),
            (_, Some(town)) => format!("{}, {town}", self.name),
            _ => self.name.clone(),
        }
    }
}

/// A gathering's printable poster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PosterView {
    pub details: GatheringDetails,
    /// Its title in the other languages it was written in.
    pub other_titles: Vec<TitleInLanguage>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TitleInLanguage {
    pub language: String,
    pub title: String,
}
