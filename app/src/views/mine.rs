//! "My gatherings": the viewer's own replies and volunteer sign-ups.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyGathering {
    pub event_public_id: String,
    pub title: String,
    /// Local wall-clock time (`LOCAL_TIME_FORMAT`).
    pub starts_local: String,
    pub zone_abbreviation: String,
    /// `going`, `waitlisted`, `pending` or `volunteering`.
    pub status: String,
    /// The role, when volunteering.
    pub role: Option<String>,
    /// The role's own shift, local `HH:MM–HH:MM`, when it has one.
    pub shift: Option<String>,
    /// The form action that cancels or withdraws.
    pub cancel_action: String,
    /// The code to give at the door, when coming.
    pub door_code: Option<String>,
    /// The door page with that code looked up, as a QR code (an SVG
    /// element drawn on the server).
    pub door_qr: Option<String>,
}
