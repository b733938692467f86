//! What pages, emails and the JSON API show: plain data, built by the
//! backend and shown by `ui` (and sent as JSON by `api`). A view holds
//! what the reader may see and nothing more; it depends only on `domain`.
//!
//! One file per area, named like the pages that show it.

pub mod api_tokens;
pub mod door;
pub mod follow_up;
pub mod gathering;
pub mod hosting;
pub mod impact;
pub mod messages;
pub mod mine;
pub mod moderation;
pub mod offices;
pub mod picture;
pub mod privacy;
#[cfg(feature = "ssr")]
pub mod schema_org;
pub mod search;
