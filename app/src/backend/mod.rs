//! Server-only code: database access, services, mail. Never compiled to WASM.

pub mod access;
pub mod answers;
pub mod auth;
pub mod cookies;
pub mod csrf;
pub mod distance;
pub mod door;
pub mod entities;
pub mod event_texts;
pub mod flood;
pub mod follow_up;
#[cfg(any(test, feature = "fuzzing"))]
pub mod fuzz_targets;
pub mod gatherings;
pub mod gazetteer;
pub mod hosts;
pub mod image_upload;
pub mod impact;
pub mod installation_settings;
pub mod mail;
pub mod markdown;
pub mod messages;
pub mod moderation;
pub mod occurrences;
pub mod offices;
pub mod outbox;
pub mod pictures;
pub mod privacy;
pub mod rate_limit;
pub mod recurrence;
pub mod replies;
pub mod search;
pub mod secret;
pub mod shown_position;
pub mod sql;
pub mod state;
pub mod time_zone;
pub mod transaction;
pub mod volunteers;

pub use state::AppState;
