//! On PostgreSQL, a reply that needs nothing else done under its date's
//! lock (by device: no email to write; no approval asked; no cap on
//! replies without an account to count) is written in one statement,
//! without a transaction around it.
//!
//! Every reply to a date passes through the date's row lock one at a
//! time, so how long each holds it bounds the replies per second. In a
//! transaction it is held across a round trip per statement (the lock, the
//! seat, the reply, the commit); here only while the database runs one
//! statement and commits it. The statement locks the counter row with a
//! conditional `UPDATE` and writes the reply only if that row was
//! updated:
//!
//! - *seat*: the party fits and nobody waits, so `going` grows and the
//!   reply is `going`;
//! - *queue*: the party does not fit, or someone waits, so the reply joins
//!   the waitlist (its trigger counts it in `waiting`).
//!
//! The two conditions (`seats::push_take` with the queue respected, and
//! `seats::push_lock_to_wait`) are each other's negation and read the
//! counter row as it is after any wait for its lock (a count on the row,
//! not a query of `rsvps`, which the statement would read as it was when
//! it began: see migration 21). One of them matches unless the row changed
//! between the two, or does not exist yet; then [`join`] says so and the
//! caller takes the transaction's way.

use super::Who;
use super::new_reply::NewReply;
use super::seats::{self, Queue};
use crate::backend::entities::event;
use crate::backend::sql::Sql;
use crate::domain::reply::ReplyStatus;
use sea_orm::{ConnectionTrait, DbBackend, DbErr};

/// Whether `who`'s reply to `event` may take this way: on PostgreSQL, by
/// device, with no approval and no cap on replies without an account.
pub(super) fn serves(backend: DbBackend, who: &Who, event: &event::Model) -> bool {
    backend == DbBackend::Postgres
        && matches!(who, Who::Device { .. })
        && !event.requires_approval
        && event.places_without_account.is_none()
}

/// Seats the reply, or puts it on the waitlist, in one statement each.
/// `None` when neither matched (the row is missing or moved in between).
pub(super) async fn join<C: ConnectionTrait>(
    db: &C,
    reply: &NewReply,
) -> Result<Option<ReplyStatus>, DbErr> {
    debug_assert_eq!(db.get_database_backend(), DbBackend::Postgres);
    let (occurrence_id, people) = (reply.occurrence_id, reply.party);
    for status in [ReplyStatus::Going, ReplyStatus::Waitlisted] {
        let mut sql = Sql::new(DbBackend::Postgres);
        sql.push("WITH counter AS (");
        if status == ReplyStatus::Going {
            seats::push_take(&mut sql, occurrence_id, people, Queue::Respected);
        } else {
            seats::push_lock_to_wait(&mut sql, occurrence_id, people);
        }
        sql.push(" RETURNING occurrence_id) ");
        reply.push_insert(&mut sql, status, Some("counter"));
        if db.execute_raw(sql.build()).await?.rows_affected() == 1 {
            return Ok(Some(status));
        }
    }
    Ok(None)
}
