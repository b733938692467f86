//! Server-only code: database access, services, mail. Never compiled to WASM.

pub mod discover;
pub mod distance;
pub mod entities;
pub mod event_page;
pub mod gazetteer;
pub mod mail;
pub mod markdown;
pub mod occurrences;
pub mod search;
pub mod shown_position;
pub mod state;

pub use state::AppState;
