//! Who may open the door page of a date, and as what: the host's team as
//! organisers (the whole list and the figures), or a volunteer signed up
//! for that date in a role "at the door", once an organiser let them in
//! (`helpers`), as a helper (only the replies they look up). Anyone signed
//! in may sign up for a role, so signing up alone opens nothing. The one
//! place the door's routes and pages ask.

use crate::backend::access::AccessError;
use crate::backend::auth::Viewer;
use crate::backend::entities::{event, occurrence, role_signup, volunteer_role};
use crate::backend::gatherings;
use crate::backend::hosts::permissions::{Access, HostAction, check, is_suspended};
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::status::SignupStatus;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect, sea_query::Query,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DoorRole {
    /// On the host's team: sees everyone and the figures.
    Organiser,
    /// Helps at the door: sees only the replies they look up.
    Helper,
}

/// A date's door, opened by someone allowed to.
#[derive(Clone, Debug)]
pub struct Door {
    pub event: event::Model,
    pub occurrence: occurrence::Model,
    pub role: DoorRole,
    /// Who opened it.
    pub viewer: UserId,
}

/// The door of date `occurrence_id` of gathering `event_public_id`, when
/// `viewer` may open it.
pub async fn door<C: ConnectionTrait>(
    db: &C,
    viewer: Option<&Viewer>,
    event_public_id: &str,
    occurrence_id: OccurrenceId,
) -> Result<Door, AccessError> {
    let viewer = viewer.ok_or(AccessError::SignInFirst)?;
    let event = gatherings::by_public_id(db, event_public_id)
        .await?
        .ok_or(AccessError::NotFound)?;
    let occurrence = occurrence::Entity::find_by_id(occurrence_id)
        .one(db)
        .await?
        .filter(|date| date.event_id == event.id)
        .ok_or(AccessError::NotFound)?;
    let role = match check(
        db,
        Some(viewer),
        event.host_id,
        HostAction::ManageGatherings,
    )
    .await?
    {
        Access::Allowed(_) => DoorRole::Organiser,
        Access::SignInFirst => return Err(AccessError::SignInFirst),
        // A suspended host's helpers are stopped with its team.
        Access::Forbidden if is_suspended(db, event.host_id).await? => {
            return Err(AccessError::Forbidden);
        }
        Access::Forbidden if helps_at_the_door(db, viewer, &event, occurrence.id).await? => {
            DoorRole::Helper
        }
        Access::Forbidden => return Err(AccessError::Forbidden),
    };
    Ok(Door {
        event,
        occurrence,
        role,
        viewer: viewer.user_id,
    })
}

/// Whether `viewer` signed up for this date in one of the gathering's roles
/// at the door, was let in by an organiser, and has not withdrawn.
async fn helps_at_the_door<C: ConnectionTrait>(
    db: &C,
    viewer: &Viewer,
    event: &event::Model,
    occurrence_id: OccurrenceId,
) -> Result<bool, sea_orm::DbErr> {
    let door_roles = Query::select()
        .column(volunteer_role::Column::Id)
        .from(volunteer_role::Entity)
        .and_where(volunteer_role::Column::EventId.eq(event.id))
        .and_where(volunteer_role::Column::AtDoor.eq(true))
        .to_owned();
    Ok(role_signup::Entity::find()
        .select_only()
        .column(role_signup::Column::Id)
        .filter(role_signup::Column::OccurrenceId.eq(occurrence_id))
        .filter(role_signup::Column::UserId.eq(viewer.user_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .filter(role_signup::Column::DoorApprovedAt.is_not_null())
        .filter(role_signup::Column::RoleId.in_subquery(door_roles))
        .into_tuple::<i64>()
        .one(db)
        .await?
        .is_some())
}
