//! Headers that make every response safer in a browser, set in one place
//! for pages, JSON, static files, calendar files and CSVs alike.
//!
//! - A Content-Security-Policy that runs only our own script files and the
//!   inline script carrying this response's nonce (the one in
//!   `app::shell`; the islands' loader is a file of ours): a script that
//!   slipped into the page through someone's text would not run. WASM
//!   needs 'wasm-unsafe-eval';
//!   images come from us and the configured map tile server only; no other
//!   site may frame our pages (a one-click form cannot be clickjacked), and
//!   forms post only to us. The widget (`routes::widget`), which has no
//!   forms and runs nothing, is the one page others may frame.
//! - `nosniff`, a referrer policy that sends other sites our origin at most
//!   (never a path with a token in it), geolocation for ourselves only, and
//!   HSTS when the public address is HTTPS.

use app::{backend::secret, ui::request::ScriptNonce};
use axum::{
    extract::{Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::Next,
    response::Response,
};
use std::sync::Arc;

/// Marks a response that other sites may frame (the widget, whose own
/// policy says so): it gets no `X-Frame-Options: DENY`.
#[derive(Clone, Copy, Debug)]
pub struct Frameable;

/// What the policy allows beyond our own origin, fixed at start-up.
#[derive(Clone, Debug)]
pub struct SecurityHeaders {
    /// The map tile server's origin, e.g. `https://tile.openstreetmap.org`.
    tile_origin: Option<String>,
    https: bool,
}

impl SecurityHeaders {
    pub fn new(tile_url: &str, public_url: &str) -> Arc<Self> {
        let tiles = tile_origin(tile_url);
        if tiles.is_none() && !tile_url.is_empty() && !tile_url.starts_with('/') {
            tracing::warn!(
                tile_url,
                "map tiles from this address would be refused by the Content-Security-Policy; use https://host/… (with {{s}} for subdomains) or a path"
            );
        }
        Arc::new(Self {
            tile_origin: tiles,
            https: public_url.starts_with("https://"),
        })
    }

    /// The Content-Security-Policy of a response whose inline scripts carry
    /// `nonce`.
    pub fn content_security_policy(&self, nonce: &str) -> String {
        let tiles = self
            .tile_origin
            .as_deref()
            .map(|origin| format!(" {origin}"))
            .unwrap_or_default();
        format!(
            "default-src 'self'; \
             script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self' 'unsafe-inline'; \
             img-src 'self' data:{tiles}; \
             connect-src 'self'; \
             font-src 'self'; \
             object-src 'none'; \
             base-uri 'none'; \
             form-action 'self'; \
             frame-ancestors 'none'"
        )
    }
}

/// Attaches a fresh [`ScriptNonce`] to the request (the page renders it into
/// its scripts) and the security headers to the response.
pub async fn apply(
    State(policy): State<Arc<SecurityHeaders>>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = secret::nonce();
    request.extensions_mut().insert(ScriptNonce(nonce.clone()));
    // The door page may use the camera to read door codes; nothing else.
    let camera = if is_door_page(request.uri().path()) {
        "camera=(self)"
    } else {
        "camera=()"
    };
    let mut response = next.run(request).await;
    let frameable = response.extensions().get::<Frameable>().is_some();
    let headers = response.headers_mut();
    // A handler's own stricter policy (a logo: `default-src 'none'`) stays.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY)
        && let Ok(csp) = HeaderValue::from_str(&policy.content_security_policy(&nonce))
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // For browsers that predate `frame-ancestors`; not on the widget, which
    // other sites frame on purpose.
    if !frameable {
        headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    }
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    let permissions = format!(
        "geolocation=(self), {camera}, microphone=(), payment=(), usb=(), browsing-topics=()"
    );
    if let Ok(permissions) = HeaderValue::from_str(&permissions) {
        headers.insert(HeaderName::from_static("permissions-policy"), permissions);
    }
    headers.insert(
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    );
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
    }
    response
}

/// `/events/{id}/dates/{occurrence}/door`, and nothing else.
fn is_door_page(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), ["", "events", _, "dates", _, "door"])
}

/// The origin of a Leaflet tile URL template: `https://{s}.tile.example/…`
/// becomes `https://*.tile.example`. `None` for no tiles or tiles served by
/// ourselves (a path), which 'self' already allows.
fn tile_origin(tile_url: &str) -> Option<String> {
    let (scheme, rest) = tile_url.split_once("://")?;
    if !matches!(scheme, "https" | "http") {
        return None;
    }
    let host = rest.split(['/', '?', '#']).next()?.replace("{s}", "*");
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '*');
    (!host.is_empty() && host.chars().all(allowed)).then(|| format!("{scheme}://{host}"))
}

#[cfg(test)]
mod tests {
    use super::{SecurityHeaders, is_door_page, tile_origin};

    #[test]
    fn only_a_door_page_may_use_the_camera() {
        assert!(is_door_page("/events/abc/dates/7/door"));
        assert!(!is_door_page("/events/abc/dates/7/door/check-in"));
        assert!(!is_door_page("/events/abc"));
        assert!(!is_door_page("/door"));
    }

    #[test]
    fn tile_servers_are_allowed_by_origin() {
        assert_eq!(
            tile_origin("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("https://tile.openstreetmap.org")
        );
        assert_eq!(
            tile_origin("https://{s}.tiles.example:8443/{z}/{x}/{y}.png").as_deref(),
            Some("https://*.tiles.example:8443")
        );
        assert_eq!(tile_origin("/no-tiles/{z}/{x}/{y}.png"), None);
        assert_eq!(tile_origin(""), None);
        // Nothing that could add a directive to the policy.
        assert_eq!(tile_origin("https://a.example;script-src *"), None);
    }

    #[test]
    fn scripts_run_only_from_us_or_with_the_nonce() {
        let policy = SecurityHeaders::new(
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
            "https://meet.example.org",
        )
        .content_security_policy("abc");
        let scripts = policy
            .split(';')
            .find(|directive| directive.trim().starts_with("script-src"))
            .unwrap();
        assert_eq!(
            scripts.trim(),
            "script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"
        );
        assert!(policy.contains("img-src 'self' data: https://tile.openstreetmap.org;"));
        assert!(policy.contains("frame-ancestors 'none'"));
        assert!(policy.contains("object-src 'none'"));
        assert!(policy.contains("base-uri 'none'"));
    }
}
