//! The seat counter of one date (`occurrence_seats`). Every change to who
//! is going goes through here, inside the caller's transaction:
//!
//! 1. [`lock`] creates the counter row if needed and touches it, which on
//!    PostgreSQL row-locks it until commit and on SQLite takes the write
//!    lock: every RSVP of a date is serialised from here on, so the
//!    waitlist order is the order in which RSVPs got here.
//! 2. [`take`] adds a party only if it fits — one conditional `UPDATE`,
//!    backed by the table's CHECK (`going <= capacity`);
//!    [`take_unless_waiting`] also only if nobody is on the waitlist (the
//!    row's `waiting`, kept by triggers on `rsvps`).
//! 3. [`release`] gives seats back; [`promote`] then seats waitlisted
//!    parties strictly in order while the first one fits.

use super::super::entities::rsvp;
use crate::backend::sql::Sql;
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

/// Creates the counter with `capacity` if missing, and locks it.
pub async fn lock<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    capacity: Option<i32>,
) -> Result<(), DbErr> {
    // One statement: the row is created, or else written unchanged, which
    // is what takes the lock.
    let mut upsert = Sql::new(conn.get_database_backend());
    upsert
        .push("INSERT INTO occurrence_seats (occurrence_id, capacity, going) VALUES (")
        .bind(occurrence_id)
        .push(", ")
        .bind(capacity)
        .push(", 0) ON CONFLICT (occurrence_id) DO UPDATE SET going = occurrence_seats.going");
    conn.execute_raw(upsert.build()).await?;
    Ok(())
}

/// Seats `people` if they fit; `false` when they do not.
pub async fn take<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    people: i32,
) -> Result<bool, DbErr> {
    take_if(conn, occurrence_id, people, Queue::Ignored).await
}

/// Seats `people` if they fit and nobody is waiting (newcomers queue
/// behind those waiting, even when they alone would fit); `false`
/// otherwise. One statement, so the date's lock is held one round trip
/// less than asking about the waitlist first; it reads the count on the
/// row, so on PostgreSQL it needs no snapshot taken after the lock.
pub async fn take_unless_waiting<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    people: i32,
) -> Result<bool, DbErr> {
    take_if(conn, occurrence_id, people, Queue::Respected).await
}

/// Whether seating a party respects those waiting.
pub(super) enum Queue {
    Ignored,
    Respected,
}

async fn take_if<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    people: i32,
    queue: Queue,
) -> Result<bool, DbErr> {
    let mut sql = Sql::new(conn.get_database_backend());
    push_take(&mut sql, occurrence_id, people, queue);
    Ok(conn.execute_raw(sql.build()).await?.rows_affected() == 1)
}

/// Appends the `UPDATE` that seats `people` if they fit (and, with the
/// queue respected, if nobody waits); it updates no row otherwise. Also
/// the seat half of `one_statement`.
pub(super) fn push_take(sql: &mut Sql, occurrence_id: OccurrenceId, people: i32, queue: Queue) {
    sql.push("UPDATE occurrence_seats SET going = going + ")
        .bind(people)
        .push(" WHERE occurrence_id = ")
        .bind(occurrence_id)
        .push(" AND (capacity IS NULL OR going + ")
        .bind(people)
        .push(" <= capacity)");
    if let Queue::Respected = queue {
        sql.push(" AND waiting = 0");
    }
}

/// Appends the `UPDATE` that only locks the counter (it writes the row
/// unchanged) when [`push_take`] with the queue respected would not seat
/// `people`: someone waits, or they do not fit. The queue half of
/// `one_statement`; its condition is exactly the negation of that one.
pub(super) fn push_lock_to_wait(sql: &mut Sql, occurrence_id: OccurrenceId, people: i32) {
    sql.push("UPDATE occurrence_seats SET waiting = waiting WHERE occurrence_id = ")
        .bind(occurrence_id)
        .push(" AND (waiting > 0 OR going + ")
        .bind(people)
        .push(" > capacity)");
}

/// Gives `people` seats back.
pub async fn release<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    people: i32,
) -> Result<(), DbErr> {
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("UPDATE occurrence_seats SET going = going - ")
        .bind(people)
        .push(" WHERE occurrence_id = ")
        .bind(occurrence_id);
    conn.execute_raw(sql.build()).await?;
    Ok(())
}

/// Whether `more` people in replies without an account still fit under the
/// organisers' cap on them (`None`: no cap). Read under the [`lock`].
pub async fn fits_without_account<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    cap: Option<i32>,
    more: i32,
) -> Result<bool, DbErr> {
    let Some(cap) = cap else {
        return Ok(true);
    };
    let taken = taken_without_account(conn, occurrence_id).await?;
    Ok(taken + i64::from(more) <= i64::from(cap))
}

/// The people counted by replies without an account (by device or email)
/// that hold or wait for a place on this date, for the organisers' cap on
/// them. An address not confirmed within a day holds nothing: replies
/// for invented addresses cannot keep the cap full. Read under the
/// [`lock`], so two replies cannot both squeeze in.
async fn taken_without_account<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
) -> Result<i64, DbErr> {
    use sea_orm::Condition;
    #[derive(sea_orm::FromQueryResult)]
    struct Total {
        people: Option<i64>,
    }
    let holding = [
        ReplyStatus::Pending,
        ReplyStatus::Requested,
        ReplyStatus::Going,
        ReplyStatus::Waitlisted,
    ]
    .map(ReplyStatus::as_str);
    let total = rsvp::Entity::find()
        .select_only()
        .column_as(rsvp::Column::Party.sum(), "people")
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::UserId.is_null())
        .filter(rsvp::Column::Status.is_in(holding))
        .filter(
            Condition::any()
                .add(rsvp::Column::Status.ne(ReplyStatus::Pending))
                .add(rsvp::Column::CreatedAt.gt(Utc::now() - chrono::Duration::days(1))),
        )
        .into_model::<Total>()
        .one(conn)
        .await?;
    Ok(total.and_then(|t| t.people).unwrap_or(0))
}

/// Seats waitlisted parties in the order they came, while the first one in
/// line fits. Returns those promoted, each exactly once (the status change
/// is conditional on still being waitlisted).
pub async fn promote<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
) -> Result<Vec<rsvp::Model>, DbErr> {
    let mut promoted = Vec::new();
    loop {
        let Some(next) = rsvp::Entity::find()
            .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
            .filter(rsvp::Column::Status.eq(ReplyStatus::Waitlisted))
            .order_by_asc(rsvp::Column::Id)
            .one(conn)
            .await?
        else {
            break;
        };
        if !take(conn, occurrence_id, next.party).await? {
            break;
        }
        let changed = rsvp::Entity::update_many()
            .col_expr(rsvp::Column::Status, Expr::value(ReplyStatus::Going))
            .col_expr(rsvp::Column::UpdatedAt, Expr::value(Utc::now()))
            .filter(rsvp::Column::Id.eq(next.id))
            .filter(rsvp::Column::Status.eq(ReplyStatus::Waitlisted))
            .exec(conn)
            .await?;
        if changed.rows_affected != 1 {
            // Cannot happen under the lock; give the seats back if it does.
            release(conn, occurrence_id, next.party).await?;
            break;
        }
        promoted.push(next);
    }
    Ok(promoted)
}
