//! The HTTP status of the page being rendered, for pages that are not a
//! plain success: crawlers, API clients and tests can tell from it alone.

use axum::http::StatusCode;
use leptos::prelude::*;

fn set(status: StatusCode) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
}

/// The request asked for something invalid (the page says what).
pub fn bad_request() {
    set(StatusCode::BAD_REQUEST);
}

/// Nothing is at this address (any more).
pub fn not_found() {
    set(StatusCode::NOT_FOUND);
}

/// Taken down by moderators.
pub fn gone() {
    set(StatusCode::GONE);
}

/// Signed in, but not allowed to see this.
pub fn forbidden() {
    set(StatusCode::FORBIDDEN);
}
