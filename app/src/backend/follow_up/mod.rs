//! After a date: how it went, asked once of those who wanted it, and the
//! stories guests chose to share. Nothing here can be joined to a reply or
//! a person: the answers are counters per date (`backend::answers`), the
//! email's key names no reply (`keys`), and a story is found only by a
//! second hash of that key (`stories`). The email itself is written with
//! the other emails about a date (`backend::replies::follow_ups`).

pub mod keys;
pub mod stories;
pub mod survey;

use crate::backend::entities::rsvp;
use crate::domain::ids::OccurrenceId;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// Records that the reply `reply_public_id` (to `occurrence_id`) wants to be
/// asked afterwards how it went. Only replies with an address can be.
pub async fn want<C: ConnectionTrait>(
    db: &C,
    reply_public_id: &str,
    occurrence_id: OccurrenceId,
) -> Result<(), DbErr> {
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::FollowUpWanted, Expr::value(true))
        .filter(rsvp::Column::PublicId.eq(reply_public_id))
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Email.is_not_null())
        .exec(db)
        .await?;
    Ok(())
}
