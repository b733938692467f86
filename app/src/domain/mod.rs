//! Pure types and rules: no I/O, no HTTP, no database. Compiles for WASM too.

pub mod accessibility;
pub mod api_scope;
pub mod category;
pub mod cookie_header;
pub mod email_address;
pub mod feed;
pub mod flags;
pub mod geo_point;
pub mod host_page;
pub mod ics;
pub mod ids;
pub mod language;
pub mod local_time;
pub mod logo;
pub mod moderation;
#[cfg(feature = "ssr")]
pub mod qr_code;
pub mod refusals;
pub mod reply;
pub mod search;
pub mod status;
pub mod text;
pub mod time_around;
pub mod volunteer_role;
