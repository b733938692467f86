//! Writing occurrences. Every new or moved occurrence goes through here so
//! that its copy of the place's position and its search cells are right.

use super::entities::occurrence;
use super::search::cells::cells_of;
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::EventId;
use crate::domain::status::DateStatus;
use chrono::{DateTime, Utc};
use sea_orm::Set;

/// A scheduled occurrence of `event_id` at a place at `point`, ready to
/// insert.
pub fn scheduled(
    event_id: EventId,
    point: GeoPoint,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> occurrence::ActiveModel {
    let [r3, r4, r5, r6] = cells_of(point);
    occurrence::ActiveModel {
        event_id: Set(event_id),
        starts_at: Set(starts_at),
        ends_at: Set(ends_at),
        status: Set(DateStatus::Scheduled),
        latitude: Set(point.latitude()),
        longitude: Set(point.longitude()),
        cell_r3: Set(r3),
        cell_r4: Set(r4),
        cell_r5: Set(r5),
        cell_r6: Set(r6),
        detached: Set(false),
        ..Default::default()
    }
}
