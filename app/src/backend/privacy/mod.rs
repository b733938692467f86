//! Privacy over time: what the installation keeps about people, for how
//! long, and how a person sees or removes it.
//!
//! - `settings`: how many days after each date its guests are forgotten
//!   (the installation's setting, in the database so every process and
//!   the privacy page read the same; a host may choose fewer).
//! - `forget`: the housekeeping that erases each date's guests once their
//!   time is up, exactly once across processes, one short transaction per
//!   date.

pub mod delete_account;
pub mod export;
pub mod facts;
pub mod forget;
pub mod guest_link;
pub mod settings;
