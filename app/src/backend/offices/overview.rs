//! What a city office sees about its area over a period: how many
//! gatherings took place (by category and by week), how many it sponsored,
//! and how many people said they were coming or volunteered — aggregates
//! only. No name or address is ever read here. Counts of people are
//! rounded to the nearest [`SMALL_GROUP`], and any below it are withheld
//! ("fewer than 5"): so a figure can never point at a person, not even by
//! comparing two periods that differ by a day.

use super::jurisdiction;
use crate::backend::entities::{event, occurrence, role_signup, rsvp, sponsorship};
use crate::domain::category::Category;
use crate::domain::flags::{Flag, FlagSet};
use crate::domain::ids::{EventId, OccurrenceId, OfficeId};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus, SignupStatus, SponsorshipStatus};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use geo::BoundingRect;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::{BTreeMap, HashMap};

/// Counts of people below this are withheld; others are rounded to it
/// (the one rule of `domain::disclosure`).
pub use crate::domain::disclosure::SMALL_GROUP;

/// How many ids go into one `IN (…)` list, well under every database's
/// limit on bound values.
const CHUNK: usize = 500;

/// A count of people: rounded, or withheld because it is small.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum People {
    /// Rounded to the nearest [`SMALL_GROUP`].
    About(u64),
    FewerThan(u64),
}

impl People {
    pub fn of(count: u64) -> Self {
        use crate::domain::disclosure::Cell;
        match Cell::of(count) {
            Cell::About(n) => People::About(n),
            Cell::FewerThan(n) => People::FewerThan(n),
            // `Cell::of` never withholds; only a quarter's months are.
            Cell::Withheld => People::FewerThan(SMALL_GROUP),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Overview {
    /// Dates of gatherings (not cancelled) in the area and period.
    pub gatherings: u64,
    /// Of those, the dates this office sponsored at the time they took place.
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

/// One date of a gathering in the area.
pub(crate) struct Date {
    pub id: OccurrenceId,
    pub event_id: EventId,
    pub starts_at: DateTime<Utc>,
    /// The day it starts on, where it takes place.
    pub local_day: NaiveDate,
}

/// The dates (not cancelled) of public gatherings in an office's area
/// whose local day is within a period, with each gathering's categories
/// and time zone.
pub(crate) struct AreaDates {
    pub dates: Vec<Date>,
    pub events: HashMap<EventId, (i32, chrono_tz::Tz)>,
}

/// The figures for `office_id` from `from` to `to` (days, both included, as
/// each gathering's own calendar has them). `None` when the office has no
/// jurisdiction.
pub async fn figures<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<Overview>, DbErr> {
    match dates_in_area(conn, office_id, from, to).await? {
        Some(area) => Ok(Some(overview_of(conn, office_id, from, to, area).await?)),
        None => Ok(None),
    }
}

/// The dates in the area of `office_id` whose local day is from `from` to
/// `to`; `None` when the office has no jurisdiction.
pub(crate) async fn dates_in_area<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Option<AreaDates>, DbErr> {
    let Some(area) = jurisdiction::of_office(conn, office_id).await? else {
        return Ok(None);
    };
    let Some(bounds) = area.bounding_rect() else {
        return Ok(None);
    };
    // A day longer on each side in UTC; the local day decides below.
    let start: DateTime<Utc> = (from - Duration::days(1))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    let end: DateTime<Utc> = (to + Duration::days(2))
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    // The box first (indexed columns), then the exact area.
    let candidates: Vec<(OccurrenceId, EventId, DateTime<Utc>, f64, f64)> =
        occurrence::Entity::find()
            .select_only()
            .columns([
                occurrence::Column::Id,
                occurrence::Column::EventId,
                occurrence::Column::StartsAt,
                occurrence::Column::Latitude,
                occurrence::Column::Longitude,
            ])
            .filter(occurrence::Column::Status.ne(DateStatus::Cancelled))
            .filter(occurrence::Column::StartsAt.gte(start))
            .filter(occurrence::Column::StartsAt.lt(end))
            .filter(occurrence::Column::Latitude.between(bounds.min().y, bounds.max().y))
            .filter(occurrence::Column::Longitude.between(bounds.min().x, bounds.max().x))
            .into_tuple()
            .all(conn)
            .await?;
    let inside: Vec<(OccurrenceId, EventId, DateTime<Utc>)> = candidates
        .into_iter()
        .filter(|(.., latitude, longitude)| jurisdiction::covers(&area, *latitude, *longitude))
        .map(|(id, event_id, starts_at, ..)| (id, event_id, starts_at))
        .collect();
    let mut event_ids: Vec<EventId> = inside.iter().map(|(_, e, _)| *e).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    // Published gatherings only: their categories and time zone.
    let mut events: HashMap<EventId, (i32, chrono_tz::Tz)> = HashMap::new();
    for ids in event_ids.chunks(CHUNK) {
        let rows: Vec<(EventId, i32, String)> = event::Entity::find()
            .select_only()
            .columns([
                event::Column::Id,
                event::Column::Categories,
                event::Column::TimeZone,
            ])
            .filter(event::Column::Id.is_in(ids.iter().copied()))
            .filter(event::Column::Status.eq(GatheringStatus::Published))
            .filter(crate::backend::gatherings::visibility::public())
            .into_tuple()
            .all(conn)
            .await?;
        for (id, categories, zone) in rows {
            events.insert(id, (categories, crate::backend::time_zone::named(&zone)));
        }
    }
    let dates: Vec<Date> = inside
        .into_iter()
        .filter_map(|(id, event_id, starts_at)| {
            let (_, zone) = events.get(&event_id)?;
            let local_day = starts_at.with_timezone(zone).date_naive();
            (from <= local_day && local_day <= to).then_some(Date {
                id,
                event_id,
                starts_at,
                local_day,
            })
        })
        .collect();
    Ok(Some(AreaDates { dates, events }))
}

/// The overview of the dates an office's area held in a period.
async fn overview_of<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    from: NaiveDate,
    to: NaiveDate,
    AreaDates { dates, events }: AreaDates,
) -> Result<Overview, DbErr> {
    let mut event_ids: Vec<EventId> = dates.iter().map(|d| d.event_id).collect();
    event_ids.sort_unstable();
    event_ids.dedup();
    let date_ids: Vec<OccurrenceId> = dates.iter().map(|d| d.id).collect();
    let mut people_going: i64 = 0;
    let mut volunteers: i64 = 0;
    for ids in date_ids.chunks(CHUNK) {
        people_going += rsvp::Entity::find()
            .select_only()
            .column_as(rsvp::Column::Party.sum(), "people")
            .filter(rsvp::Column::OccurrenceId.is_in(ids.iter().copied()))
            .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
            .into_tuple::<Option<i64>>()
            .one(conn)
            .await?
            .flatten()
            .unwrap_or(0);
        volunteers += role_signup::Entity::find()
            .select_only()
            .column_as(role_signup::Column::Id.count(), "signups")
            .filter(role_signup::Column::OccurrenceId.is_in(ids.iter().copied()))
            .filter(role_signup::Column::Status.eq(SignupStatus::Active))
            .into_tuple::<i64>()
            .one(conn)
            .await?
            .unwrap_or(0);
    }

    let by_category = Category::ALL
        .iter()
        .map(|category| {
            let count = dates
                .iter()
                .filter(|date| {
                    let bits = events.get(&date.event_id).map_or(0, |(bits, _)| *bits);
                    FlagSet::<Category>::from_bits(bits as u32).contains(*category)
                })
                .count() as u64;
            (*category, count)
        })
        .collect();
    Ok(Overview {
        gatherings: dates.len() as u64,
        sponsored: sponsored_dates(conn, office_id, &event_ids, &dates).await?,
        people_going: People::of(people_going.max(0) as u64),
        volunteer_signups: People::of(volunteers.max(0) as u64),
        by_category,
        by_week: weeks(from, to, dates.iter().map(|d| d.local_day)),
    })
}

/// How many of `dates` this office sponsored when they took place: by a
/// sponsorship of the date or its series made before it started and not
/// ended before (declined ones never count).
async fn sponsored_dates<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    event_ids: &[EventId],
    dates: &[Date],
) -> Result<u64, DbErr> {
    let mut rows = Vec::new();
    for ids in event_ids.chunks(CHUNK) {
        rows.extend(
            sponsorship::Entity::find()
                .filter(sponsorship::Column::OfficeId.eq(office_id))
                .filter(sponsorship::Column::EventId.is_in(ids.iter().copied()))
                .filter(
                    sponsorship::Column::Status
                        .is_in([SponsorshipStatus::Active, SponsorshipStatus::Ended]),
                )
                .all(conn)
                .await?,
        );
    }
    Ok(dates
        .iter()
        .filter(|date| {
            rows.iter().any(|row| {
                let covers = row.occurrence_id == Some(date.id)
                    || (row.occurrence_id.is_none() && row.event_id == date.event_id);
                covers
                    && row.created_at <= date.starts_at
                    && row.ended_at.is_none_or(|ended| ended > date.starts_at)
            })
        })
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
    fn people_are_rounded_and_small_groups_withheld() {
        assert_eq!(People::of(0), People::FewerThan(5));
        assert_eq!(People::of(4), People::FewerThan(5));
        assert_eq!(People::of(5), People::About(5));
        assert_eq!(People::of(9), People::About(10));
        assert_eq!(People::of(12), People::About(10));
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
