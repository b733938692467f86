//! The door's writes. A check-in sets how many of a party came (not adds),
//! an undo clears it; a walk-in is a row keyed by the page that sent it.
//! Each is one statement whose conditions the database checks, so two
//! phones, a repeated request or an offline queue sent twice cannot count
//! anyone twice, and seats and the waiting list are never touched.

use super::code;
use super::permissions::{Door, DoorRole};
use crate::backend::entities::{rsvp, walk_in};
pub use crate::domain::refusals::CheckInProblem;
use crate::domain::reply::ReplyStatus;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::Expr,
};

/// How long after a date ends its door still takes check-ins, undos and
/// walk-ins. Afterwards who came is settled, so published figures built on
/// it cannot be moved one person at a time to learn a hidden count.
pub const OPEN_AFTER_END: chrono::Duration = chrono::Duration::hours(48);

/// Whether the door of `door`'s date still takes changes at `now`.
pub fn still_open(door: &Door, now: DateTime<Utc>) -> Result<(), CheckInProblem> {
    if door.occurrence.ends_at + OPEN_AFTER_END < now {
        Err(CheckInProblem::DoorClosed)
    } else {
        Ok(())
    }
}

/// The most people one tap of "+n" counts.
pub const WALK_IN_MOST: i32 = 50;

/// Checks in `people` of the reply `reply_public_id` at `door`.
pub async fn check_in<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    reply_public_id: &str,
    people: i32,
    now: DateTime<Utc>,
) -> Result<Result<(), CheckInProblem>, DbErr> {
    let Some(reply) = reply_at(db, door, reply_public_id).await? else {
        return Ok(Err(CheckInProblem::NoSuchReply));
    };
    if reply.status != ReplyStatus::Going {
        return Ok(Err(CheckInProblem::NotComing));
    }
    if people < 1 || people > reply.party {
        return Ok(Err(CheckInProblem::People { party: reply.party }));
    }
    // The same conditions again in the statement: the reply may have been
    // cancelled or made smaller since it was read.
    let updated = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CheckedIn, Expr::value(people))
        .col_expr(rsvp::Column::CheckedInAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(reply.id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .filter(rsvp::Column::Party.gte(people))
        .exec(db)
        .await?;
    Ok(if updated.rows_affected == 1 {
        Ok(())
    } else {
        Err(CheckInProblem::NotComing)
    })
}

/// Checks in the reply coming to `door`'s date whose door code is `typed`:
/// `people` of its party, or all of it when not given. This is what a
/// phone that had no signal sends later (it knows the code it was shown,
/// not the reply), and what the door page's "check in by code" form sends.
/// A helper's check-in by code counts as a lookup. The reply's public id
/// when done.
pub async fn by_code<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    typed: &str,
    people: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Result<String, CheckInProblem>, DbErr> {
    if door.role == DoorRole::Helper && !super::page::may_look_up(db, door).await? {
        return Ok(Err(CheckInProblem::TooManyLookups));
    }
    let Some(typed) = code::typed(typed) else {
        return Ok(Err(CheckInProblem::NoSuchCode));
    };
    let coming = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(door.occurrence.id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .all(db)
        .await?;
    let Some(reply) = super::find::with_code(&coming, &typed).first().copied() else {
        return Ok(Err(CheckInProblem::NoSuchCode));
    };
    let people = people.unwrap_or(reply.party);
    Ok(check_in(db, door, &reply.public_id, people, now)
        .await?
        .map(|()| reply.public_id.clone()))
}

/// Takes back the check-in of `reply_public_id` at `door`.
pub async fn undo<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    reply_public_id: &str,
) -> Result<Result<(), CheckInProblem>, DbErr> {
    let Some(reply) = reply_at(db, door, reply_public_id).await? else {
        return Ok(Err(CheckInProblem::NoSuchReply));
    };
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CheckedIn, Expr::value(Option::<i32>::None))
        .col_expr(
            rsvp::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(rsvp::Column::Id.eq(reply.id))
        .exec(db)
        .await?;
    Ok(Ok(()))
}

/// Counts `people` who came to `door` without replying; `key` names the
/// tap, so the same tap sent again counts once.
pub async fn walk_in<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    key: &str,
    people: i32,
    now: DateTime<Utc>,
) -> Result<Result<(), CheckInProblem>, DbErr> {
    if !is_key(key) {
        return Ok(Err(CheckInProblem::StalePage));
    }
    if !(1..=WALK_IN_MOST).contains(&people) {
        return Ok(Err(CheckInProblem::WalkInPeople));
    }
    walk_in::Entity::insert(walk_in::ActiveModel {
        key: Set(key.to_string()),
        occurrence_id: Set(door.occurrence.id),
        people: Set(people),
        created_at: Set(now),
    })
    .on_conflict_do_nothing_on([walk_in::Column::Key])
    .exec(db)
    .await?;
    Ok(Ok(()))
}

/// Takes back the walk-in tap `key` at `door`.
pub async fn undo_walk_in<C: ConnectionTrait>(db: &C, door: &Door, key: &str) -> Result<(), DbErr> {
    walk_in::Entity::delete_many()
        .filter(walk_in::Column::Key.eq(key))
        .filter(walk_in::Column::OccurrenceId.eq(door.occurrence.id))
        .exec(db)
        .await?;
    Ok(())
}

/// A new key for a walk-in tap, put in the door page's forms.
pub fn new_walk_in_key() -> String {
    crate::backend::secret::nonce()
}

/// What a page's key looks like: made by [`new_walk_in_key`] here, or by
/// the page's script offline (letters, digits, '-' and '_').
fn is_key(key: &str) -> bool {
    (16..=64).contains(&key.len())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

async fn reply_at<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    reply_public_id: &str,
) -> Result<Option<rsvp::Model>, DbErr> {
    rsvp::Entity::find()
        .filter(rsvp::Column::PublicId.eq(reply_public_id))
        .filter(rsvp::Column::OccurrenceId.eq(door.occurrence.id))
        .one(db)
        .await
}
