//! Organisers let a volunteer of a role "at the door" check guests in on
//! the date they signed up for, or stop them. Only sign-ups of this
//! gathering's door roles that are still active can be let in.

use crate::backend::entities::{role_signup, volunteer_role};
use crate::domain::ids::EventId;
use crate::domain::status::SignupStatus;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, Query},
};

/// Lets in (`allowed`) or stops the volunteer of sign-up
/// `signup_public_id` of gathering `event_id`; `false` when there is no
/// such active sign-up in one of its roles at the door.
pub async fn set_allowed<C: ConnectionTrait>(
    db: &C,
    event_id: EventId,
    signup_public_id: &str,
    allowed: bool,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let door_roles = Query::select()
        .column(volunteer_role::Column::Id)
        .from(volunteer_role::Entity)
        .and_where(volunteer_role::Column::EventId.eq(event_id))
        .and_where(volunteer_role::Column::AtDoor.eq(true))
        .to_owned();
    let updated = role_signup::Entity::update_many()
        .col_expr(
            role_signup::Column::DoorApprovedAt,
            Expr::value(allowed.then_some(now)),
        )
        .filter(role_signup::Column::PublicId.eq(signup_public_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .filter(role_signup::Column::RoleId.in_subquery(door_roles))
        .exec(db)
        .await?;
    Ok(updated.rows_affected == 1)
}
