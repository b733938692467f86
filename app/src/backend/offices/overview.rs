//! What a city office sees about its area over a period: how many
//! gatherings took place (by category and by week), how many it sponsored,
//! and how many people said they were coming or volunteered — aggregates
//! only. No name or address is ever read here, and any count of people
//! below [`SMALL_GROUP`] is withheld ("fewer than 5"), so that a figure can
//! never point at a person.

use super::jurisdiction;
use crate::backend::entities::{event, occurrence, role_signup, rsvp, sponsorship};
use crate::domain::category::Category;
use crate::domain::flags::{Flag, FlagSet};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use geo::BoundingRect;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{BTreeMap, HashSet};

/// Counts of people below this are shown as "fewer than 5".
pub const SMALL_GROUP: u64 = 5;

/// A count of people: exact, or withheld because it is small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum People {
    Exactly(u64),
    FewerThan(u64),
}

impl People {
    pub fn of(count: u64) -> Self {
        if count < SMALL_GROUP {
            People::FewerThan(SMALL_GROUP)
        } else {
            People::Exactly(count)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    /// Dates of gatherings (not cancelled) in the area and period.
    pub gatherings: u64,
    /// Of those, the dates this office sponsored.
    pub sponsored: u64,
    /// People going (party sizes added up).
    pub people_going: People,
    pub volunteer_signups: People,
    /// Dates per category (a gathering may have several).
    pub by_category: Vec<(Category, u64)>,
    /// Dates per week, by the Monday that starts it, every week of the
    /// period listed.
    pub by_week: Vec<(NaiveDate, u64)>,
}

/// The figures for `office_id` from `from` to `to` (days, both included,
/// in UTC). `None` when the office has no jurisdiction.
pub async fn figures<C: ConnectionTrait>(
    conn: &C,
    office_id: i64,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<Overview>, DbErr> {
    let Some(area) = jurisdiction::of_office(conn, office_id).await? else {
        return Ok(None);
    };
    let Some(bounds) = area.bounding_rect() else {
        return Ok(None);
    };
    let start: DateTime<Utc> = from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let end: DateTime<Utc> = (to + Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    // The box first (indexed columns), then the exact area.
    let candidates: Vec<(i64, i64, DateTime<Utc>, f64, f64)> = occurrence::Entity::find()
        .select_only()
        .columns([
            occurrence::Column::Id,
            occurrence::Column::EventId,
            occurrence::Column::StartsAt,
            occurrence::Column::Latitude,
            occurrence::Column::Longitude,
        ])
        .filter(occurrence::Column::Status.ne("cancelled"))
        .filter(occurrence::Column::StartsAt.gte(start))
        .filter(occurrence::Column::StartsAt.lt(end))
        .filter(occurrence::Column::Latitude.between(bounds.min().y, bounds.max().y))
        .filter(occurrence::Column::Longitude.between(bounds.min().x, bounds.max().x))
        .into_tuple()
        .all(conn)
        .await?;
    let inside: Vec<(i64, i64, DateTime<Utc>)> = candidates
        .into_iter()
        .filter(|(.., latitude, longitude)| jurisdiction::covers(&area, *latitude, *longitude))
        .map(|(id, event_id, starts_at, ..)| (id, event_id, starts_at))
        .collect();
    let events: Vec<(i64, i32)> = event::Entity::find()
        .select_only()
        .columns([event::Column::Id, event::Column::Categories])
        .filter(event::Column::Id.is_in(inside.iter().map(|(_, e, _)| *e)))
        .filter(event::Column::Status.eq("published"))
        .into_tuple()
        .all(conn)
        .await?;
    let categories: BTreeMap<i64, i32> = events.into_iter().collect();
    let dates: Vec<(i64, i64, DateTime<Utc>)> = inside
        .into_iter()
        .filter(|(_, event_id, _)| categories.contains_key(event_id))
        .collect();
    let date_ids: Vec<i64> = dates.iter().map(|(id, ..)| *id).collect();

    let sponsored = sponsored_dates(conn, office_id, &dates).await?;
    let people_going: i64 = rsvp::Entity::find()
        .select_only()
        .column_as(rsvp::Column::Party.sum(), "people")
        .filter(rsvp::Column::OccurrenceId.is_in(date_ids.clone()))
        .filter(rsvp::Column::Status.eq("going"))
        .into_tuple::<Option<i64>>()
        .one(conn)
        .await?
        .flatten()
        .unwrap_or(0);
    let volunteers: i64 = role_signup::Entity::find()
        .select_only()
        .column_as(role_signup::Column::Id.count(), "signups")
        .filter(role_signup::Column::OccurrenceId.is_in(date_ids))
        .filter(role_signup::Column::Status.eq("active"))
        .into_tuple::<i64>()
        .one(conn)
        .await?
        .unwrap_or(0);

    let by_category = Category::ALL
        .iter()
        .map(|category| {
            let count = dates
                .iter()
                .filter(|(_, event_id, _)| {
                    FlagSet::<Category>::from_bits(categories[event_id] as u32).contains(*category)
                })
                .count() as u64;
            (*category, count)
        })
        .collect();
    Ok(Some(Overview {
        gatherings: dates.len() as u64,
        sponsored,
        people_going: People::of(people_going.max(0) as u64),
        volunteer_signups: People::of(volunteers.max(0) as u64),
        by_category,
        by_week: weeks(from, to, dates.iter().map(|(_, _, at)| at.date_naive())),
    }))
}

/// How many of `dates` this office sponsored (the date, or its series).
async fn sponsored_dates<C: ConnectionTrait>(
    conn: &C,
    office_id: i64,
    dates: &[(i64, i64, DateTime<Utc>)],
) -> Result<u64, DbErr> {
    let rows = sponsorship::Entity::find()
        .filter(sponsorship::Column::OfficeId.eq(office_id))
        .filter(sponsorship::Column::EventId.is_in(dates.iter().map(|(_, e, _)| *e)))
        .filter(sponsorship::Column::Status.eq("active"))
        .all(conn)
        .await?;
    let series: HashSet<i64> = rows
        .iter()
        .filter(|r| r.occurrence_id.is_none())
        .map(|r| r.event_id)
        .collect();
    let single: HashSet<i64> = rows.iter().filter_map(|r| r.occurrence_id).collect();
    Ok(dates
        .iter()
        .filter(|(id, event_id, _)| series.contains(event_id) || single.contains(id))
        .count() as u64)
}

/// Counts per week (Monday first), every week from `from` to `to` listed,
/// empty ones too, so a chart shows the gaps.
fn weeks(
    from: NaiveDate,
    to: NaiveDate,
    days: impl Iterator<Item = NaiveDate>,
) -> Vec<(NaiveDate, u64)> {
    let monday = |day: NaiveDate| day - Duration::days(day.weekday().num_days_from_monday() as i64);
    let mut counts: BTreeMap<NaiveDate, u64> = BTreeMap::new();
    let mut week = monday(from);
    while week <= to {
        counts.insert(week, 0);
        week += Duration::days(7);
    }
    for day in days {
        *counts.entry(monday(day)).or_default() += 1;
    }
    counts.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_groups_of_people_are_withheld() {
        assert_eq!(People::of(0), People::FewerThan(5));
        assert_eq!(People::of(4), People::FewerThan(5));
        assert_eq!(People::of(5), People::Exactly(5));
    }

    #[test]
    fn every_week_of_the_period_is_listed() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d).unwrap();
        // Tuesday 1 December to Sunday 20 December: weeks of 30 Nov, 7 and 14 Dec.
        let weeks = weeks(day(1), day(20), [day(2), day(3), day(15)].into_iter());
        assert_eq!(
            weeks,
            [
                (NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(), 2),
                (day(7), 0),
                (day(14), 1)
            ]
        );
    }
}
