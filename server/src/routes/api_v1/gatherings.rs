//! `GET /api/v1/gatherings/{id}` and `GET /api/v1/hosts/{slug}`: one
//! gathering with its dates, one host with its upcoming gatherings, as
//! their public pages show them to someone with no account.

use super::{
    Problem, json, reader_language,
    schema::{Gathering, Host},
};
use crate::routes::extract::ReaderLanguage;
use app::backend::{AppState, gatherings, hosts};
use app::l10n::language;
use axum::{
    extract::{Path, RawQuery, State},
    http::HeaderMap,
    response::Response,
};
use utoipa::IntoParams;

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LanguageParam {
    /// The language to answer in (`en`, `de`, `fr`, `es`, `tr`, `uk`, `ar`,
    /// `fa`); texts in it where the organisers wrote one. Default: the
    /// `Accept-Language` header.
    lang: Option<String>,
}

fn pairs(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect()
}

#[utoipa::path(
    get,
    path = "/api/v1/gatherings/{id}",
    tag = "gatherings",
    params(("id" = String, Path, description = "The gathering's public id"), LanguageParam),
    responses(
        (status = 200, description = "The gathering and its upcoming dates", body = Gathering),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 404, description = "No such public gathering", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn gathering(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let locale = reader_language(&pairs(query), reader);
    let details =
        gatherings::page::load(&state.db, &id, language::code(locale), chrono::Utc::now())
            .await?
            .ok_or_else(Problem::not_found)?;
    Ok(json(&headers, &Gathering::of(details, &state.public_url)))
}

#[utoipa::path(
    get,
    path = "/api/v1/hosts/{slug}",
    tag = "hosts",
    params(("slug" = String, Path, description = "The host's slug, as in `/hosts/{slug}`", example = "berlin-moabit-sports-club"), LanguageParam),
    responses(
        (status = 200, description = "The host and its upcoming gatherings", body = Host),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 404, description = "No such host", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn host(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let locale = reader_language(&pairs(query), reader);
    // Read as by someone with no account: the API shows what is public.
    let host = hosts::page::load(&state.db, None, &slug, language::code(locale))
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(json(&headers, &Host::of(host, &state.public_url)))
}
