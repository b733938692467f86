//! What organisers see: their hosts, a host's page and settings, a
//! gathering's management page, a host's team and an invitation to it.

use super::search::GatheringCard;
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::{reply::ReplyStatus, status::PartnerStatus};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostSummary {
    pub slug: String,
    pub name: String,
    /// `owner` or `organiser`.
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostView {
    pub slug: String,
    pub name: String,
    /// Sanitised HTML from the host's Markdown.
    pub description_html: String,
    /// Web links, in the host's order.
    pub links: Vec<String>,
    pub logo: Option<LogoView>,
    /// Closed by its last owner: its gatherings are cancelled.
    pub closed: bool,
    /// The viewer may create and manage its gatherings.
    pub can_organise: bool,
    /// The viewer may edit this page (owners).
    pub can_edit: bool,
    pub gatherings: Vec<GatheringCard>,
    /// Co-host invitations waiting for this host's answer (organisers only).
    pub cohost_invitations: Vec<PartnerInvitation>,
    /// Guests' stories of its gatherings, published by its organisers.
    #[serde(default)]
    pub stories: Vec<super::follow_up::PublishedStory>,
    /// Its impact page is public.
    #[serde(default)]
    pub impact_public: bool,
}

/// A host's logo as a page shows it: in a box of fixed size, so nothing
/// moves when it arrives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoView {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// What the page that edits a host's page shows (owners only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSettings {
    pub slug: String,
    pub name: String,
    /// The Markdown as written.
    pub description: String,
    /// One per line, as the form shows them.
    pub links: String,
    pub logo: Option<LogoView>,
    /// Days after each date its guests are forgotten, when the host chose
    /// fewer than the installation; `None`: the installation's.
    pub forget_guests_after_days: Option<i32>,
    /// The installation's number of days: the most a host may choose.
    pub installation_forget_days: i32,
}

/// A partner host credited on a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerView {
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
}

/// Another host asking this one to co-host a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerInvitation {
    pub public_id: String,
    pub title: String,
    pub inviting_host: String,
}

/// One date of a gathering on its management page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    pub occurrence_id: OccurrenceId,
    /// Local wall-clock time (`LOCAL_TIME_FORMAT`).
    pub starts_local: String,
    pub ends_local: String,
    pub zone_abbreviation: String,
    pub cancelled: bool,
    /// Going first, then the waitlist in order, then unconfirmed.
    pub attendees: Vec<AttendeeRow>,
    pub volunteers: Vec<VolunteerRow>,
    /// The local day (`YYYY-MM-DD`) its guests' names and addresses are
    /// forgotten, or were.
    pub guests_forgotten_on: String,
    /// Already forgotten: only counts remain.
    pub guests_forgotten: bool,
    /// Who came (counts only).
    pub attendance: super::door::Attendance,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageView {
    pub public_id: String,
    pub title: String,
    pub host_slug: String,
    pub host_name: String,
    pub cancelled: bool,
    /// The form's fields as they are now, to fill in the edit form.
    pub values: Vec<(String, String)>,
    pub dates: Vec<DateRow>,
    /// The most recent dates that have ended, newest first.
    pub past_dates: Vec<DateRow>,
    pub partners: Vec<PartnerView>,
    pub roles: Vec<super::gathering::RoleView>,
    /// City offices sponsoring it; the organisers may decline.
    pub sponsorships: Vec<super::offices::SponsorshipRow>,
    /// Its cover picture, which the organisers may replace or remove.
    pub picture: Option<super::picture::PictureView>,
}

/// Who is coming to one date, for its organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    /// The reply's public id, to approve or decline it.
    pub public_id: String,
    /// A name or address; `None` for an anonymous guest.
    pub shown: Option<String>,
    pub party: i32,
    pub status: ReplyStatus,
    /// How many of the party were checked in at the door.
    pub checked_in: Option<i32>,
}

/// A volunteer on one date, for its organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerRow {
    pub role: String,
    /// Their chosen name, else their address.
    pub person: String,
    pub signup_public_id: String,
    /// In a role at the door…
    pub at_door: bool,
    /// …and let in by an organiser to check guests in.
    pub door_approved: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub slug: String,
    pub name: String,
    /// The viewer is an owner: may invite and remove.
    pub can_manage_team: bool,
    pub members: Vec<TeamMember>,
    /// Invited addresses that have not accepted yet.
    pub pending: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: UserId,
    pub shown_name: String,
    pub role: String,
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub host_name: String,
    pub role: String,
    /// Why it cannot be accepted (`used`, `expired`, `other_address`).
    pub problem: Option<String>,
}
