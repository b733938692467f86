//! Finding gatherings near a point, soonest or nearest first.
//!
//! Two steps: candidates by cell and time come from this process's
//! in-memory index ([`memory`]) — or from the database ([`candidates`])
//! until the index is built or when it cannot catch up — then each is
//! checked exactly — great-circle distance
//! with `geo`'s haversine, and the day it falls on in the gathering's own
//! time zone — before it is kept. Pages are cut by keyset cursors, never by
//! OFFSET, so a page never repeats or skips a gathering when others are
//! added meanwhile. Both steps are deterministic and use only portable SQL,
//! so SQLite and PostgreSQL return the same gatherings in the same order.

mod bbox;
mod candidates;
pub mod cells;
pub mod details;
pub mod memory;
pub mod page;
pub mod place_name;

pub use details::cards;
pub use memory::{IndexFigures, SearchIndex};

use crate::backend::distance::metres_between;
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::OccurrenceId;
use crate::domain::search::{Cursor, Filters, SortOrder};
use candidates::{Bounds, Candidate};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

/// A disc on the Earth's surface.
#[derive(Clone, Copy, Debug)]
pub struct Area {
    pub center: GeoPoint,
    pub radius_m: f64,
}

pub struct Criteria<'a> {
    /// `None`: anywhere.
    pub area: Option<Area>,
    /// First and last calendar day, inclusive, in each gathering's own zone.
    pub days: Option<(NaiveDate, NaiveDate)>,
    pub sort: SortOrder,
    pub filters: &'a Filters,
    pub after: Option<Cursor>,
    /// Only gatherings starting at or after this instant.
    pub now: DateTime<Utc>,
    pub limit: usize,
}

/// One occurrence that matched.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub occurrence_id: OccurrenceId,
    pub starts_at: DateTime<Utc>,
    /// Distance from the search point in whole metres, when there is one.
    pub metres: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Page {
    pub found: Vec<Found>,
    /// Where the next page starts, if there is one.
    pub next: Option<Cursor>,
}

/// Local days exist in UTC between these offsets (UTC−12 … UTC+14), so
/// these margins around a day range bound every instant that falls on it
/// somewhere; the exact check is done per gathering.
const EARLIEST_OFFSET: Duration = Duration::hours(14);
const LATEST_OFFSET: Duration = Duration::hours(12);

/// Where candidates come from. Both give the same candidates for the same
/// data; `tests/integration/search_index.rs` compares them.
pub enum Source<'a, C> {
    Database(&'a C),
    Memory(&'a SearchIndex),
}

impl<C: ConnectionTrait> Source<'_, C> {
    async fn batch(
        &self,
        bounds: &Bounds<'_>,
        after: Option<(DateTime<Utc>, i64)>,
        limit: u64,
    ) -> Result<Vec<Candidate>, DbErr> {
        match self {
            Self::Database(db) => candidates::batch(*db, bounds, after, limit).await,
            Self::Memory(index) => Ok(index.batch(bounds, after, limit as usize)),
        }
    }

    async fn all(&self, bounds: &Bounds<'_>) -> Result<Vec<Candidate>, DbErr> {
        match self {
            Self::Database(db) => candidates::all(*db, bounds).await,
            Self::Memory(index) => Ok(index.all(bounds)),
        }
    }
}

/// Searches with the in-memory index when it is ready, else the database.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    index: &SearchIndex,
    criteria: &Criteria<'_>,
) -> Result<Page, DbErr> {
    if index.ready(db).await {
        find_in(&Source::<C>::Memory(index), criteria).await
    } else {
        find_in(&Source::Database(db), criteria).await
    }
}

pub async fn find_in<C: ConnectionTrait>(
    source: &Source<'_, C>,
    criteria: &Criteria<'_>,
) -> Result<Page, DbErr> {
    let cover = criteria.area.map(|area| {
        let level = match source {
            Source::Database(_) => cells::level_for(area.radius_m),
            Source::Memory(_) => memory::filed_level(cells::level_for(area.radius_m)),
        };
        cells::cover_at(area.center, area.radius_m, level)
    });
    let mut from = criteria.now;
    let mut until = None;
    if let Some((first, last)) = criteria.days {
        from = from.max(first.and_time(Default::default()).and_utc() - EARLIEST_OFFSET);
        let after_last = (last + Duration::days(1)).and_time(Default::default());
        until = Some(after_last.and_utc() + LATEST_OFFSET);
    }
    let bounds = Bounds {
        cover: cover.as_ref(),
        bbox: criteria
            .area
            .map(|area| bbox::around(area.center, area.radius_m)),
        from,
        until,
        filters: criteria.filters,
    };
    match criteria.sort {
        SortOrder::Nearest if criteria.area.is_some() => nearest(source, criteria, &bounds).await,
        _ => soonest(source, criteria, &bounds).await,
    }
}

/// Reads candidates in start order until a page and one more are found.
async fn soonest<C: ConnectionTrait>(
    source: &Source<'_, C>,
    criteria: &Criteria<'_>,
    bounds: &Bounds<'_>,
) -> Result<Page, DbErr> {
    // The box around the disc is a quarter larger than the disc, so read a
    // half more than needed: one round trip nearly always suffices.
    let batch = (criteria.limit as u64 + 1) * 3 / 2;
    let mut after = match criteria.after {
        Some(Cursor::Soonest { starts_at, id }) => {
            DateTime::from_timestamp(starts_at, 0).map(|at| (at, id))
        }
        _ => None,
    };
    let mut found = Vec::new();
    'batches: loop {
        let rows = source.batch(bounds, after, batch).await?;
        let exhausted = (rows.len() as u64) < batch;
        for row in rows {
            after = Some((row.starts_at, row.id));
            if let Some(hit) = accept(criteria, &row) {
                found.push(hit);
                if found.len() > criteria.limit {
                    break 'batches;
                }
            }
        }
        if exhausted {
            break;
        }
    }
    Ok(paginate(found, criteria.limit, |hit| Cursor::Soonest {
        starts_at: hit.starts_at.timestamp(),
        id: hit.occurrence_id.0,
    }))
}

/// Reads every candidate in the area and window, then sorts by distance
/// (whole metres), start and id.
async fn nearest<C: ConnectionTrait>(
    source: &Source<'_, C>,
    criteria: &Criteria<'_>,
    bounds: &Bounds<'_>,
) -> Result<Page, DbErr> {
    let key = |hit: &Found| Cursor::Nearest {
        metres: hit.metres.unwrap_or(0),
        starts_at: hit.starts_at.timestamp(),
        id: hit.occurrence_id.0,
    };
    let mut found: Vec<Found> = source
        .all(bounds)
        .await?
        .iter()
        .filter_map(|row| accept(criteria, row))
        .filter(|hit| criteria.after.is_none_or(|after| key(hit) > after))
        .collect();
    // A page and one more, of thousands within a wide radius: picked first
    // (in linear time), and only they are sorted. Keys are unique (the id
    // ends them), so this is the order a full sort gives.
    let wanted = criteria.limit + 1;
    if found.len() > wanted {
        found.select_nth_unstable_by_key(wanted - 1, key);
        found.truncate(wanted);
    }
    found.sort_by_key(key);
    Ok(paginate(found, criteria.limit, key))
}

fn paginate(mut found: Vec<Found>, limit: usize, key: impl Fn(&Found) -> Cursor) -> Page {
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(&key)
    } else {
        None
    };
    Page { found, next }
}

/// The exact checks: within the radius (inclusive), and on one of the
/// asked-for days in the gathering's own time zone.
fn accept(criteria: &Criteria<'_>, row: &Candidate) -> Option<Found> {
    let metres = match criteria.area {
        Some(area) => {
            let point = GeoPoint::parse(row.latitude, row.longitude).ok()?;
            let metres = metres_between(area.center, point);
            if metres > area.radius_m {
                return None;
            }
            Some(metres.round() as u32)
        }
        None => None,
    };
    if let Some((first, last)) = criteria.days {
        let day = row.starts_at.with_timezone(&row.zone).date_naive();
        if day < first || day > last {
            return None;
        }
    }
    Some(Found {
        occurrence_id: OccurrenceId(row.id),
        starts_at: row.starts_at,
        metres,
    })
}
