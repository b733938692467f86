//! Server functions, one file per area. Thin: parse input, check permission,
//! call the backend, map errors. The types here cross the wire.

pub mod admin;
pub mod door;
pub mod error;
pub mod follow_up;
pub mod gathering;
pub mod hosting;
pub mod impact;
pub mod messages;
pub mod mine;
pub mod moderation;
pub mod offices;
pub mod privacy;
pub mod search;

pub use error::ApiError;

/// The signed-in person making the request (attached by the server's
/// request-context middleware), for permission checks.
#[cfg(feature = "ssr")]
pub fn viewer() -> Option<crate::backend::auth::Viewer> {
    leptos::prelude::use_context::<axum::http::request::Parts>().and_then(|parts| {
        parts
            .extensions
            .get::<crate::backend::auth::Viewer>()
            .cloned()
    })
}

/// The hash of this browser's device token (anonymous RSVPs), if it has one.
#[cfg(feature = "ssr")]
pub fn device_hash() -> Option<String> {
    leptos::prelude::use_context::<axum::http::request::Parts>().and_then(|parts| {
        crate::backend::cookies::read(&parts.headers, crate::backend::replies::DEVICE_COOKIE)
            .filter(|token| token.len() == 43)
            .map(crate::backend::secret::hash)
    })
}
