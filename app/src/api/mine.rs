//! "My gatherings": what the viewer said they are coming to (by account or
//! by this device) and where they volunteer, upcoming only.

use super::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
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
}

#[server(endpoint = "mine", input = GetUrl)]
pub async fn my_gatherings(reader_language: String) -> Result<Vec<MyGathering>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    let device = super::device_hash();
    Ok(crate::backend::rsvp::mine::upcoming(
        &state.db,
        viewer.as_ref().map(|v| v.user_id),
        device.as_deref(),
        &reader_language,
        chrono::Utc::now(),
    )
    .await?)
}
