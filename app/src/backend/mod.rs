//! Server-only code: database access, services, mail. Never compiled to WASM.

pub mod mail;
pub mod state;

pub use state::AppState;
