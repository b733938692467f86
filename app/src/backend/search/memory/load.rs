//! Reading what the in-memory index holds from the database: every
//! upcoming date of published gatherings, or those of a few gatherings
//! that changed. The same conditions as `candidates::select`.

use super::table::{Dated, EventFacts, Loading, Table};
use crate::backend::sql::Sql;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};
use std::collections::HashMap;

/// Rows read per statement when loading everything (keyset by id).
const ROWS_PER_READ: i64 = 10_000;
/// Gatherings per statement when reloading a few (bound parameters).
const EVENTS_PER_READ: usize = 500;

#[derive(FromQueryResult)]
struct FactsRow {
    id: i64,
    categories: i32,
    accessibility: i32,
    is_free: bool,
    family_friendly: bool,
    time_zone: String,
}

#[derive(FromQueryResult)]
struct LanguageRow {
    event_id: i64,
    language: String,
}

#[derive(FromQueryResult)]
struct DateRow {
    id: i64,
    event_id: i64,
    starts_at: DateTime<Utc>,
    latitude: f64,
    longitude: f64,
    cell_r3: i64,
    cell_r4: i64,
    cell_r5: i64,
    cell_r6: i64,
}

/// A fresh table of everything upcoming (from `since`), read in chunks so
/// that loading never holds much more than the table itself.
pub async fn everything(db: &impl ConnectionTrait, since: DateTime<Utc>) -> Result<Table, DbErr> {
    let mut table = Loading::default();
    // Each gathering's facts by number, in gathering id order (as read):
    // 12 bytes a gathering, where a map would take three times that for
    // as long as the load lasts.
    let mut facts_of = FactsOf::default();
    let mut after_event = 0i64;
    loop {
        let chunk = facts(db, Which::After(after_event)).await?;
        let Some(&(last, _)) = chunk.last() else {
            break;
        };
        after_event = last;
        for (event_id, facts) in chunk {
            debug_assert!(facts_of.events.last() < Some(&event_id), "read in id order");
            facts_of.events.push(event_id);
            facts_of.numbers.push(table.intern(facts));
        }
    }
    let mut after_date = 0i64;
    loop {
        let mut sql = dates_query(db, since);
        sql.push(" AND o.id > ")
            .bind(after_date)
            .push(" ORDER BY o.id LIMIT ")
            .bind(ROWS_PER_READ);
        let rows = DateRow::find_by_statement(sql.build()).all(db).await?;
        let done = (rows.len() as i64) < ROWS_PER_READ;
        for row in rows {
            after_date = row.id;
            if let Some(facts) = facts_of.get(row.event_id) {
                table.add(row.event_id, facts, dated(&row));
            }
        }
        if done {
            break;
        }
    }
    Ok(table.finish())
}

/// The facts' number of each gathering, by gathering id.
#[derive(Default)]
struct FactsOf {
    /// Ascending.
    events: Vec<i64>,
    numbers: Vec<u32>,
}

impl FactsOf {
    fn get(&self, event_id: i64) -> Option<u32> {
        let at = self.events.binary_search(&event_id).ok()?;
        Some(self.numbers[at])
    }
}

/// A gathering as the database holds it now: its facts and upcoming dates,
/// or no facts when it is gone or no longer public.
pub type Reloaded = (i64, Option<EventFacts>, Vec<Dated>);

/// What the database holds now for `event_ids`.
pub async fn events(
    db: &impl ConnectionTrait,
    event_ids: &[i64],
    since: DateTime<Utc>,
) -> Result<Vec<Reloaded>, DbErr> {
    let mut reloaded = Vec::with_capacity(event_ids.len());
    for chunk in event_ids.chunks(EVENTS_PER_READ) {
        let mut facts: HashMap<i64, EventFacts> =
            facts(db, Which::Ids(chunk)).await?.into_iter().collect();
        let mut sql = dates_query(db, since);
        sql.push(" AND o.event_id IN ")
            .bind_list(chunk.iter().copied());
        let mut dates: HashMap<i64, Vec<Dated>> = HashMap::new();
        for row in DateRow::find_by_statement(sql.build()).all(db).await? {
            dates.entry(row.event_id).or_default().push(dated(&row));
        }
        for &event_id in chunk {
            reloaded.push((
                event_id,
                facts.remove(&event_id),
                dates.remove(&event_id).unwrap_or_default(),
            ));
        }
    }
    Ok(reloaded)
}

fn dates_query(db: &impl ConnectionTrait, since: DateTime<Utc>) -> Sql {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT o.id, o.event_id, o.starts_at, o.latitude, o.longitude, \
         o.cell_r3, o.cell_r4, o.cell_r5, o.cell_r6 \
         FROM occurrences o JOIN events e ON e.id = o.event_id \
         WHERE o.status = 'scheduled' AND e.status = 'published' \
         AND e.moderation = 'visible' AND o.starts_at >= ",
    )
    .bind(since);
    sql
}

fn dated(row: &DateRow) -> Dated {
    Dated {
        id: row.id,
        starts_at: row.starts_at,
        latitude: row.latitude,
        longitude: row.longitude,
        cells: [row.cell_r3, row.cell_r4, row.cell_r5, row.cell_r6],
    }
}

/// Which gatherings' facts to read.
enum Which<'a> {
    Ids(&'a [i64]),
    /// The next chunk by id.
    After(i64),
}

/// The facts of published gatherings, by id.
async fn facts(
    db: &impl ConnectionTrait,
    which: Which<'_>,
) -> Result<Vec<(i64, EventFacts)>, DbErr> {
    let backend = db.get_database_backend();
    let mut sql = Sql::new(backend);
    sql.push(
        "SELECT id, categories, accessibility, is_free, family_friendly, time_zone \
         FROM events WHERE status = 'published' AND moderation = 'visible'",
    );
    match which {
        Which::Ids(ids) => {
            sql.push(" AND id IN ").bind_list(ids.iter().copied());
        }
        Which::After(after) => {
            sql.push(" AND id > ")
                .bind(after)
                .push(" ORDER BY id LIMIT ")
                .bind(ROWS_PER_READ);
        }
    }
    let rows = FactsRow::find_by_statement(sql.build()).all(db).await?;
    let (Some(low), Some(high)) = (
        rows.iter().map(|row| row.id).min(),
        rows.iter().map(|row| row.id).max(),
    ) else {
        return Ok(Vec::new());
    };
    let mut languages_sql = Sql::new(backend);
    languages_sql
        .push("SELECT event_id, language FROM event_languages WHERE event_id BETWEEN ")
        .bind(low)
        .push(" AND ")
        .bind(high);
    if let Which::Ids(ids) = which {
        languages_sql
            .push(" AND event_id IN ")
            .bind_list(ids.iter().copied());
    }
    let mut languages: HashMap<i64, Vec<String>> = HashMap::new();
    for row in LanguageRow::find_by_statement(languages_sql.build())
        .all(db)
        .await?
    {
        languages
            .entry(row.event_id)
            .or_default()
            .push(row.language);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut spoken = languages.remove(&row.id).unwrap_or_default();
            spoken.sort();
            (
                row.id,
                EventFacts {
                    categories: row.categories,
                    accessibility: row.accessibility,
                    is_free: row.is_free,
                    family_friendly: row.family_friendly,
                    zone: crate::backend::time_zone::named(&row.time_zone),
                    languages: spoken,
                },
            )
        })
        .collect())
}
