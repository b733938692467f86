//! sea-orm entities: one file per table, mirroring `migrations/`.

pub mod event;
pub mod event_language;
pub mod event_text;
pub mod host;
pub mod instance_meta;
pub mod occurrence;
pub mod place;
