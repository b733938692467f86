//! Helpers for plain HTML form posts: a field's value, the client's
//! network address, and rendering the form's page again with its problems
//! (see `app::ui::forms`).

use super::{HttpState, refusal::Refusal};
use app::backend::rate_limit::{self, Limit};
use app::backend::{flood, transaction};
use app::i18n::{Locale, td_string};
use app::ui::forms::{FieldError, FormState};
use axum::{
    body::Body,
    extract::{ConnectInfo, Request},
    http::{StatusCode, request::Parts},
    response::{IntoResponse, Response},
};
use std::net::{IpAddr, SocketAddr};

/// The first value of `name`, trimmed.
pub fn field<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.trim())
}

/// Which network is asking, for per-network rate limits
/// ([`rate_limit::network_of`]): the peer's address or, behind a trusted
/// reverse proxy, the *last* address in the header it sets. Proxies append
/// the address they saw to `X-Forwarded-For`; anything before it was sent
/// by the client and proves nothing.
pub fn client_address(state: &HttpState, parts: &Parts) -> String {
    let from_proxy = state.client_ip_header.as_deref().and_then(|header| {
        parts
            .headers
            .get_all(header)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .next_back()
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<IpAddr>().ok())
    });
    let peer = || {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip())
    };
    from_proxy
        .or_else(peer)
        .map(rate_limit::network_of)
        .unwrap_or_default()
}

/// Renders the page at the request's path again, showing `form`.
pub async fn render_again(state: &HttpState, parts: Parts, form: FormState) -> Response {
    let page_context = state.page_context();
    let leptos = state.leptos.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            page_context();
            leptos::context::provide_context(form.clone());
        },
        move || app::shell(leptos.clone()),
    );
    render(Request::from_parts(parts, Body::empty()))
        .await
        .into_response()
}

/// The same request head for rendering the page at `path` (a form posted
/// elsewhere shows its problems on the page it came from).
pub fn at_path(mut parts: Parts, path: &str) -> Parts {
    if let Ok(uri) = path.parse() {
        parts.uri = uri;
    }
    parts.method = axum::http::Method::GET;
    parts
}

/// Counts one action under each key, in order, stopping at the first limit
/// reached; then refuses with the form's page again, a clear message by
/// `field` and HTTP 429, and nothing done.
pub async fn rate_limited(
    state: &HttpState,
    parts: &Parts,
    keys: &[(String, Limit)],
    fields: &[(String, String)],
    field: &str,
    locale: Locale,
) -> Result<(), Refusal> {
    let message = td_string!(locale, too_many_requests);
    rate_limited_saying(state, parts, keys, 1, fields, field, message).await
}

/// [`rate_limited`] counting `weight` actions at once (a reply for several
/// people), with a message of the caller's, for limits a person did not
/// reach alone (a shared network).
pub async fn rate_limited_saying(
    state: &HttpState,
    parts: &Parts,
    keys: &[(String, Limit)],
    weight: i32,
    fields: &[(String, String)],
    field: &str,
    message: &str,
) -> Result<(), Refusal> {
    let writer = transaction::writer(&state.app.db);
    let over = flood::first_over(&writer, keys, weight).await?;
    let Some(key) = over else {
        return Ok(());
    };
    // The kind of limit only: keys name networks and (hashed) addresses.
    let kind = key.split(':').next().unwrap_or_default();
    tracing::info!(%kind, "rate limit reached");
    let status = StatusCode::TOO_MANY_REQUESTS;
    let page = parts.clone();
    let again = form_again_as(status, state, page, fields.to_vec(), field, message);
    Err(Refusal::Page(again.await))
}

/// The page at `parts`' path again, with the form as it was sent and
/// `message` by `field`: what a refused form post answers (422).
pub async fn form_again(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    field: &str,
    message: &str,
) -> Response {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    form_again_as(status, state, parts, fields, field, message).await
}

/// [`form_again`] answered with `status`: 409 when the post conflicts with
/// what is stored, 429 over a limit.
pub async fn form_again_as(
    status: StatusCode,
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    field: &str,
    message: &str,
) -> Response {
    let error = FieldError {
        field: field.into(),
        message: message.into(),
    };
    let mut form = FormState::invalid(fields, vec![error]);
    form.status = Some(status);
    render_again(state, parts, form).await
}
