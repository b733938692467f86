//! Volunteer roles (cook, interpreter, welcomer): organisers define them
//! per gathering with a number of slots on every date; signed-in residents
//! sign up and withdraw. `role_slots.taken` is raised by one conditional
//! `UPDATE` and kept at or below `slots` by a CHECK, so a role is never
//! overfilled; a unique index allows one active sign-up per person, role
//! and date. Unless the organisers keep roles apart from seats, a
//! volunteer also takes a seat (when not already coming).

use super::{
    entities::{event, occurrence, role_signup, role_slots, rsvp, user, volunteer_role},
    replies::seats,
    secret,
    sql::Sql,
};
use crate::domain::ids::{EventId, OccurrenceId, RoleId, UserId};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus, SignupStatus};
use crate::views::gathering::{RoleDate, RoleView};
use crate::views::hosting::VolunteerRow;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set, SqlErr,
    sea_query::{Expr, ExprTrait, Query},
};

pub use crate::domain::volunteer_role::{RoleInput, RoleProblem};

pub use crate::domain::refusals::VolunteerProblem;

pub async fn add_role(
    db: &DatabaseConnection,
    event_id: EventId,
    input: RoleInput,
) -> Result<(), DbErr> {
    volunteer_role::ActiveModel {
        event_id: Set(event_id),
        name: Set(input.name),
        description: Set(input.description),
        slots: Set(input.slots),
        shift_start: Set(input.shift.as_ref().map(|s| s.0.clone())),
        shift_end: Set(input.shift.map(|s| s.1)),
        at_door: Set(input.at_door),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// Removes a role of `event_id` (and its sign-ups); `false` if none.
pub async fn remove_role(
    db: &DatabaseConnection,
    event_id: EventId,
    role_id: RoleId,
) -> Result<bool, DbErr> {
    let result = volunteer_role::Entity::delete_many()
        .filter(volunteer_role::Column::Id.eq(role_id))
        .filter(volunteer_role::Column::EventId.eq(event_id))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Rows of any volunteer role of the gathering `event` (a bound id, or the
/// column of an outer statement), for a page to load [`public_roles`] only
/// when there is one (most gatherings have none).
pub fn any_of(event: impl Into<Expr>) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .expr(Expr::val(1))
        .from(volunteer_role::Entity)
        .and_where(Expr::col((volunteer_role::Entity, volunteer_role::Column::EventId)).eq(event))
        .to_owned()
}

/// The roles of gathering `event_id` with open slots on `occurrence_ids`,
/// as anyone may see them: no sign-up is marked as the viewer's
/// ([`mark_own_signups`] does that, for a signed-in viewer).
pub async fn public_roles<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    occurrence_ids: &[OccurrenceId],
) -> Result<Vec<RoleView>, DbErr> {
    let roles = volunteer_role::Entity::find()
        .filter(volunteer_role::Column::EventId.eq(event_id))
        .order_by_asc(volunteer_role::Column::Id)
        .all(conn)
        .await?;
    if roles.is_empty() {
        return Ok(Vec::new());
    }
    let counters = role_slots::Entity::find()
        .filter(role_slots::Column::RoleId.is_in(roles.iter().map(|r| r.id)))
        .all(conn)
        .await?;
    Ok(roles
        .into_iter()
        .map(|role| RoleView {
            id: role.id,
            name: role.name.clone(),
            description: role.description.clone(),
            at_door: role.at_door,
            shift: role
                .shift_start
                .as_ref()
                .zip(role.shift_end.as_ref())
                .map(|(s, e)| format!("{s}–{e}")),
            dates: occurrence_ids
                .iter()
                .map(|&occurrence_id| {
                    let taken = counters
                        .iter()
                        .find(|c| c.role_id == role.id && c.occurrence_id == occurrence_id)
                        .map_or(0, |c| c.taken);
                    RoleDate {
                        occurrence_id,
                        open_slots: Ord::max(role.slots - taken, 0),
                        mine: None,
                    }
                })
                .collect(),
        })
        .collect())
}

/// Marks on `roles` the dates `user_id` signed up for (each with the
/// sign-up's public id, to withdraw by).
pub async fn mark_own_signups<C: ConnectionTrait>(
    conn: &C,
    roles: &mut [RoleView],
    user_id: UserId,
) -> Result<(), DbErr> {
    if roles.is_empty() {
        return Ok(());
    }
    let mine = role_signup::Entity::find()
        .filter(role_signup::Column::UserId.eq(user_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .filter(role_signup::Column::RoleId.is_in(roles.iter().map(|r| r.id)))
        .all(conn)
        .await?;
    for role in roles.iter_mut() {
        for date in &mut role.dates {
            date.mine = mine
                .iter()
                .find(|m| m.role_id == role.id && m.occurrence_id == date.occurrence_id)
                .map(|m| m.public_id.clone());
        }
    }
    Ok(())
}

/// The gathering that role `role_id` belongs to.
pub async fn event_of_role<C: ConnectionTrait>(
    conn: &C,
    role_id: RoleId,
) -> Result<Option<event::Model>, DbErr> {
    let Some(role) = volunteer_role::Entity::find_by_id(role_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    event::Entity::find_by_id(role.event_id).one(conn).await
}

/// Signs `user_id` up for `role_id` on one date.
pub async fn sign_up(
    db: &DatabaseConnection,
    role_id: RoleId,
    occurrence_id: OccurrenceId,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<Result<(), VolunteerProblem>, DbErr> {
    let Some(role) = volunteer_role::Entity::find_by_id(role_id).one(db).await? else {
        return Ok(Err(VolunteerProblem::NotFound));
    };
    let Some(occurrence) = occurrence::Entity::find_by_id(occurrence_id)
        .filter(occurrence::Column::EventId.eq(role.event_id))
        .one(db)
        .await?
    else {
        return Ok(Err(VolunteerProblem::NotFound));
    };
    let Some(event) = event::Entity::find_by_id(role.event_id).one(db).await? else {
        return Ok(Err(VolunteerProblem::NotFound));
    };
    if event.status != GatheringStatus::Published
        || !crate::backend::gatherings::visibility::is_public(&event)
        || occurrence.status != DateStatus::Scheduled
        || occurrence.starts_at <= now
    {
        return Ok(Err(VolunteerProblem::Closed));
    }
    let coming = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::UserId.eq(user_id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .one(db)
        .await?
        .is_some();
    let needs_seat = !event.roles_separate && !coming;

    let txn = crate::backend::transaction::begin_write(db).await?;
    let backend = txn.get_database_backend();
    let mut ensure = Sql::new(backend);
    ensure
        .push("INSERT INTO role_slots (role_id, occurrence_id, slots, taken) VALUES (")
        .bind(role_id)
        .push(", ")
        .bind(occurrence_id)
        .push(", ")
        .bind(role.slots)
        .push(", 0) ON CONFLICT (role_id, occurrence_id) DO NOTHING");
    txn.execute_raw(ensure.build()).await?;
    let mut take = Sql::new(backend);
    take.push("UPDATE role_slots SET taken = taken + 1 WHERE role_id = ")
        .bind(role_id)
        .push(" AND occurrence_id = ")
        .bind(occurrence_id)
        .push(" AND taken < slots");
    if txn.execute_raw(take.build()).await?.rows_affected() != 1 {
        txn.rollback().await?;
        return Ok(Err(VolunteerProblem::Full));
    }
    if needs_seat {
        seats::lock(&txn, occurrence_id, event.capacity).await?;
        if !seats::take(&txn, occurrence_id, 1).await? {
            txn.rollback().await?;
            return Ok(Err(VolunteerProblem::NoSeats));
        }
    }
    let inserted = role_signup::ActiveModel {
        public_id: Set(secret::public_id()),
        role_id: Set(role_id),
        occurrence_id: Set(occurrence_id),
        user_id: Set(Some(user_id)),
        status: Set(SignupStatus::Active),
        holds_seat: Set(needs_seat),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    match inserted {
        Ok(_) => {}
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Ok(Err(VolunteerProblem::AlreadySignedUp));
        }
        Err(error) => return Err(error),
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Withdraws a sign-up of `user_id`; returns the gathering's public id.
pub async fn withdraw(
    db: &DatabaseConnection,
    public_url: &str,
    signup_public_id: &str,
    user_id: UserId,
) -> Result<Option<String>, DbErr> {
    let Some(signup) = role_signup::Entity::find()
        .filter(role_signup::Column::PublicId.eq(signup_public_id))
        .filter(role_signup::Column::UserId.eq(user_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(event) = event_of_role(db, signup.role_id).await? else {
        return Ok(None);
    };
    let txn = crate::backend::transaction::begin_write(db).await?;
    if !withdraw_within(&txn, public_url, &signup, &event).await? {
        txn.rollback().await?;
        return Ok(None);
    }
    txn.commit().await?;
    Ok(Some(event.public_id))
}

/// Withdraws `signup` in the caller's transaction `txn`: its slot frees up,
/// and a seat it held goes to the waitlist. False when it was no longer
/// active.
pub(crate) async fn withdraw_within<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    signup: &role_signup::Model,
    event: &event::Model,
) -> Result<bool, DbErr> {
    let changed = role_signup::Entity::update_many()
        .col_expr(
            role_signup::Column::Status,
            Expr::value(SignupStatus::Withdrawn),
        )
        .filter(role_signup::Column::Id.eq(signup.id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(false);
    }
    role_slots::Entity::update_many()
        .col_expr(
            role_slots::Column::Taken,
            Expr::col(role_slots::Column::Taken).sub(1),
        )
        .filter(role_slots::Column::RoleId.eq(signup.role_id))
        .filter(role_slots::Column::OccurrenceId.eq(signup.occurrence_id))
        .exec(txn)
        .await?;
    if signup.holds_seat {
        seats::lock(txn, signup.occurrence_id, event.capacity).await?;
        seats::release(txn, signup.occurrence_id, 1).await?;
        super::replies::seats_freed(txn, public_url, signup.occurrence_id).await?;
    }
    Ok(true)
}

/// Every active sign-up of `user_id` on the dates `dates` selects,
/// withdrawn in `txn` (deleting an account).
pub(crate) async fn withdraw_all_of<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    user_id: UserId,
    dates: sea_orm::sea_query::SelectStatement,
) -> Result<(), DbErr> {
    let signups = role_signup::Entity::find()
        .filter(role_signup::Column::UserId.eq(user_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .filter(role_signup::Column::OccurrenceId.in_subquery(dates))
        .all(txn)
        .await?;
    for signup in signups {
        if let Some(event) = event_of_role(txn, signup.role_id).await? {
            withdraw_within(txn, public_url, &signup, &event).await?;
        }
    }
    Ok(())
}

/// Who signed up for what on one date, for the organisers.
pub async fn volunteers_on<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
) -> Result<Vec<VolunteerRow>, DbErr> {
    let signups = role_signup::Entity::find()
        .filter(role_signup::Column::OccurrenceId.eq(occurrence_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .order_by_asc(role_signup::Column::Id)
        .all(conn)
        .await?;
    let mut out = Vec::new();
    for s in signups {
        let role = volunteer_role::Entity::find_by_id(s.role_id)
            .one(conn)
            .await?;
        // Forgotten volunteers name no one; their sign-up still counts.
        let Some(user_id) = s.user_id else {
            continue;
        };
        let person = user::Entity::find_by_id(user_id).one(conn).await?;
        if let (Some(role), Some(person)) = (role, person) {
            out.push(VolunteerRow {
                role: role.name,
                person: person.display_name.unwrap_or(person.email),
                signup_public_id: s.public_id,
                at_door: role.at_door,
                door_approved: s.door_approved_at.is_some(),
            });
        }
    }
    Ok(out)
}
