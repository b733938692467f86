//! After a date: how it went, asked once of those who wanted it, and the
//! stories guests chose to share. Nothing here can be joined to a reply or
//! a person: the answers are counters per date (`backend::answers`), the
//! email's key names no reply (`keys`), and a story is found only by a
//! second hash of that key (`stories`). The email itself is written with
//! the other emails about a date (`backend::replies::follow_ups`).

pub mod keys;
pub mod stories;
pub mod survey;
