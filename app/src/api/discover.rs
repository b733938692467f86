//! Finding gatherings.

use super::ApiError;
use crate::domain::category::Categories;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a list card shows about one upcoming date of a gathering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatheringCard {
    pub public_id: String,
    pub title: String,
    /// Start in UTC, RFC 3339, for `<time datetime>`.
    pub starts_at_utc: String,
    /// Start in the gathering's local time, `YYYY-MM-DDTHH:MM:SS`; the page
    /// formats it in the reader's language.
    pub starts_local: String,
    /// Zone abbreviation at that date, e.g. `CET`.
    pub zone_abbreviation: String,
    pub place_name: String,
    pub host_name: String,
    pub categories: Categories,
    pub is_free: bool,
}

/// The next gatherings anywhere, soonest first.
#[server]
pub async fn upcoming_gatherings(limit: u32) -> Result<Vec<GatheringCard>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let limit = limit.clamp(1, 50);
    Ok(crate::backend::upcoming::list(&state.db, chrono::Utc::now(), limit).await?)
}
