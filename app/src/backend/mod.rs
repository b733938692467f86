//! Server-only code: database access, services, mail. Never compiled to WASM.

pub mod entities;
pub mod mail;
pub mod state;
pub mod upcoming;

pub use state::AppState;
