//! Messages from organisers: the page they write and read them on, and
//! what a guest sees on the gathering's page.

use crate::domain::ids::{OccurrenceId, RoleId};
use crate::domain::organiser_message::Audience;
use serde::{Deserialize, Serialize};

/// `/events/{id}/messages`, for the gathering's organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagesView {
    pub event_public_id: String,
    pub title: String,
    /// Dates a message can still go to, local (`LOCAL_TIME_FORMAT`).
    pub dates: Vec<(OccurrenceId, String)>,
    pub roles: Vec<(RoleId, String)>,
    /// Newest first.
    pub sent: Vec<SentMessage>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentMessage {
    /// The date it went to, local (`LOCAL_TIME_FORMAT`).
    pub date_local: String,
    pub audience: Audience,
    /// The role's name, for volunteers of one role.
    pub role: Option<String>,
    pub recipients: i32,
    pub body: String,
    pub sent_at: chrono::DateTime<chrono::Utc>,
}

/// A message as a guest reads it on the gathering's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestMessage {
    pub occurrence_id: OccurrenceId,
    pub body: String,
    pub sent_at: chrono::DateTime<chrono::Utc>,
}
