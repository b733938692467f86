//! Static files (CSS, icons, the JS/WASM bundle) and their cache rules.
//!
//! The build puts the bundle in `pkg/<content hash>/` and writes the hash to
//! `pkg/BUNDLE`, and third-party files in `vendor/<name>-<version>/`, so
//! their URLs change whenever their content does and can be cached forever.
//! Everything else is revalidated on each visit.

use axum::{
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::Response,
};
use std::path::Path;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";

/// The bundle folder relative to the site root, e.g. `pkg/3f2a9c1d`.
pub fn bundle_dir(site_root: &Path) -> String {
    match std::fs::read_to_string(site_root.join("pkg").join("BUNDLE")) {
        Ok(hash) if !hash.trim().is_empty() => format!("pkg/{}", hash.trim()),
        _ => {
            tracing::warn!(
                site_root = %site_root.display(),
                "no browser bundle found; pages will work, but without interactivity"
            );
            "pkg".to_string()
        }
    }
}

/// Adds a `Cache-Control` header to responses that have none, and tells
/// caches that pages differ by language (chosen from these headers).
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let hashed = path.starts_with("/pkg/") || path.starts_with("/vendor/");
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    if is_page {
        response.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if hashed && response.status().is_success() {
            IMMUTABLE
        } else {
            REVALIDATE
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}
