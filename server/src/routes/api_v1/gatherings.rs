//! `GET /api/v1/gatherings/{id}` and `GET /api/v1/hosts/{slug}`: one
//! gathering with its dates, one host with its upcoming gatherings, as
//! their public pages show them to someone with no account.

use super::{
    LanguageParam, Problem, asked_language, gathering_of, json,
    schema::{Gathering, Host},
};
use crate::routes::extract::ReaderLanguage;
use app::backend::{AppState, hosts};
use app::l10n::language;
use axum::{
    extract::{Path, RawQuery, State},
    http::HeaderMap,
    response::Response,
};

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
    let gathering = gathering_of(&state, &id, asked_language(query, reader)).await?;
    Ok(json(&headers, &gathering))
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
    let locale = asked_language(query, reader);
    // Read as by someone with no account: the API shows what is public.
    let host = hosts::page::load(&state.db, None, &slug, language::code(locale))
        .await?
        .ok_or_else(Problem::not_found)?;
    Ok(json(&headers, &Host::of(host, &state.public_url)))
}
