//! How many people replied to each upcoming date of a host's own
//! gatherings — counts, never who — for its organisers' tools (the public
//! API's `replies:read`). A few queries whatever the number of dates.

use crate::backend::entities::{event, event_text, occurrence, occurrence_seats, rsvp};
use crate::backend::event_texts::pick;
use crate::domain::ids::{EventId, HostId, OccurrenceId};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The most dates one answer lists, soonest first.
pub const MOST_DATES: u64 = 200;

/// One upcoming date and its counts.
pub struct DateCounts {
    pub gathering_id: String,
    pub title: String,
    pub date_id: OccurrenceId,
    pub starts_at: DateTime<Utc>,
    /// People with a seat (a party counts each of its people).
    pub going: i32,
    /// People waiting for a seat.
    pub waitlisted: i32,
    /// `None`: no limit.
    pub spots_left: Option<i32>,
}

/// The upcoming scheduled dates of the published gatherings `host_id`
/// holds itself (not those it only co-hosts), soonest first.
pub async fn upcoming<C: ConnectionTrait>(
    db: &C,
    host_id: HostId,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<DateCounts>, DbErr> {
    let events: HashMap<EventId, event::Model> = event::Entity::find()
        .filter(event::Column::HostId.eq(host_id))
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .all(db)
        .await?
        .into_iter()
        .map(|e| (e.id, e))
        .collect();
    let dates = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.is_in(events.keys().copied()))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::EndsAt.gt(now))
        .order_by_asc(occurrence::Column::StartsAt)
        .limit(MOST_DATES)
        .all(db)
        .await?;
    let ids: Vec<OccurrenceId> = dates.iter().map(|d| d.id).collect();
    let seats: HashMap<OccurrenceId, occurrence_seats::Model> = occurrence_seats::Entity::find()
        .filter(occurrence_seats::Column::OccurrenceId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|s| (s.occurrence_id, s))
        .collect();
    let mut waiting: HashMap<OccurrenceId, i32> = HashMap::new();
    let waitlist: Vec<(OccurrenceId, i32)> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::OccurrenceId)
        .column(rsvp::Column::Party)
        .filter(rsvp::Column::OccurrenceId.is_in(ids.iter().copied()))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Waitlisted))
        .into_tuple()
        .all(db)
        .await?;
    for (date, party) in waitlist {
        *waiting.entry(date).or_default() += party;
    }
    let texts = event_text::Entity::find()
        .filter(event_text::Column::EventId.is_in(events.keys().copied()))
        .all(db)
        .await?;
    Ok(dates
        .into_iter()
        .filter_map(|date| {
            let event = events.get(&date.event_id)?;
            let own: Vec<event_text::Model> = texts
                .iter()
                .filter(|t| t.event_id == event.id)
                .cloned()
                .collect();
            let title = pick(&own, reader_language, &event.default_language)
                .map(|t| t.title.clone())
                .unwrap_or_default();
            let seat = seats.get(&date.id);
            let going = seat.map_or(0, |s| s.going);
            let capacity = seat.map_or(event.capacity, |s| s.capacity);
            Some(DateCounts {
                gathering_id: event.public_id.clone(),
                title,
                date_id: date.id,
                starts_at: date.starts_at,
                going,
                waitlisted: waiting.get(&date.id).copied().unwrap_or(0),
                spots_left: capacity.map(|c| (c - going).max(0)),
            })
        })
        .collect())
}
