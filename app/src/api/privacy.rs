//! What this installation keeps about people, and for how long.

use super::ApiError;
use crate::views::privacy::{MyData, PrivacyFacts};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The facts the privacy page states, from this installation's settings.
#[server(endpoint = "privacy", input = GetUrl)]
pub async fn load_privacy_facts() -> Result<PrivacyFacts, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    Ok(crate::backend::privacy::facts::load(&state.db, &state.map).await?)
}

/// Everything held about the signed-in person (`/account/data`).
#[server(endpoint = "my-data", input = GetUrl)]
pub async fn load_my_data(reader_language: String) -> Result<MyData, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    crate::backend::privacy::export::of_account(&state.db, viewer.user_id, &reader_language)
        .await?
        .ok_or(ApiError::NotFound)
}

/// What is held about the address a guest's link was sent to; not found
/// once the link no longer works.
#[server(endpoint = "guest-data", input = GetUrl)]
pub async fn load_guest_data(token: String, reader_language: String) -> Result<MyData, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let now = chrono::Utc::now();
    let email = crate::backend::privacy::guest_link::address_of(&state.db, &token, now)
        .await?
        .ok_or(ApiError::NotFound)?;
    Ok(crate::backend::privacy::export::of_address(&state.db, &email, &reader_language).await?)
}

/// The hosts (slug, name) the signed-in person is the only owner of: each
/// must get another owner, or be closed, before the account can go.
#[server(endpoint = "deletion-blockers", input = GetUrl)]
pub async fn deletion_blockers() -> Result<Vec<(String, String)>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(crate::backend::privacy::delete_account::sole_owner_of(&state.db, viewer.user_id).await?)
}
