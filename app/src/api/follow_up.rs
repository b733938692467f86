//! The follow-up page (the key from the email is the only proof) and the
//! stories of a gathering for its organisers; answers, withdrawals and
//! decisions are plain form posts handled in
//! `server/src/routes/follow_up.rs`.

use super::ApiError;
use crate::views::follow_up::{StoriesView, SurveyView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// What the follow-up link with `token` opens.
#[server(endpoint = "follow-up", input = GetUrl)]
pub async fn load_survey(token: String, reader_language: String) -> Result<SurveyView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    crate::backend::follow_up::survey::load(&state.db, &token, &reader_language, chrono::Utc::now())
        .await?
        .ok_or(ApiError::NotFound)
}

/// The stories of the gathering `public_id`, for its organisers.
#[server(endpoint = "stories", input = GetUrl)]
pub async fn load_stories(
    public_id: String,
    reader_language: String,
) -> Result<StoriesView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    let event =
        crate::backend::gatherings::view::managed_event(&state.db, viewer.as_ref(), &public_id)
            .await?;
    Ok(
        crate::backend::follow_up::stories::for_organisers(&state.db, &event, &reader_language)
            .await?,
    )
}
