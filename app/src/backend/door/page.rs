//! The door page of one date, as the person who opened it may see it.

use super::{attendance, check_in, find, permissions::Door, permissions::DoorRole};
use crate::backend::{event_texts, time_zone};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::views::door::{DoorSearch, DoorView};
use sea_orm::{ConnectionTrait, DbErr};

/// The page after looking up `query` (a door code or a name; empty for
/// none).
pub async fn load<C: ConnectionTrait>(
    db: &C,
    door: &Door,
    query: &str,
    reader_language: &str,
) -> Result<DoorView, DbErr> {
    let query: String = query.trim().chars().take(100).collect();
    let found = if query.is_empty() {
        DoorSearch::Nothing
    } else {
        find::find(db, door.occurrence.id, &query).await?
    };
    let organiser = door.role == DoorRole::Organiser;
    let attendance = if organiser {
        Some(attendance::of_date(db, door.occurrence.id).await?)
    } else {
        None
    };
    let title = event_texts::for_reader(db, &door.event, reader_language)
        .await?
        .map(|text| text.title)
        .unwrap_or_default();
    let starts = door
        .occurrence
        .starts_at
        .with_timezone(&time_zone::named(&door.event.time_zone));
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
    })
}
