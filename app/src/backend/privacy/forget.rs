//! Forgetting the guests of a date once their time is up.
//!
//! Per date, not per gathering: each date of a weekly series forgets its
//! own guests on its own schedule, and the series lives on. What is erased
//! is everything that names or reaches a person — a reply's account, name,
//! email address, device hash, confirm and cancel token hashes and
//! language; a volunteer's account; every email about the date still in
//! the outbox (sent or not: they hold addresses and names); the
//! organisers' messages to the date (they may name guests). What stays is
//! what figures need: each reply's status and party size, each sign-up's
//! role and status, so organisers' and offices' counts do not change.
//!
//! Every process runs this in its housekeeping. Each date is claimed by
//! setting `occurrences.guests_forgotten_at` where it is still NULL, in the
//! same short transaction as the erasing, so two processes never both
//! forget one date and a crash leaves it to the next run.

use super::settings;
use crate::backend::entities::{
    event, host, message_stop_link, occurrence, organiser_message, outbox_message, role_signup,
    rsvp,
};
use crate::backend::transaction::begin_write;
use crate::domain::ids::{HostId, OccurrenceId};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
    sea_query::{Expr, Query},
};

/// Dates looked at per query; each is then forgotten in its own transaction.
const BATCH: u64 = 200;

/// What one run of the housekeeping erased.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Forgotten {
    pub dates: u64,
    pub replies: u64,
    pub volunteers: u64,
    pub emails: u64,
}

impl std::ops::AddAssign for Forgotten {
    fn add_assign(&mut self, other: Self) {
        self.dates += other.dates;
        self.replies += other.replies;
        self.volunteers += other.volunteers;
        self.emails += other.emails;
    }
}

/// Forgets the guests of every date whose time is up at `now`, and records
/// the run (administrators see when it last ran).
pub async fn forget_due(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<Forgotten, DbErr> {
    let installation = settings::forget_after_days(db).await?;
    let mut total = Forgotten::default();
    // Every host's dates once the installation's time is up…
    total += forget_ended_before(db, None, now - Duration::days(installation.into()), now).await?;
    // …and sooner where a host chose fewer days.
    let sooner: Vec<(HostId, Option<i32>)> = host::Entity::find()
        .select_only()
        .column(host::Column::Id)
        .column(host::Column::ForgetGuestsAfterDays)
        .filter(host::Column::ForgetGuestsAfterDays.lt(installation))
        .into_tuple()
        .all(db)
        .await?;
    for (host_id, days) in sooner {
        let days = settings::effective_days(installation, days);
        let cutoff = now - Duration::days(days.into());
        total += forget_ended_before(db, Some(host_id), cutoff, now).await?;
    }
    settings::record_run(db, now).await?;
    if total.dates > 0 {
        tracing::info!(
            dates = total.dates,
            replies = total.replies,
            volunteers = total.volunteers,
            emails = total.emails,
            "forgot the guests of past dates"
        );
    }
    Ok(total)
}

/// Forgets the dates (of one host, or of all) that ended at or before
/// `cutoff` and are not forgotten yet, a batch at a time.
async fn forget_ended_before(
    db: &DatabaseConnection,
    host_id: Option<HostId>,
    cutoff: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Forgotten, DbErr> {
    let mut total = Forgotten::default();
    loop {
        let mut due = occurrence::Entity::find()
            .select_only()
            .column(occurrence::Column::Id)
            .filter(occurrence::Column::GuestsForgottenAt.is_null())
            .filter(occurrence::Column::EndsAt.lte(cutoff));
        if let Some(host_id) = host_id {
            due = due.filter(
                occurrence::Column::EventId.in_subquery(
                    Query::select()
                        .column(event::Column::Id)
                        .from(event::Entity)
                        .and_where(event::Column::HostId.eq(host_id))
                        .to_owned(),
                ),
            );
        }
        let ids: Vec<OccurrenceId> = due
            .order_by_asc(occurrence::Column::EndsAt)
            .limit(BATCH)
            .into_tuple()
            .all(db)
            .await?;
        for &id in &ids {
            if let Some(forgotten) = forget_date(db, id, now).await? {
                total += forgotten;
            }
        }
        if (ids.len() as u64) < BATCH {
            return Ok(total);
        }
    }
}

/// Forgets the guests of one date, unless another process already did.
pub async fn forget_date(
    db: &DatabaseConnection,
    occurrence_id: OccurrenceId,
    now: DateTime<Utc>,
) -> Result<Option<Forgotten>, DbErr> {
    let txn = begin_write(db).await?;
    let claimed = occurrence::Entity::update_many()
        .col_expr(occurrence::Column::GuestsForgottenAt, Expr::value(now))
        .filter(occurrence::Column::Id.eq(occurrence_id))
        .filter(occurrence::Column::GuestsForgottenAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        txn.rollback().await?;
        return Ok(None);
    }
    let forgotten = erase_guests(&txn, occurrence_id).await?;
    txn.commit().await?;
    Ok(Some(forgotten))
}

/// Erases who replied to and volunteered for one date, and the emails about
/// it, keeping statuses and party sizes.
async fn erase_guests<C: ConnectionTrait>(
    txn: &C,
    occurrence_id: OccurrenceId,
) -> Result<Forgotten, DbErr> {
    let replies = crate::backend::replies::erase_who_replied(
        txn,
        rsvp::Column::OccurrenceId.eq(occurrence_id),
    )
    .await?;
    let volunteers = role_signup::Entity::update_many()
        .col_expr(
            role_signup::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .filter(role_signup::Column::OccurrenceId.eq(occurrence_id))
        .exec(txn)
        .await?;
    let emails = outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::OccurrenceId.eq(occurrence_id))
        .exec(txn)
        .await?;
    // The links that stop messages lead to the guests.
    message_stop_link::Entity::delete_many()
        .filter(message_stop_link::Column::OccurrenceId.eq(occurrence_id))
        .exec(txn)
        .await?;
    // Organisers' messages to the date may name its guests.
    organiser_message::Entity::delete_many()
        .filter(organiser_message::Column::OccurrenceId.eq(occurrence_id))
        .exec(txn)
        .await?;
    Ok(Forgotten {
        dates: 1,
        replies,
        volunteers: volunteers.rows_affected,
        emails: emails.rows_affected,
    })
}

/// How many dates have ended by `now` and still hold their guests' details
/// (waiting for their time to be up, or for the next run).
pub async fn ended_dates_remembered<C: ConnectionTrait>(
    db: &C,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    occurrence::Entity::find()
        .filter(occurrence::Column::GuestsForgottenAt.is_null())
        .filter(occurrence::Column::EndsAt.lte(now))
        .count(db)
        .await
}
