//! Trust and safety: the installation's moderators and administrators
//! (`roles`, `permissions`), reports from anyone (`reports`), the cases
//! that group them (`cases`), what moderators do and undo (`actions`), the
//! moderation log (`log`), and suspended accounts (`accounts`).
//!
//! What a moderator hides stops being public through one rule,
//! `gatherings::visibility` (and `hosts::public_by_slug` for host pages),
//! which every public read applies.

pub mod accounts;
pub mod actions;
pub mod admin;
pub mod cases;
pub mod log;
pub mod permissions;
pub mod reports;
pub mod roles;
pub mod settings;
