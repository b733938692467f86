//! What moderators read: the queue and one case. Only for moderators (and
//! administrators); everyone else is refused.

use super::ApiError;
use crate::views::moderation::{CaseView, QueueView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The cases in `state` (`open`, `in_hand` or `closed`; open when unknown).
#[server(endpoint = "moderation-queue", input = GetUrl)]
pub async fn load_moderation_queue(state: String) -> Result<QueueView, ApiError> {
    use crate::backend::moderation::{cases, permissions};
    use crate::domain::moderation::CaseState;
    let app = expect_context::<crate::backend::AppState>();
    let moderator = permissions::moderator(&app.db, super::viewer().as_ref()).await?;
    let state = CaseState::parse(&state).unwrap_or(CaseState::Open);
    Ok(cases::queue(&app.db, &moderator, state).await?)
}

#[server(endpoint = "moderation-case", input = GetUrl)]
pub async fn load_moderation_case(id: i64) -> Result<CaseView, ApiError> {
    use crate::backend::moderation::{cases, permissions};
    let app = expect_context::<crate::backend::AppState>();
    permissions::moderator(&app.db, super::viewer().as_ref()).await?;
    cases::one(&app.db, id).await?.ok_or(ApiError::NotFound)
}
