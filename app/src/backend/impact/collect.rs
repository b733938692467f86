//! The raw figures of each date: who came and what the optional questions
//! counted. Never leaves the backend unpublished (see `publish`).

use crate::backend::entities::{answer_by_date, event, occurrence, rsvp, walk_in};
use crate::backend::gatherings::visibility;
use crate::backend::offices::overview::dates_in_area;
use crate::backend::time_zone;
use crate::domain::follow_up::question;
use crate::domain::ids::{HostId, OccurrenceId, OfficeId};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::DateStatus;
use crate::domain::time_around;
use chrono::{Duration, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// Ids bound per query.
const CHUNK: usize = 500;

/// One date's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateCounts {
    /// The day it took place, where it took place.
    pub local_day: NaiveDate,
    /// Checked in plus walk-ins where the door was used; otherwise the
    /// people whose place was confirmed.
    pub came: u64,
    pub new_to_area: u64,
    pub long_time: u64,
    pub met_yes: u64,
    pub met_answers: u64,
    pub again_yes: u64,
    pub again_answers: u64,
}

/// The dates of `host`'s public gatherings (not cancelled) from `from` to
/// `to` (local days, both included).
pub async fn dates_of_host<C: ConnectionTrait>(
    db: &C,
    host: HostId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(OccurrenceId, NaiveDate)>, DbErr> {
    let events: Vec<event::Model> = event::Entity::find()
        .filter(event::Column::HostId.eq(host))
        .filter(visibility::public())
        .all(db)
        .await?;
    let zones: HashMap<_, _> = events
        .iter()
        .map(|e| (e.id, time_zone::named(&e.time_zone)))
        .collect();
    let mut out = Vec::new();
    for ids in events.chunks(CHUNK) {
        let dates = occurrence::Entity::find()
            .filter(occurrence::Column::EventId.is_in(ids.iter().map(|e| e.id)))
            .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
            .filter(occurrence::Column::StartsAt.gte(utc_day(from - Duration::days(1))))
            .filter(occurrence::Column::StartsAt.lt(utc_day(to + Duration::days(2))))
            .all(db)
            .await?;
        for date in dates {
            let Some(zone) = zones.get(&date.event_id) else {
                continue;
            };
            let day = date.starts_at.with_timezone(zone).date_naive();
            if from <= day && day <= to {
                out.push((date.id, day));
            }
        }
    }
    Ok(out)
}

/// The dates in the area of `office` from `from` to `to`.
pub async fn dates_of_office<C: ConnectionTrait>(
    db: &C,
    office: OfficeId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(OccurrenceId, NaiveDate)>, DbErr> {
    Ok(dates_in_area(db, office, from, to)
        .await?
        .map(|area| {
            area.dates
                .into_iter()
                .map(|date| (date.id, date.local_day))
                .collect()
        })
        .unwrap_or_default())
}

fn utc_day(day: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

/// The figures of each of `dates`, in a fixed number of queries per 500.
pub async fn of_dates<C: ConnectionTrait>(
    db: &C,
    dates: &[(OccurrenceId, NaiveDate)],
) -> Result<Vec<DateCounts>, DbErr> {
    let mut counts: HashMap<OccurrenceId, DateCounts> = dates
        .iter()
        .map(|(id, day)| {
            let counts = DateCounts {
                local_day: *day,
                ..DateCounts::default()
            };
            (*id, counts)
        })
        .collect();
    // Per date: people confirmed, people checked in, whether anyone was.
    let mut door: HashMap<OccurrenceId, (u64, u64, bool)> = HashMap::new();
    for ids in dates.chunks(CHUNK) {
        let ids: Vec<OccurrenceId> = ids.iter().map(|(id, _)| *id).collect();
        let replies: Vec<(OccurrenceId, i32, Option<i32>)> = rsvp::Entity::find()
            .select_only()
            .columns([
                rsvp::Column::OccurrenceId,
                rsvp::Column::Party,
                rsvp::Column::CheckedIn,
            ])
            .filter(rsvp::Column::OccurrenceId.is_in(ids.clone()))
            .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
            .into_tuple()
            .all(db)
            .await?;
        for (date, party, checked_in) in replies {
            let entry = door.entry(date).or_default();
            entry.0 += party.max(0) as u64;
            if let Some(came) = checked_in {
                entry.1 += came.max(0) as u64;
                entry.2 = true;
            }
        }
        let walk_ins: Vec<(OccurrenceId, i32)> = walk_in::Entity::find()
            .select_only()
            .columns([walk_in::Column::OccurrenceId, walk_in::Column::People])
            .filter(walk_in::Column::OccurrenceId.is_in(ids.clone()))
            .into_tuple()
            .all(db)
            .await?;
        for (date, people) in walk_ins {
            let entry = door.entry(date).or_default();
            entry.1 += people.max(0) as u64;
            entry.2 = true;
        }
        let answers = answer_by_date::Entity::find()
            .filter(answer_by_date::Column::OccurrenceId.is_in(ids))
            .all(db)
            .await?;
        for cell in answers {
            let Some(date) = counts.get_mut(&cell.occurrence_id) else {
                continue;
            };
            let people = cell.people.max(0) as u64;
            match (cell.question.as_str(), cell.answer.as_str()) {
                (time_around::QUESTION, "under_2_years") => date.new_to_area += people,
                (time_around::QUESTION, "2_years_or_more") => date.long_time += people,
                (question::MET_SOMEONE_NEW, answer) => {
                    date.met_answers += people;
                    if answer == "yes" {
                        date.met_yes += people;
                    }
                }
                (question::COME_AGAIN, answer) => {
                    date.again_answers += people;
                    if answer == "yes" {
                        date.again_yes += people;
                    }
                }
                _ => {}
            }
        }
    }
    for (date, (confirmed, checked_in, door_used)) in door {
        if let Some(counts) = counts.get_mut(&date) {
            counts.came = if door_used { checked_in } else { confirmed };
        }
    }
    Ok(counts.into_values().collect())
}
