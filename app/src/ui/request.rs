//! What the request being rendered carries besides its URL: the signed-in
//! person, if any, and the browser's anti-forgery token. Both are attached
//! by the server's request-context middleware.

use crate::backend::{auth::Viewer, csrf::CsrfToken};
use leptos::prelude::*;

fn extension<T: Clone + Send + Sync + 'static>() -> Option<T> {
    use_context::<axum::http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<T>().cloned())
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
