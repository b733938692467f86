//! The dates a gathering's calendar file lists: every date from a month
//! ago on, cancelled ones included (marked so), so that a calendar app
//! that subscribed or imported earlier drops a cancelled date instead of
//! keeping it, even when every date is cancelled.

use crate::backend::entities::occurrence;
use crate::domain::ids::EventId;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The most dates one file lists (a weekly series for years).
const MOST_DATES: u64 = 500;

pub async fn dates<C: ConnectionTrait>(
    db: &C,
    event_id: EventId,
    now: DateTime<Utc>,
) -> Result<Vec<occurrence::Model>, DbErr> {
    occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::EndsAt.gt(now - Duration::days(30)))
        .order_by_asc(occurrence::Column::StartsAt)
        .limit(MOST_DATES)
        .all(db)
        .await
}
