//! `/metrics` for the operator's Prometheus, and the two layers that time
//! every request by its route. The page is served only to the addresses in
//! `[metrics] allow_from`, connecting directly: a request that came through
//! a reverse proxy (it carries `Forwarded`, `X-Forwarded-For`, `X-Real-IP`,
//! `Via` or `client_ip_header`) is refused whatever address the proxy
//! connects from.

use super::HttpState;
use crate::metrics::{self, Metrics};
use axum::{
    extract::{ConnectInfo, MatchedPath, Request, State},
    http::{HeaderMap, StatusCode, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use std::net::SocketAddr;
use std::time::Instant;

/// Headers that reverse proxies add to what they pass on.
const PROXY_HEADERS: [&str; 4] = ["forwarded", "x-forwarded-for", "x-real-ip", "via"];

pub async fn show(
    State(state): State<HttpState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    // Proxies name the client in one of these (or in the header the
    // operator configured): whatever address the proxy itself connects
    // from, a request it passes on is not the scraper's.
    let through_proxy = PROXY_HEADERS
        .iter()
        .copied()
        .chain(state.client_ip_header.as_deref())
        .any(|name| headers.contains_key(name));
    if through_proxy || !state.metrics_allow.allows(peer.ip()) {
        return (
            StatusCode::FORBIDDEN,
            "Metrics are served only to the addresses in [metrics] allow_from, \
             connecting directly rather than through the proxy.\n",
        )
            .into_response();
    }
    match metrics::render(&state.metrics, &state.app).await {
        Ok(page) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/plain; version=0.0.4; charset=utf-8",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            page,
        )
            .into_response(),
        Err(error) => {
            tracing::warn!(%error, "metrics: cannot read the database");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "The database does not answer.\n",
            )
                .into_response()
        }
    }
}

/// Inside the router (on matched routes only): hands the route's pattern
/// to [`time_request`] on the answer, which is all that layer sees.
pub async fn name_route(request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().cloned();
    let mut response = next.run(request).await;
    if let Some(route) = route {
        response.extensions_mut().insert(route);
    }
    response
}

/// Around everything: counts the request and how long its answer took.
pub async fn time_request(
    State(metrics): State<Metrics>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let response = next.run(request).await;
    let route = response
        .extensions()
        .get::<MatchedPath>()
        .map_or(metrics::NO_ROUTE, MatchedPath::as_str);
    metrics.requests.record(
        route,
        &method,
        response.status().as_u16(),
        started.elapsed(),
    );
    response
}
