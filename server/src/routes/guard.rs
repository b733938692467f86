//! Who may do what, answered once for every handler: the signed-in person,
//! the host or gathering they act on if `hosts::permissions` allows it, and
//! the response when it does not (sign in first, 403, 404).

use super::HttpState;
use app::api::ApiError;
use app::backend::{
    auth::Viewer,
    entities::{city_office, event, host},
    gatherings::view::managed_event,
    hosts::{
        self,
        permissions::{Access, HostAction, check},
    },
    offices::{self, permissions::OfficeAccess},
};
use app::i18n::{Locale, td_string};
use axum::{
    http::{StatusCode, request::Parts},
    response::{Html, IntoResponse, Redirect, Response},
};
use leptos_i18n::Locale as _;

/// The signed-in person making the request, if any.
pub fn signed_in(parts: &Parts) -> Option<Viewer> {
    parts.extensions.get::<Viewer>().cloned()
}

/// The host at `slug` and the viewer, when the viewer may do `action` to it.
pub async fn host_allowing(
    state: &HttpState,
    parts: &Parts,
    slug: &str,
    action: HostAction,
    locale: Locale,
) -> Result<(host::Model, Viewer), Response> {
    let db = &state.app.db;
    let host = match hosts::by_slug(db, slug).await {
        Ok(Some(host)) => host,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(error) => return Err(unavailable(error)),
    };
    let viewer = signed_in(parts);
    match check(db, viewer.as_ref(), host.id, action).await {
        Ok(Access::Allowed(_)) => Ok((host, viewer.expect("allowed means signed in"))),
        Ok(Access::SignInFirst) => Err(sign_in_first(parts)),
        Ok(Access::Forbidden) => Err(forbidden(locale)),
        Err(error) => Err(unavailable(error)),
    }
}

/// The gathering `public_id` and the viewer, when the viewer organises it.
pub async fn managed(
    state: &HttpState,
    parts: &Parts,
    public_id: &str,
    locale: Locale,
) -> Result<(event::Model, Viewer), Response> {
    let viewer = signed_in(parts);
    match managed_event(&state.app.db, viewer.as_ref(), public_id).await {
        Ok(event) => Ok((event, viewer.expect("allowed means signed in"))),
        Err(error) => Err(refused(parts, error, locale)),
    }
}

/// The city office at `slug` and the viewer, when the viewer is one of its
/// members.
pub async fn office_member(
    state: &HttpState,
    parts: &Parts,
    slug: &str,
    locale: Locale,
) -> Result<(city_office::Model, Viewer), Response> {
    let db = &state.app.db;
    let office = match offices::by_slug(db, slug).await {
        Ok(Some(office)) => office,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(error) => return Err(unavailable(error)),
    };
    let viewer = signed_in(parts);
    match offices::permissions::check(db, viewer.as_ref(), office.id).await {
        Ok(OfficeAccess::Member) => Ok((office, viewer.expect("members are signed in"))),
        Ok(OfficeAccess::SignInFirst) => Err(sign_in_first(parts)),
        Ok(OfficeAccess::Forbidden) => Err(forbidden(locale)),
        Err(error) => Err(unavailable(error)),
    }
}

pub fn refused(parts: &Parts, error: ApiError, locale: Locale) -> Response {
    match error {
        ApiError::SignInRequired => sign_in_first(parts),
        ApiError::Forbidden => forbidden(locale),
        ApiError::NotFound => StatusCode::NOT_FOUND.into_response(),
        _ => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// To the sign-in page, and back to the page the form was on afterwards.
pub fn sign_in_first(parts: &Parts) -> Response {
    let back = parts
        .headers
        .get(axum::http::header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<axum::http::Uri>().ok())
        .and_then(|uri| uri.path_and_query().map(|p| p.to_string()))
        .unwrap_or_else(|| "/hosts".into());
    let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
    Redirect::to(&format!("/sign-in?next={next}")).into_response()
}

pub fn forbidden(locale: Locale) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"><main class=\"stack\"><h1>{title}</h1><p>{body}</p><p><a href=\"/hosts\">{back}</a></p></main>",
        lang = locale.as_str(),
        dir = locale.direction().as_str(),
        title = td_string!(locale, forbidden_title),
        body = td_string!(locale, forbidden_body),
        back = td_string!(locale, nav_my_hosts),
    );
    (StatusCode::FORBIDDEN, Html(page)).into_response()
}

pub fn unavailable(error: sea_orm::DbErr) -> Response {
    tracing::error!(%error, "database error");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}
