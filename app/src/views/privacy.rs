//! What the privacy page says, taken from this installation's real
//! settings, so the page changes when they do.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyFacts {
    /// Days after each date its guests' details are erased.
    pub forget_after_days: i32,
    /// A signed-in browser is signed out after this many days unused…
    pub session_idle_days: i64,
    /// …and after this many days at most.
    pub session_max_days: i64,
    /// A sign-in link works for this many minutes.
    pub sign_in_link_minutes: i64,
    /// Network addresses counted against abuse are kept at most this long.
    pub network_hours: i64,
    /// Copies of sent emails are kept this many days.
    pub emails_kept_days: i64,
    /// The third party that draws the maps, if any (it sees the reader's
    /// network address when a map is shown).
    pub map_tiles_from: Option<String>,
    /// When guests of ended dates were last forgotten (`YYYY-MM-DD`, UTC).
    pub last_forgotten_on: Option<String>,
}

/// Everything the installation holds that names one person: for "Download
/// my data", as JSON and as a page. Times are RFC 3339 in UTC. Secrets
/// (session, link and cancel tokens) are never included, only that they
/// exist. A guest without an account gets the same without `account`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub account: Option<AccountRecord>,
    pub sessions: Vec<SessionRecord>,
    /// API tokens: name, scopes, made, last used (never the token).
    #[serde(default)]
    pub api_tokens: Vec<ApiTokenRecord>,
    /// Since when a secret calendar address works, if one does.
    #[serde(default)]
    pub calendar_address_since: Option<String>,
    pub replies: Vec<ReplyRecord>,
    pub volunteering: Vec<VolunteerRecord>,
    pub hosts: Vec<MembershipRecord>,
    pub offices: Vec<MembershipRecord>,
    pub team_invitations_sent: Vec<InvitationRecord>,
    pub team_invitations_received: Vec<InvitationRecord>,
    pub partner_invitations_sent: Vec<PartnerInvitationRecord>,
    pub sponsorships_created: Vec<SponsorshipActionRecord>,
    pub sponsorship_actions: Vec<SponsorshipActionRecord>,
    pub attendee_list_downloads: Vec<DownloadRecord>,
    pub sign_in_links: Vec<LinkRecord>,
    pub emails: Vec<EmailRecord>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountRecord {
    pub email: String,
    pub display_name: Option<String>,
    pub language: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenRecord {
    pub name: String,
    pub scopes: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionRecord {
    pub id: i64,
    pub created_at: String,
    pub last_seen_at: String,
    pub expires_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyRecord {
    pub public_id: String,
    /// The gathering's public id and its title in the reader's language.
    pub gathering: String,
    pub title: String,
    pub date: String,
    pub status: String,
    pub party: i32,
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VolunteerRecord {
    pub public_id: String,
    pub gathering: String,
    pub title: String,
    pub role: String,
    pub date: String,
    pub status: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembershipRecord {
    pub slug: String,
    pub name: String,
    /// `owner` or `organiser` in a host; empty for a city office.
    pub role: String,
    pub since: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationRecord {
    pub id: i64,
    pub host: String,
    pub email: String,
    pub role: String,
    pub created_at: String,
    pub expires_at: String,
    pub accepted_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerInvitationRecord {
    pub gathering: String,
    pub partner: String,
    pub status: String,
    pub created_at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorshipActionRecord {
    pub id: i64,
    pub office: String,
    pub gathering: String,
    pub action: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DownloadRecord {
    pub id: i64,
    pub gathering: String,
    pub at: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub id: i64,
    pub created_at: String,
    pub expires_at: String,
    pub used_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailRecord {
    pub id: i64,
    pub subject: String,
    pub created_at: String,
    pub sent_at: Option<String>,
}
