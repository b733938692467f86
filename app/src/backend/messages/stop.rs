//! "No more messages from the organisers of this date": the link in each
//! message. It stops those messages to the address it went to, for that
//! date (a reply and a volunteer's sign-up alike); confirmations, changes
//! and cancellations still go out. The link of every message sent works.

use crate::backend::entities::{message_stop_link, role_signup, rsvp, user};
use crate::backend::secret;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// Stops the messages to whoever holds the link `token`; `false` when it is
/// not (or no longer) a link of ours.
pub async fn stop<C: ConnectionTrait>(db: &C, token: &str) -> Result<bool, DbErr> {
    if token.is_empty() {
        return Ok(false);
    }
    let Some(link) = message_stop_link::Entity::find_by_id(secret::hash(token))
        .one(db)
        .await?
    else {
        return Ok(false);
    };
    // The address the message went to.
    let address = match (link.rsvp_id, link.signup_id) {
        (Some(id), _) => rsvp::Entity::find_by_id(id)
            .one(db)
            .await?
            .and_then(|reply| reply.email),
        (None, Some(id)) => {
            let signup = role_signup::Entity::find_by_id(id).one(db).await?;
            match signup.and_then(|signup| signup.user_id) {
                Some(user_id) => user::Entity::find_by_id(user_id)
                    .one(db)
                    .await?
                    .map(|person| person.email),
                None => None,
            }
        }
        (None, None) => None,
    };
    let Some(address) = address else {
        return Ok(false);
    };
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::MessagesOff, Expr::value(true))
        .filter(rsvp::Column::OccurrenceId.eq(link.occurrence_id))
        .filter(rsvp::Column::Email.eq(address.as_str()))
        .exec(db)
        .await?;
    if let Some(person) = user::Entity::find()
        .filter(user::Column::Email.eq(address.as_str()))
        .one(db)
        .await?
    {
        role_signup::Entity::update_many()
            .col_expr(role_signup::Column::MessagesOff, Expr::value(true))
            .filter(role_signup::Column::OccurrenceId.eq(link.occurrence_id))
            .filter(role_signup::Column::UserId.eq(person.id))
            .exec(db)
            .await?;
    }
    Ok(true)
}
