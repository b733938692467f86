//! Changes organisers make to a gathering: edit the whole series, change or
//! cancel one date, cancel everything. Each is one transaction.

use super::{
    create::{visibility, write_texts_and_languages},
    form::GatheringInput,
    schedule::{self, HORIZON},
};
use crate::backend::{
    entities::{event, occurrence, place},
    outbox::templates::DateNews,
    recurrence::Repeat,
    replies::news,
    search::cells::cells_of,
};
use crate::domain::ids::{EventId, OccurrenceId};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus, SignupStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, sea_query::Expr,
};

/// Applies an edited form to the whole gathering. Future dates that the new
/// schedule no longer has are removed and new ones written; dates changed
/// on their own and past dates stay as they were.
pub async fn update_series(
    db: &DatabaseConnection,
    public_url: &str,
    event: &event::Model,
    input: &GatheringInput,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    // The gathering as it is now, read under the write lock: another
    // organiser may have saved since `event` was read.
    let event = &event::Entity::find_by_id(event.id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("event {}", event.id)))?;
    let point = input.place.point;
    place::Entity::update_many()
        .col_expr(place::Column::Name, Expr::value(input.place.name.clone()))
        .col_expr(
            place::Column::Address,
            Expr::value(input.place.address.clone()),
        )
        .col_expr(place::Column::Latitude, Expr::value(point.latitude()))
        .col_expr(place::Column::Longitude, Expr::value(point.longitude()))
        .col_expr(
            place::Column::TimeZone,
            Expr::value(input.place.zone.name()),
        )
        .filter(place::Column::Id.eq(event.place_id))
        .exec(&txn)
        .await?;
    // Every date keeps a copy of the position for the search index.
    let [r3, r4, r5, r6] = cells_of(point);
    occurrence::Entity::update_many()
        .col_expr(occurrence::Column::Latitude, Expr::value(point.latitude()))
        .col_expr(
            occurrence::Column::Longitude,
            Expr::value(point.longitude()),
        )
        .col_expr(occurrence::Column::CellR3, Expr::value(r3))
        .col_expr(occurrence::Column::CellR4, Expr::value(r4))
        .col_expr(occurrence::Column::CellR5, Expr::value(r5))
        .col_expr(occurrence::Column::CellR6, Expr::value(r6))
        // Calendar apps update the place only for a higher SEQUENCE.
        .col_expr(occurrence::Column::Sequence, next_sequence())
        .filter(occurrence::Column::EventId.eq(event.id))
        .exec(&txn)
        .await?;

    let is_series = input.schedule.repeat != Repeat::Once;
    let local = |at: chrono::NaiveDateTime| at.format(LOCAL_TIME_FORMAT).to_string();
    let stored = input.schedule.to_stored();
    let series_start = is_series.then(|| local(input.schedule.start));
    let series_end = is_series.then(|| local(input.schedule.end));
    let schedule_changed = stored != event.recurrence
        || series_start != event.series_start
        || series_end != event.series_end
        || !is_series;

    let mut row: event::ActiveModel = event.clone().into();
    row.default_language = Set(input.texts[0].language.clone());
    row.categories = Set(input.categories.bits() as i32);
    row.accessibility = Set(input.accessibility.bits() as i32);
    row.is_free = Set(input.is_free);
    row.family_friendly = Set(input.family_friendly);
    row.capacity = Set(input.capacity);
    row.rsvp_modes = Set(input.replies.modes.bits() as i32);
    row.max_guests = Set(input.replies.max_guests);
    row.rsvp_closes_minutes = Set(input.replies.closes_minutes);
    row.roles_separate = Set(input.replies.roles_separate);
    row.requires_approval = Set(input.replies.requires_approval);
    row.places_without_account = Set(input.replies.places_without_account);
    row.reminder_hours = Set(input.replies.reminder_hours);
    row.address_visibility = Set(visibility(&input.place).into());
    row.time_zone = Set(input.place.zone.name().into());
    row.recurrence = Set(stored);
    row.series_start = Set(series_start);
    row.series_end = Set(series_end);
    row.updated_at = Set(now);

    if schedule_changed {
        let until = if is_series {
            now + HORIZON
        } else {
            now + Duration::days(365 * 20)
        };
        retire_dropped_dates(&txn, public_url, event.id, input, now, until).await?;
        let written = schedule::write(&txn, event.id, point, &input.schedule, now, until).await?;
        row.scheduled_until = Set(is_series.then_some(written));
    }
    let updated = row.update(&txn).await?;
    write_texts_and_languages(&txn, event.id, input).await?;
    // A new capacity applies to every future date; raised seats go to the
    // waitlists, in order, in this same transaction.
    if input.capacity != event.capacity {
        crate::backend::replies::apply_capacity(&txn, public_url, &updated, now).await?;
    }
    txn.commit().await
}

/// Future dates (not changed on their own) that the new schedule no
/// longer has: removed when nobody replied (and no city office sponsored
/// it), otherwise cancelled — never deleted with people's replies or a
/// sponsorship's record — and those people are told. Dates the
/// new schedule keeps stay, with its new length.
async fn retire_dropped_dates<C: sea_orm::ConnectionTrait>(
    txn: &C,
    public_url: &str,
    event_id: EventId,
    input: &GatheringInput,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Result<(), DbErr> {
    use crate::backend::entities::{role_signup, rsvp, sponsorship};
    let kept = input
        .schedule
        .occurrences(now, until, schedule::MAX_WRITTEN)
        .map_err(|e| DbErr::Custom(format!("schedule of event {event_id}: {e}")))?;
    let future = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(occurrence::Column::Detached.eq(false))
        .all(txn)
        .await?;
    for date in future {
        if let Some((_, ends_at)) = kept.iter().find(|(starts, _)| *starts == date.starts_at) {
            occurrence::Entity::update_many()
                .col_expr(occurrence::Column::EndsAt, Expr::value(*ends_at))
                .col_expr(occurrence::Column::Sequence, next_sequence())
                .filter(occurrence::Column::Id.eq(date.id))
                .exec(txn)
                .await?;
            continue;
        }
        let replied = rsvp::Entity::find()
            .filter(rsvp::Column::OccurrenceId.eq(date.id))
            .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
            .one(txn)
            .await?
            .is_some()
            || role_signup::Entity::find()
                .filter(role_signup::Column::OccurrenceId.eq(date.id))
                .filter(role_signup::Column::Status.eq(SignupStatus::Active))
                .one(txn)
                .await?
                .is_some()
            // A city office's sponsorship of this date (and its record)
            // is kept too.
            || sponsorship::Entity::find()
                .filter(sponsorship::Column::OccurrenceId.eq(date.id))
                .one(txn)
                .await?
                .is_some();
        if replied {
            occurrence::Entity::update_many()
                .col_expr(
                    occurrence::Column::Status,
                    Expr::value(DateStatus::Cancelled),
                )
                .col_expr(occurrence::Column::Detached, Expr::value(true))
                .col_expr(occurrence::Column::Sequence, next_sequence())
                .filter(occurrence::Column::Id.eq(date.id))
                .exec(txn)
                .await?;
            news::tell_everyone(txn, public_url, date.id, DateNews::Cancelled).await?;
        } else {
            occurrence::Entity::delete_by_id(date.id).exec(txn).await?;
        }
    }
    Ok(())
}

/// Cancels one date; the rest of the series goes on. Everyone coming who
/// gave an address is told, in the same transaction.
pub async fn cancel_occurrence(
    db: &DatabaseConnection,
    public_url: &str,
    event_id: EventId,
    occurrence_id: OccurrenceId,
) -> Result<bool, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let result = occurrence::Entity::update_many()
        .col_expr(
            occurrence::Column::Status,
            Expr::value(DateStatus::Cancelled),
        )
        .col_expr(occurrence::Column::Detached, Expr::value(true))
        .col_expr(occurrence::Column::Sequence, next_sequence())
        .filter(occurrence::Column::Id.eq(occurrence_id))
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    news::tell_everyone(&txn, public_url, occurrence_id, DateNews::Cancelled).await?;
    txn.commit().await?;
    Ok(true)
}

/// Moves one date to another time ("this date only"). `false` when there
/// is no such date, or the gathering already has a date at that time.
/// Everyone coming is told the new time.
pub async fn move_occurrence(
    db: &DatabaseConnection,
    public_url: &str,
    event_id: EventId,
    occurrence_id: OccurrenceId,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let clash = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::StartsAt.eq(starts_at))
        .filter(occurrence::Column::Id.ne(occurrence_id))
        .one(db)
        .await?;
    if clash.is_some() {
        return Ok(false);
    }
    let txn = crate::backend::transaction::begin_write(db).await?;
    let result = occurrence::Entity::update_many()
        .col_expr(occurrence::Column::StartsAt, Expr::value(starts_at))
        .col_expr(occurrence::Column::EndsAt, Expr::value(ends_at))
        .col_expr(occurrence::Column::Detached, Expr::value(true))
        .col_expr(occurrence::Column::Sequence, next_sequence())
        // A date moved again is remembered again until its new end: the
        // guests who reply to it now are forgotten on their own time.
        .col_expr(
            occurrence::Column::GuestsForgottenAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(occurrence::Column::Id.eq(occurrence_id))
        .filter(occurrence::Column::EventId.eq(event_id))
        .exec(&txn)
        .await?;
    if result.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    news::tell_everyone(&txn, public_url, occurrence_id, DateNews::Moved).await?;
    txn.commit().await?;
    Ok(true)
}

/// Cancels the gathering and all its future dates. The page stays, marked
/// cancelled, so people who planned to come find out; those who gave an
/// address are told.
pub async fn cancel_series(
    db: &DatabaseConnection,
    public_url: &str,
    event_id: EventId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    cancel_series_within(&txn, public_url, event_id, now).await?;
    txn.commit().await
}

/// [`cancel_series`] in the caller's transaction `txn` (closing a host
/// cancels all its gatherings in one).
pub async fn cancel_series_within<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    event_id: EventId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    event::Entity::update_many()
        .col_expr(
            event::Column::Status,
            Expr::value(GatheringStatus::Cancelled),
        )
        .col_expr(event::Column::UpdatedAt, Expr::value(now))
        .filter(event::Column::Id.eq(event_id))
        .exec(txn)
        .await?;
    let upcoming = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .all(txn)
        .await?;
    occurrence::Entity::update_many()
        .col_expr(
            occurrence::Column::Status,
            Expr::value(DateStatus::Cancelled),
        )
        .col_expr(occurrence::Column::Sequence, next_sequence())
        .filter(occurrence::Column::EventId.eq(event_id))
        .filter(occurrence::Column::StartsAt.gt(now))
        .exec(txn)
        .await?;
    for date in upcoming {
        news::tell_everyone(txn, public_url, date.id, DateNews::Cancelled).await?;
    }
    Ok(())
}

/// SEQUENCE + 1: every change to a date that its guests' calendars should
/// take over (see `domain::ics`).
fn next_sequence() -> Expr {
    use sea_orm::sea_query::ExprTrait;
    Expr::col(occurrence::Column::Sequence).add(1)
}
