//! A gathering's cover picture: decoded under limits and re-encoded at a
//! few widths (`process`), kept in the database so that every server
//! process serves the same files (`store`).

pub mod access;
pub mod process;
pub mod store;

pub use process::{Decoder, Renditions};
