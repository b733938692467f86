//! Finding gatherings.

use super::ApiError;
#[cfg(feature = "ssr")]
use crate::domain::search::SearchError;
use crate::views::search::{PlaceChoice, SearchResults};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Gatherings matching a search, given as the page's query string (`near`,
/// `place`, `city`, `radius`, `when`, `from`, `to`, `sort`, `category`,
/// `language`, `access`, `free`, `family`, `after`). An invalid query is
/// answered with 400 and every problem found.
#[server(endpoint = "search", input = GetUrl)]
pub async fn search_gatherings(
    query: String,
    reader_language: String,
) -> Result<SearchResults, ApiError> {
    use crate::domain::search::SearchRequest;
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let request = SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(reject)?;
    let state = expect_context::<crate::backend::AppState>();
    crate::backend::search::page::search(
        &state.db,
        &state.search_index,
        &request,
        &reader_language,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| match error {
        crate::backend::search::page::SearchPageError::Invalid(errors) => reject(errors),
        crate::backend::search::page::SearchPageError::Database(error) => error.into(),
    })
}

/// City names starting with `prefix`, biggest first, for autocomplete.
#[server(endpoint = "places", input = GetUrl)]
pub async fn suggest_places(prefix: String) -> Result<Vec<PlaceChoice>, ApiError> {
    Ok(crate::backend::search::page::suggest(&prefix, 8))
}

#[cfg(feature = "ssr")]
fn reject(errors: Vec<SearchError>) -> ApiError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::BAD_REQUEST);
    }
    ApiError::InvalidSearch(errors)
}
