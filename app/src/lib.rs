//! Common Ground: the application, compiled twice — for the server (`ssr`) and
//! for the browser (`hydrate`). See ARCHITECTURE.md for how the layers relate.
//!
//! Arrows point one way: `ui` → `api` → `backend` → `domain`.

#![recursion_limit = "256"]

pub mod api;
pub mod domain;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;

pub use ui::{App, shell};
