//! The door page of one date, as the person who opened it may see it.

use super::{attendance, check_in, find, permissions::Door, permissions::DoorRole};
use crate::backend::replies::follow_ups;
use crate::backend::{answers, event_texts, rate_limit, time_zone};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::views::door::{DoorSearch, DoorView, Settled};
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr};

/// The page after looking up `query` (a door code or a name; empty for
/// none).
pub async fn load<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    query: &str,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<DoorView, DbErr> {
    let query: String = query.trim().chars().take(100).collect();
    let organiser = door.role == DoorRole::Organiser;
    let found = if query.is_empty() {
        DoorSearch::Nothing
    } else if !organiser && !may_look_up(db, door).await? {
        DoorSearch::TooManyLookups
    } else {
        find::find(db, door.occurrence.id, &query, organiser).await?
    };
    let zone = time_zone::named(&door.event.time_zone);
    let local = |at: DateTime<Utc>| {
        let at = at.with_timezone(&zone).naive_local();
        at.format(LOCAL_TIME_FORMAT).to_string()
    };
    let (attendance, time_around, follow_up) = if organiser {
        let date = door.occurrence.id;
        // Answered when replying or at the door: settled once it closes.
        let door_closes = door.occurrence.ends_at + check_in::OPEN_AFTER_END;
        let time_around = if now < door_closes {
            Some(Settled::From(local(door_closes)))
        } else {
            answers::of_date(db, date).await?.map(Settled::Shown)
        };
        let answers_close = follow_ups::answers_close_at(&door.occurrence, &door.event.time_zone);
        let follow_up = if now < answers_close {
            Some(Settled::From(local(answers_close)))
        } else {
            answers::follow_up_of_date(db, date)
                .await?
                .map(Settled::Shown)
        };
        (
            Some(attendance::of_date(db, date).await?),
            time_around,
            follow_up,
        )
    } else {
        (None, None, None)
    };
    let title = event_texts::for_reader(db, &door.event, reader_language)
        .await?
        .map(|text| text.title)
        .unwrap_or_default();
    let starts = door.occurrence.starts_at.with_timezone(&zone);
    Ok(DoorView {
        event_public_id: door.event.public_id.clone(),
        title,
        occurrence_id: door.occurrence.id,
        starts_local: starts.naive_local().format(LOCAL_TIME_FORMAT).to_string(),
        zone_abbreviation: starts.format("%Z").to_string(),
        organiser,
        query,
        found,
        walk_in_key: check_in::new_walk_in_key(),
        attendance,
        time_around,
        follow_up,
    })
}

/// Counts one lookup by a helper; `false` over their limit for the date.
pub(super) async fn may_look_up<C: ConnectionTrait>(db: &C, door: &Door) -> Result<bool, DbErr> {
    let key = format!("door-lookups:{}:{}", door.viewer, door.occurrence.id);
    rate_limit::allow(db, &key, rate_limit::limits::DOOR_LOOKUPS_PER_HELPER).await
}
