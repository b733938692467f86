//! Turning a gathering's schedule into occurrence rows. A series is
//! materialised for a bounded horizon (about six months); the background
//! scheduler extends it as time passes, so the search index only ever holds
//! real, dated rows.

use super::super::{
    entities::{event, occurrence},
    occurrences,
    recurrence::Schedule,
};
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::EventId;
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::status::GatheringStatus;
use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, OnConflict},
};

/// How far ahead a series' dates are written.
pub const HORIZON: Duration = Duration::days(183);
/// The most dates written for one series at a time (a daily series).
pub const MAX_WRITTEN: usize = 200;

/// Writes the occurrences of `schedule` that start in `[from, until)` and
/// are not written yet. Returns the end of what is now written.
pub async fn write<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    point: GeoPoint,
    schedule: &Schedule,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<DateTime<Utc>, DbErr> {
    let dates = schedule
        .occurrences(from, until, MAX_WRITTEN)
        .map_err(|e| DbErr::Custom(format!("stored schedule of event {event_id}: {e}")))?;
    // Stopped early by the cap: written up to the last date, not `until`.
    let written_until = match dates.last() {
        Some((last, _)) if dates.len() == MAX_WRITTEN => *last + Duration::seconds(1),
        _ => until,
    };
    if dates.is_empty() {
        return Ok(written_until);
    }
    let rows = dates
        .into_iter()
        .map(|(starts, ends)| occurrences::scheduled(event_id, point, starts, ends));
    occurrence::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([occurrence::Column::EventId, occurrence::Column::StartsAt])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(conn)
        .await?;
    Ok(written_until)
}

/// The schedule stored with a series, if it is one.
pub fn stored_schedule(event: &event::Model) -> Option<Schedule> {
    let zone: Tz = event.time_zone.parse().ok()?;
    let parse = |text: &Option<String>| {
        NaiveDateTime::parse_from_str(text.as_deref()?, LOCAL_TIME_FORMAT).ok()
    };
    let (start, end) = (parse(&event.series_start)?, parse(&event.series_end)?);
    let text = event.recurrence.as_deref()?;
    Schedule::from_stored(zone, start, end, text).ok()
}

/// Extends every published series whose written dates end within a week of
/// the horizon. Run by the background scheduler; safe to run in several
/// processes at once (inserts skip dates already written).
pub async fn extend_all(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let due = event::Entity::find()
        .filter(event::Column::Recurrence.is_not_null())
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .filter(event::Column::ScheduledUntil.lt(now + HORIZON - Duration::days(7)))
        .all(db)
        .await?;
    let mut extended = 0;
    for event in due {
        let (Some(schedule), Some(from)) = (stored_schedule(&event), event.scheduled_until) else {
            continue;
        };
        let Some(point) = super::place_point(db, event.place_id).await? else {
            continue;
        };
        // One series that cannot be written must not stop the others.
        let until = match write(db, event.id, point, &schedule, from, now + HORIZON).await {
            Ok(until) => until,
            Err(error) => {
                tracing::warn!(event = event.id.0, %error, "cannot extend this series");
                continue;
            }
        };
        event::Entity::update_many()
            .col_expr(event::Column::ScheduledUntil, Expr::value(until))
            .filter(event::Column::Id.eq(event.id))
            .exec(db)
            .await?;
        extended += 1;
    }
    Ok(extended)
}
