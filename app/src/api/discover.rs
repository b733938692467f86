//! Finding gatherings.

use super::ApiError;
use crate::domain::category::Categories;
#[cfg(feature = "ssr")]
use crate::domain::search::SearchError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

/// What a list card shows about one upcoming date of a gathering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatheringCard {
    pub public_id: String,
    pub title: String,
    /// The language the title is written in (the reader's, when the host
    /// wrote one), for the `lang` attribute.
    pub title_language: String,
    /// Start in UTC, RFC 3339, for `<time datetime>`.
    pub starts_at_utc: String,
    /// Start in the gathering's local time, `YYYY-MM-DDTHH:MM:SS`; the page
    /// formats it in the reader's language.
    pub starts_local: String,
    /// Zone abbreviation at that date, e.g. `CET`.
    pub zone_abbreviation: String,
    pub place_name: String,
    pub host_name: String,
    pub categories: Categories,
    pub is_free: bool,
    /// Distance from the searched point, in metres.
    pub distance_m: Option<u32>,
    /// Where to put it on a map: the place, or only its neighbourhood when
    /// the address is for confirmed guests.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The city offices sponsoring this date ("Sponsored by …").
    pub sponsors: Vec<String>,
}

/// A city from the gazetteer, as offered to the resident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceChoice {
    pub city_id: u32,
    /// The name as the resident typed it when it matched an alternate name
    /// ("München"), else the city's main name.
    pub name: String,
    pub country_code: String,
    /// `lat,lng`, for links and the map.
    pub point: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Where the search was centred, when it was; `None` for anywhere.
    pub around: Option<Around>,
    /// Other cities the typed name could mean.
    pub alternatives: Vec<PlaceChoice>,
    pub cards: Vec<GatheringCard>,
    /// "Sponsored in your area": at most three gatherings sponsored by a
    /// city office whose area covers the searched point. Shown apart; the
    /// results above are never reordered by sponsorship.
    pub sponsored: Vec<GatheringCard>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Around {
    /// A city's name, or the coordinates.
    pub label: String,
    pub latitude: f64,
    pub longitude: f64,
    pub radius_km: f64,
}

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
    crate::backend::discover::search(
        &state.db,
        &state.search_index,
        &request,
        &reader_language,
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| match error {
        crate::backend::discover::DiscoverError::Invalid(errors) => reject(errors),
        crate::backend::discover::DiscoverError::Database(error) => error.into(),
    })
}

/// City names starting with `prefix`, biggest first, for autocomplete.
#[server(endpoint = "places", input = GetUrl)]
pub async fn suggest_places(prefix: String) -> Result<Vec<PlaceChoice>, ApiError> {
    Ok(crate::backend::discover::suggest(&prefix, 8))
}

#[cfg(feature = "ssr")]
fn reject(errors: Vec<SearchError>) -> ApiError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::BAD_REQUEST);
    }
    ApiError::InvalidSearch(errors)
}
