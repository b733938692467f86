//! A gathering as its organisers see it: the edit form filled in with what
//! is stored, its upcoming dates and its most recent past ones.

use super::schedule::stored_schedule;
use crate::backend::{
    access::AccessError,
    auth::Viewer,
    entities::{event, event_language, event_text, host, occurrence, place},
    hosts::permissions::{Access, HostAction, check},
    privacy,
    recurrence::{Repeat, SeriesEnd},
};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::status::{DateStatus, GatheringStatus};
use crate::domain::{accessibility::Accessibility, category::Categories};
use crate::views::hosting::{AttendeeRow, DateRow, ManageView};
use chrono::{NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// The event behind `public_id`, if `viewer` may manage it.
pub async fn managed_event(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    public_id: &str,
) -> Result<event::Model, AccessError> {
    let event = super::by_public_id(db, public_id)
        .await?
        .ok_or(AccessError::NotFound)?;
    match check(db, viewer, event.host_id, HostAction::ManageGatherings).await? {
        Access::Allowed(_) => Ok(event),
        Access::SignInFirst => Err(AccessError::SignInFirst),
        Access::Forbidden => Err(AccessError::Forbidden),
    }
}

pub async fn manage(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    public_id: &str,
    reader_language: &str,
) -> Result<ManageView, AccessError> {
    let event = managed_event(db, viewer, public_id).await?;
    let host = host::Entity::find_by_id(event.host_id)
        .one(db)
        .await?
        .ok_or(AccessError::NotFound)?;
    let Stored {
        place,
        texts,
        languages,
        occurrences,
        zone,
    } = load_stored(db, &event).await?;
    let values = stored_values(&event, &place, &texts, &languages, &occurrences, zone);

    let now = Utc::now();
    let days = privacy::settings::effective_days(
        privacy::settings::forget_after_days(db).await?,
        host.forget_guests_after_days,
    );
    let mut dates = Vec::new();
    for o in occurrences.iter().filter(|o| o.ends_at > now).take(100) {
        dates.push(date_row(db, o, zone, days).await?);
    }
    let ended = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event.id))
        .filter(occurrence::Column::EndsAt.lte(now))
        .order_by_desc(occurrence::Column::StartsAt)
        .limit(PAST_DATES_SHOWN)
        .all(db)
        .await?;
    let mut past_dates = Vec::new();
    for o in &ended {
        past_dates.push(date_row(db, o, zone, days).await?);
    }
    let title = crate::backend::event_texts::pick(&texts, reader_language, &event.default_language)
        .map(|t| t.title.clone())
        .unwrap_or_default();
    let partners = super::partners::partners(db, event.id).await?;
    let date_ids: Vec<_> = dates.iter().map(|d| d.occurrence_id).collect();
    let roles = crate::backend::volunteers::public_roles(db, event.id, &date_ids).await?;
    Ok(ManageView {
        sponsorships: crate::backend::offices::page::rows_for_event(db, event.id, reader_language)
            .await?,
        picture: crate::backend::pictures::store::view_of(db, event.id, &event.public_id).await?,
        roles,
        partners,
        public_id: event.public_id,
        title,
        host_slug: host.slug,
        host_name: host.name,
        cancelled: event.status == GatheringStatus::Cancelled,
        values,
        dates,
        past_dates,
    })
}

/// The edit form's fields as stored for `event`, which the viewer may
/// manage (checked by the caller): what the API's change merges what it is
/// sent over.
pub async fn form_values(
    db: &DatabaseConnection,
    event: &event::Model,
) -> Result<Vec<(String, String)>, AccessError> {
    let stored = load_stored(db, event).await?;
    Ok(stored_values(
        event,
        &stored.place,
        &stored.texts,
        &stored.languages,
        &stored.occurrences,
        stored.zone,
    ))
}

/// What the edit form is filled in from.
struct Stored {
    place: place::Model,
    texts: Vec<event_text::Model>,
    languages: Vec<event_language::Model>,
    occurrences: Vec<occurrence::Model>,
    zone: Tz,
}

async fn load_stored(db: &DatabaseConnection, event: &event::Model) -> Result<Stored, AccessError> {
    let place = place::Entity::find_by_id(event.place_id)
        .one(db)
        .await?
        .ok_or(AccessError::NotFound)?;
    let texts = event_text::Entity::find()
        .filter(event_text::Column::EventId.eq(event.id))
        .all(db)
        .await?;
    let languages = event_language::Entity::find()
        .filter(event_language::Column::EventId.eq(event.id))
        .all(db)
        .await?;
    let occurrences = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event.id))
        .order_by_asc(occurrence::Column::StartsAt)
        .limit(500)
        .all(db)
        .await?;
    let zone: Tz = crate::backend::time_zone::named(&event.time_zone);
    Ok(Stored {
        place,
        texts,
        languages,
        occurrences,
        zone,
    })
}

/// The edit form's fields for what is stored.
fn stored_values(
    event: &event::Model,
    place: &place::Model,
    texts: &[event_text::Model],
    languages: &[event_language::Model],
    occurrences: &[occurrence::Model],
    zone: Tz,
) -> Vec<(String, String)> {
    let mut values: Vec<(String, String)> = Vec::new();
    let mut put = |name: &str, value: String| values.push((name.to_string(), value));
    for text in texts {
        put(&format!("title_{}", text.language), text.title.clone());
        put(
            &format!("description_{}", text.language),
            text.description.clone(),
        );
    }
    for category in Categories::from_bits(event.categories as u32).iter() {
        put("category", category.slug().into());
    }
    for language in languages {
        put("language", language.language.clone());
    }
    for feature in Accessibility::from_bits(event.accessibility as u32).iter() {
        put("access", feature.slug().into());
    }
    if event.is_free {
        put("is_free", "1".into());
    }
    if event.family_friendly {
        put("family_friendly", "1".into());
    }
    put("place_name", place.name.clone());
    put("address", place.address.clone());
    put(
        "location",
        format!("{:.6}, {:.6}", place.latitude, place.longitude),
    );
    if event.address_visibility == "guests" {
        put("guests_only_address", "1".into());
    }
    if let Some(capacity) = event.capacity {
        put("capacity", capacity.to_string());
    }
    put("replies", "1".into());
    let modes = crate::domain::reply::ReplyModes::from_bits(event.rsvp_modes as u32);
    for (mode, slug) in [
        (crate::domain::reply::ReplyMode::Account, "account"),
        (crate::domain::reply::ReplyMode::Email, "email"),
        (crate::domain::reply::ReplyMode::Anonymous, "anonymous"),
    ] {
        if modes.contains(mode) {
            put("rsvp_mode", slug.into());
        }
    }
    put("max_guests", event.max_guests.to_string());
    put("closes_minutes", event.rsvp_closes_minutes.to_string());
    put("reminder_hours", event.reminder_hours.to_string());
    if event.requires_approval {
        put("requires_approval", "1".into());
    }
    if let Some(places) = event.places_without_account {
        put("places_without_account", places.to_string());
    }
    if event.roles_separate {
        put("roles_separate", "1".into());
    }
    let (start, end) = match stored_schedule(event) {
        Some(schedule) => {
            let (repeat, rule) = match &schedule.repeat {
                Repeat::Once => ("once", String::new()),
                Repeat::Weekly => ("weekly", String::new()),
                Repeat::EveryTwoWeeks => ("fortnightly", String::new()),
                Repeat::MonthlyByWeekday => ("monthly", String::new()),
                Repeat::Custom(rule) => ("custom", rule.clone()),
            };
            put("repeat", repeat.into());
            put("rule", rule);
            match schedule.ends {
                SeriesEnd::Never => put("ends", "never".into()),
                SeriesEnd::OnDate(date) => {
                    put("ends", "on".into());
                    put("until", date.to_string());
                }
                SeriesEnd::AfterCount(count) => {
                    put("ends", "after".into());
                    put("count", count.to_string());
                }
            }
            let exceptions: Vec<String> =
                schedule.exceptions.iter().map(|d| d.to_string()).collect();
            put("exceptions", exceptions.join(", "));
            (Some(schedule.start), Some(schedule.end))
        }
        None => {
            put("repeat", "once".into());
            let first = occurrences.first();
            let local = |at: chrono::DateTime<Utc>| at.with_timezone(&zone).naive_local();
            (
                first.map(|o| local(o.starts_at)),
                first.map(|o| local(o.ends_at)),
            )
        }
    };
    if let (Some(start), Some(end)) = (start, end) {
        put_times(&mut put, start, end);
    }
    values
}

/// How many ended dates the management page lists.
const PAST_DATES_SHOWN: u64 = 10;

/// One date for its organisers: when, who is coming, and when its guests
/// are (or were) forgotten, `days` after it ends.
async fn date_row(
    db: &DatabaseConnection,
    o: &occurrence::Model,
    zone: Tz,
    days: i32,
) -> Result<DateRow, sea_orm::DbErr> {
    let local = |at: chrono::DateTime<Utc>| at.with_timezone(&zone);
    let forgotten_on = o
        .guests_forgotten_at
        .unwrap_or_else(|| privacy::settings::forgotten_on(o.ends_at, days));
    let attendees = crate::backend::replies::lists::attendees(db, o.id)
        .await?
        .into_iter()
        .map(|a| AttendeeRow {
            public_id: a.public_id,
            shown: a.shown,
            party: a.party,
            status: a.status,
            checked_in: a.checked_in,
        })
        .collect();
    Ok(DateRow {
        occurrence_id: o.id,
        starts_local: local(o.starts_at)
            .naive_local()
            .format(LOCAL_TIME_FORMAT)
            .to_string(),
        ends_local: local(o.ends_at)
            .naive_local()
            .format(LOCAL_TIME_FORMAT)
            .to_string(),
        zone_abbreviation: local(o.starts_at).format("%Z").to_string(),
        cancelled: o.status == DateStatus::Cancelled,
        attendees,
        volunteers: crate::backend::volunteers::volunteers_on(db, o.id).await?,
        guests_forgotten_on: local(forgotten_on).date_naive().to_string(),
        guests_forgotten: o.guests_forgotten_at.is_some(),
        attendance: crate::backend::door::attendance::of_date(db, o.id).await?,
    })
}

fn put_times(put: &mut impl FnMut(&str, String), start: NaiveDateTime, end: NaiveDateTime) {
    put("start_date", start.format("%Y-%m-%d").to_string());
    put("start_time", start.format("%H:%M").to_string());
    put("end_time", end.format("%H:%M").to_string());
    if end.date() != start.date() {
        put("end_date", end.format("%Y-%m-%d").to_string());
    }
}
