//! "My gatherings": what the viewer said they are coming to (by account or
//! by this device) and where they volunteer, upcoming only.

use super::ApiError;
use crate::views::mine::MyGathering;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "mine", input = GetUrl)]
pub async fn my_gatherings(reader_language: String) -> Result<Vec<MyGathering>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    let device = super::device_hash();
    Ok(crate::backend::replies::mine::upcoming(
        &state.db,
        &state.public_url,
        viewer.as_ref().map(|v| v.user_id),
        device.as_deref(),
        &reader_language,
        chrono::Utc::now(),
    )
    .await?)
}

/// Since when the viewer's secret calendar address works, if it does
/// (`backend::replies::my_calendar`).
#[server(endpoint = "my-calendar", input = GetUrl)]
pub async fn load_calendar_link_since() -> Result<Option<chrono::NaiveDate>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(
        crate::backend::replies::my_calendar::active_since(&state.db, viewer.user_id)
            .await?
            .map(|at| at.date_naive()),
    )
}

/// The viewer's API tokens (`backend::auth::api_token`).
#[server(endpoint = "my-api-tokens", input = GetUrl)]
pub async fn load_api_tokens() -> Result<Vec<crate::views::api_tokens::ApiTokenView>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(crate::backend::auth::api_token::list(&state.db, viewer.user_id).await?)
}
