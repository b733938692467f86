//! Which gatherings the public may see: the one rule every public read
//! (pages, search, feeds, calendar files, widgets, the JSON API) applies.
//! A gathering is public when it is published or cancelled (not a draft)
//! and moderators have not held it back (`Moderation::Visible`): hidden by
//! a moderator, its host suspended, or waiting for review.

use crate::backend::entities::event;
use crate::domain::moderation::Moderation;
use crate::domain::status::GatheringStatus;
use sea_orm::{ColumnTrait, Condition};

/// The condition on `events` for gatherings the public may see.
pub fn public() -> Condition {
    Condition::all()
        .add(event::Column::Status.ne(GatheringStatus::Draft))
        .add(event::Column::Moderation.eq(Moderation::Visible))
}

/// Whether the public may see `event`.
pub fn is_public(event: &event::Model) -> bool {
    event.status != GatheringStatus::Draft && event.moderation == Moderation::Visible
}
