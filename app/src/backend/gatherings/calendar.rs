//! What calendar files and feeds list: a gathering's dates from a month
//! ago on, cancelled ones included (marked so), so that a calendar app
//! that subscribed or imported earlier drops a cancelled date instead of
//! keeping it, even when every date is cancelled; and the gatherings of a
//! feed as their public pages show them.

use crate::backend::entities::{event, event_text, host, occurrence, place};
use crate::backend::markdown::to_plain_text;
use crate::domain::ids::{EventId, HostId};
use crate::domain::status::{DateStatus, GatheringStatus};
use crate::views::gathering::{DateView, PlaceView};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The most dates one gathering lists (a weekly series for years).
const MOST_DATES: usize = 500;

/// One gathering in a feed or a subscribed calendar: as its public page
/// shows it — so a feed never names a street the page keeps for guests —
/// with its dates from a month ago on, cancelled ones included.
pub struct FeedItem {
    pub public_id: String,
    /// In the reader's language when the host wrote it in it.
    pub title: String,
    pub description_text: String,
    pub updated_at: DateTime<Utc>,
    /// The whole gathering is cancelled.
    pub cancelled: bool,
    pub place: PlaceView,
    pub host_name: String,
    pub time_zone: String,
    pub dates: Vec<occurrence::Model>,
}

impl FeedItem {
    /// The next date that still takes place, in the place's time zone.
    pub fn next_date(&self, now: DateTime<Utc>) -> Option<DateView> {
        let zone = crate::backend::time_zone::named(&self.time_zone);
        self.dates
            .iter()
            .find(|date| date.status == DateStatus::Scheduled && date.ends_at > now)
            .map(|date| DateView::new(date.id, date.starts_at, date.ends_at, zone))
    }
}

/// The feed items of the gatherings `public_ids`, in that order, each once;
/// drafts and unknown ids are left out. A fixed number of queries however
/// many gatherings a feed lists (feeds are read by every subscribed
/// calendar app, every few hours, so they are kept cheap).
pub async fn feed_items<C: ConnectionTrait>(
    db: &C,
    public_ids: &[String],
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<FeedItem>, DbErr> {
    if public_ids.is_empty() {
        return Ok(Vec::new());
    }
    let events = event::Entity::find()
        .filter(event::Column::PublicId.is_in(public_ids.iter().cloned()))
        .filter(super::visibility::public())
        .all(db)
        .await?;
    let event_ids: Vec<EventId> = events.iter().map(|e| e.id).collect();
    let places: HashMap<i64, place::Model> = place::Entity::find()
        .filter(place::Column::Id.is_in(events.iter().map(|e| e.place_id)))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let hosts: HashMap<HostId, String> = host::Entity::find()
        .select_only()
        .column(host::Column::Id)
        .column(host::Column::Name)
        .filter(host::Column::Id.is_in(events.iter().map(|e| e.host_id)))
        .into_tuple::<(HostId, String)>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut texts: HashMap<EventId, Vec<event_text::Model>> = HashMap::new();
    for text in event_text::Entity::find()
        .filter(event_text::Column::EventId.is_in(event_ids.iter().copied()))
        .all(db)
        .await?
    {
        texts.entry(text.event_id).or_default().push(text);
    }
    let mut dates: HashMap<EventId, Vec<occurrence::Model>> = HashMap::new();
    for date in occurrence::Entity::find()
        .filter(occurrence::Column::EventId.is_in(event_ids.iter().copied()))
        .filter(occurrence::Column::EndsAt.gt(now - Duration::days(30)))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(db)
        .await?
    {
        let of_event = dates.entry(date.event_id).or_default();
        if of_event.len() < MOST_DATES {
            of_event.push(date);
        }
    }
    let by_public_id: HashMap<&str, &event::Model> =
        events.iter().map(|e| (e.public_id.as_str(), e)).collect();
    let mut items: Vec<FeedItem> = Vec::with_capacity(events.len());
    for public_id in public_ids {
        if items.iter().any(|item| &item.public_id == public_id) {
            continue;
        }
        let Some(event) = by_public_id.get(public_id.as_str()) else {
            continue;
        };
        let texts = texts.get(&event.id).map(Vec::as_slice).unwrap_or_default();
        let Some(text) =
            crate::backend::event_texts::pick(texts, reader_language, &event.default_language)
        else {
            continue;
        };
        let (Some(place), Some(host_name)) =
            (places.get(&event.place_id), hosts.get(&event.host_id))
        else {
            continue;
        };
        items.push(FeedItem {
            public_id: event.public_id.clone(),
            title: text.title.clone(),
            description_text: to_plain_text(&text.description, 300),
            updated_at: event.updated_at,
            cancelled: event.status == GatheringStatus::Cancelled,
            place: super::page::place_view(place, event.address_visibility == "public"),
            host_name: host_name.clone(),
            time_zone: event.time_zone.clone(),
            dates: dates.remove(&event.id).unwrap_or_default(),
        });
    }
    Ok(items)
}
