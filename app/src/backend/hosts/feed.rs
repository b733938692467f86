//! What a host's feeds carry: each of its gatherings (and those it
//! co-hosts) that is public or was cancelled, the most recently changed
//! first (see `gatherings::calendar::feed_items`).

use crate::backend::entities::{event, event_cohost, host};
use crate::backend::gatherings::calendar::{FeedItem, feed_items};
use crate::domain::ids::EventId;
use crate::domain::status::{GatheringStatus, PartnerStatus};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// The most gatherings one feed lists, the most recently changed first.
const LISTED: u64 = 50;

pub async fn items<C: ConnectionTrait>(
    db: &C,
    host: &host::Model,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<FeedItem>, DbErr> {
    let cohosted: Vec<EventId> = event_cohost::Entity::find()
        .select_only()
        .column(event_cohost::Column::EventId)
        .filter(event_cohost::Column::HostId.eq(host.id))
        .filter(event_cohost::Column::Status.eq(PartnerStatus::Accepted))
        .into_tuple()
        .all(db)
        .await?;
    let events: Vec<String> = event::Entity::find()
        .select_only()
        .column(event::Column::PublicId)
        .filter(
            event::Column::Status.is_in([GatheringStatus::Published, GatheringStatus::Cancelled]),
        )
        .filter(crate::backend::gatherings::visibility::public())
        .filter(
            Condition::any()
                .add(event::Column::HostId.eq(host.id))
                .add(event::Column::Id.is_in(cohosted)),
        )
        .order_by_desc(event::Column::UpdatedAt)
        .limit(LISTED)
        .into_tuple()
        .all(db)
        .await?;
    feed_items(db, &events, reader_language, now).await
}
