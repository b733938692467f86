//! The messages page of a gathering, for its organisers; sending and
//! stopping messages are plain form posts handled in
//! `server/src/routes/messages.rs`.

use super::ApiError;
use crate::views::messages::MessagesView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The dates, roles and sent messages of the gathering `public_id`.
#[server(endpoint = "messages", input = GetUrl)]
pub async fn load_messages(
    public_id: String,
    reader_language: String,
) -> Result<MessagesView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    let event =
        crate::backend::gatherings::view::managed_event(&state.db, viewer.as_ref(), &public_id)
            .await?;
    let now = chrono::Utc::now();
    Ok(
        crate::backend::messages::lists::for_organisers(&state.db, &event, &reader_language, now)
            .await?,
    )
}
