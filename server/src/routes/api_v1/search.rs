//! `GET /api/v1/search`: the search page's search, with the same
//! parameters and the same results, as JSON; and `GET /api/v1/places`,
//! the towns a typed name may mean.

use super::{
    Problem, json, reader_language,
    schema::{GatheringSummary, PlaceSuggestion, SearchPage},
};
use crate::routes::extract::ReaderLanguage;
use app::backend::{
    AppState,
    search::{self, page::SearchPageError},
};
use app::domain::search::SearchRequest;
use app::l10n::{language, refusals::Explain};
use axum::{
    extract::{RawQuery, State},
    http::HeaderMap,
    response::Response,
};
use utoipa::IntoParams;

/// The search's parameters, as on the search page (`/?…`). They are read by
/// the page's own parser (`SearchRequest::parse`); this type documents them.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct SearchParams {
    /// Around a point: `latitude,longitude`.
    #[param(example = "52.52,13.405")]
    near: Option<String>,
    /// Around a town, by name as a person types it (`Berlin`, `مدريد`).
    place: Option<String>,
    /// Around a town, by the `city_id` of `/api/v1/places`.
    city: Option<u32>,
    /// Kilometres around the point or town, 1–100 (default 10).
    radius: Option<f64>,
    /// `today`, `weekend` or `week` (the next seven days).
    when: Option<String>,
    /// From this day on (`YYYY-MM-DD`), with `to`.
    from: Option<chrono::NaiveDate>,
    /// Up to this day (`YYYY-MM-DD`).
    to: Option<chrono::NaiveDate>,
    /// `soonest` (default) or `nearest`.
    sort: Option<String>,
    /// `food`, `music`, `art`, `sport` or `other`; repeat for several.
    category: Option<Vec<String>>,
    /// A language spoken at the gathering (ISO 639-1); repeat for several.
    language: Option<Vec<String>>,
    /// An accessibility feature's slug, e.g. `step-free`; repeat for several.
    access: Option<Vec<String>>,
    /// Only free gatherings.
    free: Option<bool>,
    /// Only family-friendly gatherings.
    family: Option<bool>,
    /// The `next` of the previous page.
    after: Option<String>,
    /// The language to answer in (`en`, `de`, `fr`, `es`, `tr`, `uk`, `ar`,
    /// `fa`); titles in it where the organisers wrote one. Default: the
    /// `Accept-Language` header.
    lang: Option<String>,
}

#[utoipa::path(
    get,
    path = "/api/v1/search",
    tag = "gatherings",
    params(SearchParams),
    responses(
        (status = 200, description = "Upcoming dates found, one page", body = SearchPage),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 400, description = "A parameter is wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn search(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    let locale = reader_language(&pairs, reader);
    let explain = |errors: Vec<app::domain::search::SearchError>| {
        let sentences: Vec<String> = errors.iter().map(|e| e.explain(locale)).collect();
        Problem::invalid(sentences.join(" "))
    };
    let request = SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(explain)?;
    let results = search::page::search(
        &state.db,
        &state.search_index,
        &request,
        language::code(locale),
        chrono::Utc::now(),
    )
    .await
    .map_err(|error| match error {
        SearchPageError::Invalid(errors) => explain(errors),
        SearchPageError::Database(error) => error.into(),
    })?;
    let page = SearchPage {
        items: results
            .cards
            .into_iter()
            .map(|card| GatheringSummary::of(card, &state.public_url))
            .collect(),
        next: results.next,
    };
    Ok(json(&headers, &page))
}

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PlaceParams {
    /// The beginning of a town's name, in any script.
    #[param(example = "Berl")]
    prefix: String,
}

#[utoipa::path(
    get,
    path = "/api/v1/places",
    tag = "places",
    params(PlaceParams),
    responses(
        (status = 200, description = "Towns whose name starts so, biggest first (at most 8)", body = Vec<PlaceSuggestion>),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
    )
)]
pub async fn places(RawQuery(query): RawQuery, headers: HeaderMap) -> Response {
    let prefix = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .find(|(key, _)| key == "prefix")
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default();
    let found: Vec<PlaceSuggestion> = search::page::suggest(&prefix, 8)
        .into_iter()
        .map(PlaceSuggestion::of)
        .collect();
    json(&headers, &found)
}
