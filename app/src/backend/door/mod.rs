//! At the door of one date: finding a reply by its door code or its name,
//! checking in some or all of its party, counting people who came without
//! replying, and what came of it per date (who replied, who came, walk-ins,
//! no-shows).
//!
//! Organisers and the volunteers of a role "at the door" open the door
//! page; helpers see only the replies they found, never the list or the
//! figures (`permissions`). Checking in sets a number on the reply rather
//! than adding to it, so the same check-in sent twice, or from two phones,
//! counts once; it never touches seats or the waiting list.

pub mod attendance;
pub mod check_in;
pub mod code;
pub mod find;
pub mod helpers;
pub mod page;
pub mod permissions;
