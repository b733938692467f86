//! The impact pages of hosts and city offices (`backend::impact`); their
//! CSV files and the switch are routes in `server/src/routes/impact.rs`.

use super::ApiError;
use crate::views::impact::ImpactView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The impact page of the host (`kind` "hosts") or office ("offices") at
/// `slug`.
#[server(endpoint = "impact", input = GetUrl)]
pub async fn load_impact(kind: String, slug: String) -> Result<ImpactView, ApiError> {
    use crate::backend::impact::page::{Whose, load};
    let state = expect_context::<crate::backend::AppState>();
    let whose = match kind.as_str() {
        "hosts" => Whose::Host(slug),
        "offices" => Whose::Office(slug),
        _ => return Err(ApiError::NotFound),
    };
    let today = chrono::Utc::now().date_naive();
    Ok(load(&state.db, super::viewer().as_ref(), &whose, today).await?)
}
