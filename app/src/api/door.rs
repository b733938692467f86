//! The door page of a date, for its organisers and its helpers at the door
//! (`backend::door::permissions`); check-ins and walk-ins are plain form
//! posts handled in `server/src/routes/door.rs`.

use super::ApiError;
use crate::domain::ids::OccurrenceId;
use crate::views::door::DoorView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The door of date `occurrence` of gathering `public_id`, after looking up
/// `query` (a door code or a name; empty for none).
#[server(endpoint = "door", input = GetUrl)]
pub async fn load_door(
    public_id: String,
    occurrence: OccurrenceId,
    query: String,
    reader_language: String,
) -> Result<DoorView, ApiError> {
    use crate::backend::door::{page, permissions};
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    let door = permissions::door(&state.db, viewer.as_ref(), &public_id, occurrence).await?;
    Ok(page::load(
        &state.db,
        &door,
        &query,
        &reader_language,
        chrono::Utc::now(),
    )
    .await?)
}
