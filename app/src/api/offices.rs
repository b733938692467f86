//! City offices: their public page (area and sponsored gatherings), and
//! for their members the sponsorships they run and the area overview.
//! Permission checks go through `backend::offices::permissions`.

use super::ApiError;
use crate::views::offices::{OfficeChoice, OfficeView, OverviewView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The city offices the signed-in person belongs to.
#[server(endpoint = "my-offices", input = GetUrl)]
pub async fn my_offices() -> Result<Vec<OfficeChoice>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(
        crate::backend::offices::of_member(&state.db, viewer.user_id)
            .await?
            .into_iter()
            .map(|office| OfficeChoice {
                slug: office.slug,
                name: office.name,
            })
            .collect(),
    )
}

#[server(endpoint = "office", input = GetUrl)]
pub async fn load_office(slug: String, reader_language: String) -> Result<OfficeView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    crate::backend::offices::page::office(
        &state.db,
        super::viewer().as_ref(),
        &slug,
        &reader_language,
    )
    .await?
    .ok_or(ApiError::NotFound)
}

/// `from`/`to`: `YYYY-MM-DD`, or empty for the last 90 days up to today.
#[server(endpoint = "office-overview", input = GetUrl)]
pub async fn load_overview(
    slug: String,
    from: String,
    to: String,
    reader_language: String,
) -> Result<OverviewView, ApiError> {
    use crate::backend::offices::{self, permissions};
    let state = expect_context::<crate::backend::AppState>();
    let office = permissions::office_of_member(&state.db, super::viewer().as_ref(), &slug).await?;
    let locale = crate::l10n::language::parse(&reader_language).unwrap_or_default();
    let period = offices::page::Period::parse(&from, &to, chrono::Utc::now()).ok_or_else(|| {
        ApiError::Invalid(crate::i18n::td_string!(locale, overview_period_invalid).into())
    })?;
    Ok(offices::page::overview(&state.db, &office, period, locale).await?)
}
