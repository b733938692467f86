//! Pages and components. Everything but `islands` renders on the server only
//! (and is compiled only into the server); islands also run in the browser.
//! `widget` and `poster` are documents of their own, outside the app's
//! shell.

pub mod islands;

#[cfg(feature = "ssr")]
mod app;
#[cfg(feature = "ssr")]
pub mod components;
#[cfg(feature = "ssr")]
pub mod forms;
#[cfg(feature = "ssr")]
pub mod islands_loader;
#[cfg(feature = "ssr")]
pub mod layout;
#[cfg(feature = "ssr")]
pub mod locale;
#[cfg(feature = "ssr")]
pub mod pages;
#[cfg(feature = "ssr")]
pub mod poster;
#[cfg(feature = "ssr")]
pub mod request;
#[cfg(feature = "ssr")]
pub mod status;
#[cfg(feature = "ssr")]
pub mod widget;

#[cfg(feature = "ssr")]
pub use app::{App, shell};
