//! What moderators and administrators see: the queue of cases, one case
//! with its reports and notes, and the log.

use crate::domain::moderation::{CaseState, Moderation, PublishPolicy, ReportReason, SiteRole};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The queue: the cases in one state, the most recently reported first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QueueView {
    pub state: CaseState,
    pub cases: Vec<CaseSummary>,
    /// How many cases are in each state, in `CaseState::ALL`'s order.
    pub counts: Vec<(CaseState, u64)>,
    /// Gatherings waiting for review, the oldest first.
    pub waiting: Vec<WaitingGathering>,
    pub is_administrator: bool,
}

/// A gathering held back until a moderator reviews it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WaitingGathering {
    pub public_id: String,
    pub title: String,
    pub host_slug: String,
    pub host_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: i64,
    pub subject: SubjectView,
    pub state: CaseState,
    pub reports: u64,
    /// The reasons given, each once, in `ReportReason::ALL`'s order.
    pub reasons: Vec<ReportReason>,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The moderator who took it.
    pub assignee: Option<String>,
}

/// What a case is about, as moderators need it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SubjectView {
    Gathering {
        public_id: String,
        title: String,
        moderation: Moderation,
        host: HostSubject,
    },
    Host(HostSubject),
}

impl SubjectView {
    pub fn host(&self) -> &HostSubject {
        match self {
            Self::Gathering { host, .. } | Self::Host(host) => host,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostSubject {
    pub slug: String,
    pub name: String,
    pub suspended: bool,
    /// Its owners, whose accounts a moderator may suspend.
    pub owners: Vec<AccountView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AccountView {
    pub id: crate::domain::ids::UserId,
    pub email: String,
    pub suspended: bool,
}

/// One case: its reports (never who made them) and the moderators' notes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub summary: CaseSummary,
    pub reports: Vec<ReportView>,
    pub notes: Vec<NoteView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: ReportReason,
    pub details: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NoteView {
    /// The author's email address; `None` once their account is gone.
    pub author: Option<String>,
    pub body: String,
    pub at: DateTime<Utc>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntryView {
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// The administration page: who has a role, who may publish, the city
/// offices, and the moderation log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AdminView {
    pub people: Vec<RoleHolder>,
    pub publish_policy: PublishPolicy,
    pub offices: Vec<OfficeLine>,
    pub log: Vec<LogEntryView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleHolder {
    pub user_id: crate::domain::ids::UserId,
    pub email: String,
    pub role: SiteRole,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeLine {
    pub slug: String,
    pub name: String,
    pub members: u64,
    pub has_area: bool,
}

/// One city office as administrators run it: members and area.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfficeAdminView {
    pub slug: String,
    pub name: String,
    pub members: Vec<AccountView>,
    /// Polygons of its stored area, and when it was imported.
    pub area: Option<(i32, DateTime<Utc>)>,
}
