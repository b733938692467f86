//! Common Ground: the application, compiled twice — for the server (`ssr`) and
//! for the browser (`hydrate`). See ARCHITECTURE.md for how the layers relate.
//!
//! Arrows point one way: `ui` → `api` → `backend` → `domain`.

#![recursion_limit = "256"]

// Cargo unifies features across a workspace build: `cargo test --workspace`
// would compile the server with the browser's `hydrate` too, and Leptos then
// fails at run time. Fail at compile time instead.
#[cfg(all(feature = "ssr", feature = "hydrate"))]
compile_error!(
    "`ssr` and `hydrate` must not be enabled together: build the frontend crate on its own \
     (plain `cargo build`/`cargo test` use the workspace's default members)"
);

pub mod api;
pub mod domain;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod backend;

pub use ui::{App, shell};
