//! Creating a gathering: its place, the event, its texts and languages, and
//! its first dates, in one transaction.

use super::{
    form::{GatheringInput, PlaceInput},
    schedule::{self, HORIZON},
};
use crate::backend::{
    entities::{event, event_language, event_text, host, place},
    recurrence::Repeat,
    secret,
};
use crate::domain::ids::{EventId, HostId};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::status::GatheringStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, Set};

/// Creates a published gathering for `host_id`; returns its public id.
/// It is public at once, or waits for a moderator when the installation's
/// `PublishPolicy` asks for it and the host is not approved.
pub async fn create(
    db: &DatabaseConnection,
    host_id: HostId,
    input: &GatheringInput,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let host = host::Entity::find_by_id(host_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("host {host_id}")))?;
    let moderation = crate::backend::moderation::settings::new_gathering_state(&txn, &host).await?;
    let place = insert_place(&txn, host_id, &input.place, now).await?;
    let public_id = secret::public_id();
    let is_series = input.schedule.repeat != Repeat::Once;
    let local = |at: chrono::NaiveDateTime| at.format(LOCAL_TIME_FORMAT).to_string();
    let event = event::ActiveModel {
        public_id: Set(public_id.clone()),
        host_id: Set(host_id),
        place_id: Set(place.id),
        default_language: Set(input.texts[0].language.clone()),
        categories: Set(input.categories.bits() as i32),
        accessibility: Set(input.accessibility.bits() as i32),
        is_free: Set(input.is_free),
        family_friendly: Set(input.family_friendly),
        capacity: Set(input.capacity),
        address_visibility: Set(visibility(&input.place).into()),
        status: Set(GatheringStatus::Published),
        moderation: Set(moderation),
        recurrence: Set(input.schedule.to_stored()),
        time_zone: Set(input.place.zone.name().into()),
        series_start: Set(is_series.then(|| local(input.schedule.start))),
        series_end: Set(is_series.then(|| local(input.schedule.end))),
        scheduled_until: Set(None),
        rsvp_modes: Set(input.replies.modes.bits() as i32),
        max_guests: Set(input.replies.max_guests),
        rsvp_closes_minutes: Set(input.replies.closes_minutes),
        roles_separate: Set(input.replies.roles_separate),
        requires_approval: Set(input.replies.requires_approval),
        places_without_account: Set(input.replies.places_without_account),
        reminder_hours: Set(input.replies.reminder_hours),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    write_texts_and_languages(&txn, event.id, input).await?;
    // A one-off gathering is written whatever its date; a series up to the
    // horizon.
    let until = if is_series {
        now + HORIZON
    } else {
        now + Duration::days(365 * 20)
    };
    let written = schedule::write(
        &txn,
        event.id,
        input.place.point,
        &input.schedule,
        now,
        until,
    )
    .await?;
    let mut event: event::ActiveModel = event.into();
    event.scheduled_until = Set(is_series.then_some(written));
    event.update(&txn).await?;
    txn.commit().await?;
    Ok(public_id)
}

pub(super) fn visibility(place: &PlaceInput) -> &'static str {
    if place.guests_only {
        "guests"
    } else {
        "public"
    }
}

async fn insert_place<C: ConnectionTrait>(
    conn: &C,
    host_id: HostId,
    input: &PlaceInput,
    now: DateTime<Utc>,
) -> Result<place::Model, DbErr> {
    place::ActiveModel {
        host_id: Set(Some(host_id)),
        name: Set(input.name.clone()),
        address: Set(input.address.clone()),
        latitude: Set(input.point.latitude()),
        longitude: Set(input.point.longitude()),
        time_zone: Set(input.zone.name().into()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// Replaces the event's texts and spoken languages with the input's.
pub(super) async fn write_texts_and_languages<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    input: &GatheringInput,
) -> Result<(), DbErr> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    event_text::Entity::delete_many()
        .filter(event_text::Column::EventId.eq(event_id))
        .exec(conn)
        .await?;
    event_language::Entity::delete_many()
        .filter(event_language::Column::EventId.eq(event_id))
        .exec(conn)
        .await?;
    for text in &input.texts {
        event_text::ActiveModel {
            event_id: Set(event_id),
            language: Set(text.language.clone()),
            title: Set(text.title.clone()),
            description: Set(text.description.clone()),
        }
        .insert(conn)
        .await?;
    }
    for language in &input.languages {
        event_language::ActiveModel {
            event_id: Set(event_id),
            language: Set((*language).into()),
        }
        .insert(conn)
        .await?;
    }
    Ok(())
}
