//! What a host's feeds carry: each of its gatherings (and those it
//! co-hosts) that is public or was cancelled, as its public page shows it
//! — so a feed never names a street the page keeps for guests — with its
//! dates from a month ago on, for calendar subscriptions.

use crate::backend::entities::{event, event_cohost, host, occurrence};
use crate::domain::ids::EventId;
use crate::domain::status::{GatheringStatus, PartnerStatus};
use crate::views::gathering::GatheringDetails;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

/// The most gatherings one feed lists, the most recently changed first.
const LISTED: u64 = 50;

/// One gathering in a feed.
pub struct FeedItem {
    pub details: GatheringDetails,
    pub dates: Vec<occurrence::Model>,
}

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
    let mut items = Vec::with_capacity(events.len());
    for public_id in events {
        let Some(details) =
            crate::backend::gatherings::page::load(db, &public_id, reader_language, now).await?
        else {
            continue;
        };
        let Some(event) = crate::backend::gatherings::by_public_id(db, &public_id).await? else {
            continue;
        };
        let dates = crate::backend::gatherings::calendar::dates(db, event.id, now).await?;
        items.push(FeedItem { details, dates });
    }
    Ok(items)
}
