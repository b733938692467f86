//! Server functions, one file per area. Thin: parse input, check permission,
//! call the backend, map errors. The types here cross the wire.

pub mod discover;
pub mod error;
pub mod gathering;

pub use error::ApiError;
