//! What administrators read: the administration page and one city office.
//! Only for administrators; everyone else is refused.

use super::ApiError;
use crate::views::moderation::{AdminView, OfficeAdminView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

#[server(endpoint = "admin", input = GetUrl)]
pub async fn load_admin() -> Result<AdminView, ApiError> {
    use crate::backend::moderation::{admin, permissions};
    let app = expect_context::<crate::backend::AppState>();
    permissions::administrator(&app.db, super::viewer().as_ref()).await?;
    Ok(admin::overview(&app.db).await?)
}

#[server(endpoint = "admin-office", input = GetUrl)]
pub async fn load_admin_office(slug: String) -> Result<OfficeAdminView, ApiError> {
    use crate::backend::moderation::{admin, permissions};
    let app = expect_context::<crate::backend::AppState>();
    permissions::administrator(&app.db, super::viewer().as_ref()).await?;
    admin::office(&app.db, &slug)
        .await?
        .ok_or(ApiError::NotFound)
}
