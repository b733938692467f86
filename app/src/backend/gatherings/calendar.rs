//! What calendar files and feeds list: a gathering's dates from a month
//! ago on, cancelled ones included (marked so), so that a calendar app
//! that subscribed or imported earlier drops a cancelled date instead of
//! keeping it, even when every date is cancelled; and the gatherings of a
//! feed as their public pages show them.

use crate::backend::entities::{event, occurrence};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query,
};

/// The most dates one file lists (a weekly series for years).
const MOST_DATES: u64 = 500;

/// The dates of the gathering `public_id` (the caller has loaded it, so
/// it is looked up here by its public id, not loaded again).
pub async fn dates<C: ConnectionTrait>(
    db: &C,
    public_id: &str,
    now: DateTime<Utc>,
) -> Result<Vec<occurrence::Model>, DbErr> {
    occurrence::Entity::find()
        .filter(
            occurrence::Column::EventId.in_subquery(
                Query::select()
                    .column(event::Column::Id)
                    .from(event::Entity)
                    .and_where(event::Column::PublicId.eq(public_id))
                    .to_owned(),
            ),
        )
        .filter(occurrence::Column::EndsAt.gt(now - Duration::days(30)))
        .order_by_asc(occurrence::Column::StartsAt)
        .limit(MOST_DATES)
        .all(db)
        .await
}

/// One gathering in a feed or a subscribed calendar: as its public page
/// shows it — so a feed never names a street the page keeps for guests —
/// with its dates from a month ago on.
pub struct FeedItem {
    pub details: crate::views::gathering::GatheringDetails,
    pub dates: Vec<occurrence::Model>,
}

/// The feed items of the gatherings `public_ids`, in that order, each once;
/// drafts and unknown ids are left out.
pub async fn feed_items<C: ConnectionTrait>(
    db: &C,
    public_ids: &[String],
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<FeedItem>, DbErr> {
    let mut items: Vec<FeedItem> = Vec::with_capacity(public_ids.len());
    for public_id in public_ids {
        if items
            .iter()
            .any(|item| &item.details.public_id == public_id)
        {
            continue;
        }
        let Some(details) = super::page::load(db, public_id, reader_language, now).await? else {
            continue;
        };
        items.push(FeedItem {
            details,
            dates: dates(db, public_id, now).await?,
        });
    }
    Ok(items)
}
