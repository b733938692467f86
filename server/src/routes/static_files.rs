//! Static files (CSS, icons, the JS/WASM bundle) and their cache rules.
//!
//! The build puts the bundle in `pkg/<content hash>/` and writes the hash to
//! `pkg/BUNDLE`, and third-party files in `vendor/<name>-<version>/`, so
//! their URLs change whenever their content does and can be cached forever.
//! The islands' loader is served in the bundle's folder too
//! (`/pkg/<hash>/islands-<hash of its text>.js`, rendered at start).
//! Everything else is revalidated on each visit.

use super::HttpState;
use app::backend::{auth::session, cookies, replies::DEVICE_COOKIE};
use app::ui::islands_loader::Islands;
use axum::{
    body::Bytes,
    extract::Request,
    http::{HeaderMap, HeaderValue, header},
    middleware::Next,
    response::Response,
    routing::{MethodRouter, get},
};
use std::path::Path;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
const REVALIDATE: &str = "no-cache";
/// Pages for one person: never stored by any cache, shared or not.
const PRIVATE: &str = "private, no-store";

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

/// Serves the islands' loader (`app::ui::islands_loader`), rendered once
/// for this bundle, at its address in the bundle's folder (so cached like
/// the bundle).
pub fn islands_loader(islands: &Islands) -> MethodRouter<HttpState> {
    let script = Bytes::from(islands.loader.to_string());
    get(move || {
        let script = script.clone();
        async move {
            (
                [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                script,
            )
        }
    })
}

/// Adds a `Cache-Control` header to responses that have none, and tells
/// caches that pages differ by language (chosen from these headers). Pages
/// and JSON for someone signed in or with replies on this device, and pages
/// that are private whoever asks, are `private, no-store`.
pub async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let hashed = path.starts_with("/pkg/") || path.starts_with("/vendor/");
    let personal = is_private_page(path) || carries_identity(request.headers());
    let is_api = path.starts_with("/api/");
    let mut response = next.run(request).await;
    let is_page = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
    let varies_already = response.headers().get_all(header::VARY).iter().any(|v| {
        v.as_bytes()
            .eq_ignore_ascii_case(b"Cookie, Accept-Language")
    });
    if (is_page || is_api) && !varies_already {
        response.headers_mut().append(
            header::VARY,
            HeaderValue::from_static("Cookie, Accept-Language"),
        );
    }
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if hashed && response.status().is_success() {
            IMMUTABLE
        } else if (is_page || is_api) && personal {
            PRIVATE
        } else {
            REVALIDATE
        };
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    response
}

/// Pages that show one person's or one team's data to whoever may see it
/// (the service worker never keeps these either, see public/sw.js).
fn is_private_page(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    matches!(
        segments.as_slice(),
        ["sign-in", ..]
            | ["invitations", ..]
            | ["account", ..]
            | ["my", ..]
            | ["my-data", ..]
            | [
                "api",
                "my-data"
                    | "guest-data"
                    | "deletion-blockers"
                    | "my-calendar"
                    | "my-api-tokens"
                    | "follow-up"
                    | "stories"
                    | "messages"
                    | "impact"
            ]
            | ["rsvps", ..]
            | ["follow-up", ..]
            | ["messages", ..]
            | ["hosts"]
            | ["hosts", _, "team" | "gatherings" | "edit" | "impact", ..]
            | ["events", _, "manage" | "stories" | "messages"]
            | ["offices", ..]
            | ["moderation", ..]
            | ["admin", ..]
    )
}

/// Whether the request names a person: a session, or a device's replies.
fn carries_identity(headers: &HeaderMap) -> bool {
    [session::COOKIE, DEVICE_COOKIE].iter().any(|base| {
        cookies::read(headers, base).is_some()
            || cookies::read(headers, &cookies::secret_name(base, true)).is_some()
    })
}

#[cfg(test)]
mod tests {
    use super::is_private_page;

    #[test]
    fn private_pages_are_recognised() {
        for path in [
            "/my",
            "/account",
            "/hosts",
            "/hosts/kiez/edit",
            "/events/abc/manage",
            "/offices/x/overview",
            "/rsvps/cancel",
            "/moderation",
            "/moderation/cases/1",
            "/follow-up",
            "/messages/stop",
            "/events/abc/stories",
            "/events/abc/messages",
            "/hosts/kiez/impact",
            "/api/follow-up",
        ] {
            assert!(is_private_page(path), "{path}");
        }
        for path in ["/", "/events/abc", "/hosts/kiez", "/about"] {
            assert!(!is_private_page(path), "{path}");
        }
    }
}
