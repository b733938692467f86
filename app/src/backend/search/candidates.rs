//! Step one of a search, from the database: read candidate occurrences in
//! start order, batch by batch. The database narrows by cell, time and the
//! gathering's filters; the exact distance and local-date checks happen in
//! Rust (`super::accept`). The in-memory index (`super::memory`) answers
//! the same two questions with the same conditions; this is the path used
//! until it is built, or when it cannot be brought up to date.

use super::bbox::LatLngBox;
use super::cells::Cover;
use crate::backend::sql::Sql;
use crate::domain::search::Filters;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};

/// An occurrence that may match, before the exact checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub latitude: f64,
    pub longitude: f64,
    pub zone: Tz,
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    starts_at: DateTime<Utc>,
    latitude: f64,
    longitude: f64,
    time_zone: String,
}

impl From<Row> for Candidate {
    fn from(row: Row) -> Self {
        Self {
            id: row.id,
            starts_at: row.starts_at,
            latitude: row.latitude,
            longitude: row.longitude,
            zone: crate::backend::time_zone::named(&row.time_zone),
        }
    }
}

/// What every candidate must satisfy in the database.
pub struct Bounds<'a> {
    /// The cells to read; `None` reads everywhere (the start-time index).
    pub cover: Option<&'a Cover>,
    /// The box around the disc, checked in each cell's index.
    pub bbox: Option<LatLngBox>,
    /// Start at or after this instant.
    pub from: DateTime<Utc>,
    /// Start before this instant, if bounded.
    pub until: Option<DateTime<Utc>>,
    pub filters: &'a Filters,
}

/// Up to `limit` candidates after `after` (start, id), soonest first.
/// Each cell's subquery reads its (cell, start, id) index in order and stops
/// after `limit` rows, so a batch costs at most cells × limit index entries
/// however many gatherings a cell holds.
pub async fn batch(
    db: &impl ConnectionTrait,
    bounds: &Bounds<'_>,
    after: Option<(DateTime<Utc>, i64)>,
    limit: u64,
) -> Result<Vec<Candidate>, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    match bounds.cover {
        None => {
            subquery(&mut sql, bounds, None, after, limit);
        }
        Some(cover) => {
            for (i, &cell) in cover.cells.iter().enumerate() {
                if i > 0 {
                    sql.push(" UNION ALL ");
                }
                sql.push("SELECT * FROM (");
                subquery(&mut sql, bounds, Some((cover.column(), cell)), after, limit);
                sql.push(&format!(") AS c{i}"));
            }
            sql.push(" ORDER BY starts_at, id LIMIT ")
                .bind(limit as i64);
        }
    }
    rows(db, sql).await
}

async fn rows(db: &impl ConnectionTrait, sql: Sql) -> Result<Vec<Candidate>, DbErr> {
    let rows = Row::find_by_statement(sql.build()).all(db).await?;
    Ok(rows.into_iter().map(Candidate::from).collect())
}

/// Every candidate in the cells and time bounds, in no particular order:
/// for "nearest first", which must see them all to sort by distance.
pub async fn all(db: &impl ConnectionTrait, bounds: &Bounds<'_>) -> Result<Vec<Candidate>, DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    select(&mut sql, bounds);
    if let Some(cover) = bounds.cover {
        sql.push(&format!(" AND o.{} IN ", cover.column()))
            .bind_list(cover.cells.iter().copied());
    }
    rows(db, sql).await
}

fn subquery(
    sql: &mut Sql,
    bounds: &Bounds<'_>,
    cell: Option<(&str, i64)>,
    after: Option<(DateTime<Utc>, i64)>,
    limit: u64,
) {
    select(sql, bounds);
    if let Some((column, cell)) = cell {
        sql.push(&format!(" AND o.{column} = ")).bind(cell);
    }
    if let Some((starts_at, id)) = after {
        sql.push(" AND (o.starts_at > ")
            .bind(starts_at)
            .push(" OR (o.starts_at = ")
            .bind(starts_at)
            .push(" AND o.id > ")
            .bind(id)
            .push("))");
    }
    sql.push(" ORDER BY o.starts_at, o.id LIMIT ")
        .bind(limit as i64);
}

/// `SELECT … WHERE` with the conditions shared by every query.
fn select(sql: &mut Sql, bounds: &Bounds<'_>) {
    sql.push(
        "SELECT o.id, o.starts_at, o.latitude, o.longitude, e.time_zone \
         FROM occurrences o JOIN events e ON e.id = o.event_id \
         WHERE o.status = 'scheduled' AND e.status = 'published' \
         AND e.moderation = 'visible' AND o.starts_at >= ",
    )
    .bind(bounds.from);
    if let Some(until) = bounds.until {
        sql.push(" AND o.starts_at < ").bind(until);
    }
    if let Some(bbox) = bounds.bbox {
        sql.push(" AND o.latitude BETWEEN ")
            .bind(bbox.min_latitude)
            .push(" AND ")
            .bind(bbox.max_latitude);
        match bbox.longitudes {
            None => {}
            Some(l) if l.wraps => {
                sql.push(" AND (o.longitude >= ")
                    .bind(l.west)
                    .push(" OR o.longitude <= ")
                    .bind(l.east)
                    .push(")");
            }
            Some(l) => {
                sql.push(" AND o.longitude BETWEEN ")
                    .bind(l.west)
                    .push(" AND ")
                    .bind(l.east);
            }
        }
    }
    let filters = bounds.filters;
    if !filters.categories.is_empty() {
        sql.push(" AND (e.categories & ")
            .bind(filters.categories.bits() as i32)
            .push(") <> 0");
    }
    if !filters.accessibility.is_empty() {
        let mask = filters.accessibility.bits() as i32;
        sql.push(" AND (e.accessibility & ")
            .bind(mask)
            .push(") = ")
            .bind(mask);
    }
    if filters.free_only {
        sql.push(" AND e.is_free = ").bind(true);
    }
    if filters.family_friendly {
        sql.push(" AND e.family_friendly = ").bind(true);
    }
    if !filters.languages.is_empty() {
        sql.push(
            " AND EXISTS (SELECT 1 FROM event_languages l \
             WHERE l.event_id = e.id AND l.language IN ",
        )
        .bind_list(filters.languages.iter().map(|l| l.code()))
        .push(")");
    }
}
