//! "No more messages from the organisers of this date": the link in each
//! message. It stops those messages only; confirmations, changes and
//! cancellations still go out.

use crate::backend::entities::{role_signup, rsvp};
use crate::backend::secret;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// Stops the messages to whoever holds the link `token`; `false` when it is
/// not (or no longer) a link of ours.
pub async fn stop<C: ConnectionTrait>(db: &C, token: &str) -> Result<bool, DbErr> {
    if token.is_empty() {
        return Ok(false);
    }
    let hash = secret::hash(token);
    let replies = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::MessagesOff, Expr::value(true))
        .filter(rsvp::Column::StopHash.eq(hash.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    let signups = role_signup::Entity::update_many()
        .col_expr(role_signup::Column::MessagesOff, Expr::value(true))
        .filter(role_signup::Column::StopHash.eq(hash.as_str()))
        .exec(db)
        .await?
        .rows_affected;
    Ok(replies + signups > 0)
}
