//! What the request being rendered carries besides its URL: the signed-in
//! person, if any, the browser's anti-forgery token (both attached by the
//! server's request-context middleware), and the nonce that the response's
//! Content-Security-Policy lets run (attached by its security headers).

use crate::backend::{auth::Viewer, csrf::CsrfToken};
use leptos::prelude::*;

fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<T>().cloned())
}

/// The one-time value that lets this response's own inline scripts run
/// under its Content-Security-Policy; injected text cannot know it.
#[derive(Clone, Debug)]
pub struct ScriptNonce(pub String);

/// This request's [`ScriptNonce`], if the server attached one.
pub fn script_nonce() -> Option<String> {
    extension::<ScriptNonce>().map(|n| n.0)
}

/// The signed-in person viewing the page.
pub fn viewer() -> Option<Viewer> {
    crate::api::viewer()
}

/// The hidden field every state-changing form must carry.
#[component]
pub fn CsrfField() -> impl IntoView {
    let token = extension::<CsrfToken>().map(|t| t.0).unwrap_or_default();
    view! { <input type="hidden" name=crate::backend::csrf::FIELD value=token /> }
}

/// `path` on this site as a `webcal://` address, which calendar apps
/// subscribe to (and keep up to date) rather than import once.
pub fn webcal(path: &str) -> String {
    let public_url = use_context::<crate::backend::AppState>()
        .map(|state| state.public_url)
        .unwrap_or_default();
    let site = public_url
        .split_once("://")
        .map_or(public_url.as_str(), |(_, rest)| rest);
    format!("webcal://{site}{path}")
}
