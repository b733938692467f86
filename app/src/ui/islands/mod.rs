//! The only components that run in the browser. They receive every
//! user-facing string as a prop, already translated on the server, so no
//! translation tables ship in the WASM.

mod locate_me;
mod share_button;
mod viewer_time;

pub use locate_me::LocateMe;
pub use share_button::ShareButton;
pub use viewer_time::ViewerTime;
