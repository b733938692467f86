//! Server functions (`/api/…`) answer every error with 500, whatever it is;
//! this gives refusals their real status (401, 403, 404, 400), so API
//! clients, logs and monitoring can tell a refusal from a failure. The
//! body, the error as JSON, is kept as it is.

use app::api::ApiError;
use axum::{
    body::{Body, to_bytes},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};

/// Larger bodies are not an `ApiError`.
const MAX_ERROR_BYTES: usize = 64 * 1024;

pub async fn with_real_status(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    let response = next.run(request).await;
    if response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BYTES).await else {
        parts.headers.remove(axum::http::header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<ApiError>(&bytes) {
        parts.status = error.status();
        if parts.status.is_client_error() {
            tracing::info!(%path, status = parts.status.as_u16(), %error, "refused");
        } else {
            tracing::warn!(%path, %error, "could not answer");
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
