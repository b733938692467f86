//! How fast "near me" search is on a big instance, against the plain way.
//!
//! Seeds N upcoming gatherings (default 1,000,000) clustered around the
//! world's biggest cities from the gazetteer, then times "within 5 km, next
//! 30 days, first 20 soonest" from random points in those cities:
//!
//! * **memory**: the app's search (`app::backend::search::find`): this
//!   process's in-memory index (H3 cells, each a list in start order), kept
//!   in step with the database through its change log, exact haversine
//!   check;
//! * **cells (database)**: the same search asked of the database's own
//!   (cell, start) indexes — what the app does until its index is built;
//! * **bbox**: the baseline — a latitude/longitude bounding box on ordinary
//!   B-tree indexes on each column (as Mobilizon does), same exact check.
//!
//! Prints p50/p99 of each, the ratios, the time to build each index, the
//! memory the in-memory index takes and the process's peak memory. Not a test: run it and read the figures.
//!
//!     cargo bench -p commonground-tests --bench search_index -- [sqlite|postgres] [rows]
//!
//! PostgreSQL uses `BENCH_POSTGRES_URL` (default
//! postgres://postgres@127.0.0.1:5432/postgres) and a scratch database
//! `cg_bench` it creates and drops.

use app::backend::distance::metres_between;
use app::backend::gazetteer::{City, Gazetteer};
use app::backend::search::{self, Area, Criteria, SearchIndex, Source, cells};
use app::domain::geo_point::GeoPoint;
use app::domain::search::{Filters, SortOrder};
use chrono::{DateTime, Duration, Utc};
use migration::{Migrator, MigratorTrait};
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, FromQueryResult, Statement, Value,
};
use std::time::Instant;

const CITIES: usize = 1_000;
const QUERIES: usize = 2_000;
const WARM_UP: usize = 200;
const RADIUS_M: f64 = 5_000.0;
const WINDOW_DAYS: i64 = 30;
/// Rows per INSERT statement (under SQLite's 32,766 parameter limit).
const BATCH: usize = 1_000;

/// A tiny deterministic generator, so runs are comparable.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Roughly normal (sum of uniforms).
    fn normal(&mut self) -> f64 {
        (0..4).map(|_| self.unit()).sum::<f64>() - 2.0
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = harness::bench::arguments();
    let kind = args.first().map(String::as_str).unwrap_or("sqlite");
    let rows: usize = args
        .get(1)
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let (db, scratch, cell_indexes) = open(kind).await?;
    let now = Utc::now();
    let cities = weighted_cities();

    println!("== {kind}: seeding {rows} upcoming gatherings around {CITIES} cities");
    let started = Instant::now();
    let cell_seconds = seed(&db, rows, &cities, now).await?;
    println!(
        "seeded in {:.1} s (of which computing H3 cells: {:.2} s)",
        started.elapsed().as_secs_f64(),
        cell_seconds
    );

    let started = Instant::now();
    for definition in &cell_indexes {
        db.execute_unprepared(definition).await?;
    }
    let cells_index = started.elapsed().as_secs_f64();
    let started = Instant::now();
    db.execute_unprepared("CREATE INDEX bench_latitude ON occurrences (latitude)")
        .await?;
    db.execute_unprepared("CREATE INDEX bench_longitude ON occurrences (longitude)")
        .await?;
    let bbox_index = started.elapsed().as_secs_f64();
    db.execute_unprepared(if kind == "sqlite" {
        "ANALYZE"
    } else {
        "VACUUM ANALYZE"
    })
    .await?;
    println!(
        "index build: cells (4 resolutions) {cells_index:.1} s, bbox (2 columns) {bbox_index:.1} s"
    );

    // The seeding wrote one change-log row per row; a server would have
    // pruned them long ago.
    db.execute_unprepared("DELETE FROM search_changes").await?;
    let resident_before = resident_kb();
    let index = SearchIndex::new(std::time::Duration::from_secs(1));
    let built = index.build(&db).await?;
    println!(
        "index build: memory {:.1} s for {} dates, {} MB resident",
        built.took.as_secs_f64(),
        built.dates,
        resident_kb().saturating_sub(resident_before) / 1024
    );

    if std::env::var("BENCH_EXPLAIN").is_ok() {
        explain(&db, &cities, now).await?;
    }
    let mut rng = Rng(7);
    let points: Vec<GeoPoint> = (0..WARM_UP + QUERIES)
        .map(|_| random_point(&mut rng, &cities, 4_000.0))
        .collect();
    let filters = Filters::default();
    let (first_day, last_day) = (
        now.date_naive(),
        (now + Duration::days(WINDOW_DAYS - 1)).date_naive(),
    );
    let mut memory_times = Vec::new();
    let mut cell_times = Vec::new();
    let mut bbox_times = Vec::new();
    let mut disagreements = 0;
    let mut found_total = 0usize;
    let started = Instant::now();
    for &center in points.iter().take(200) {
        let _ = cells::cover(center, RADIUS_M);
    }
    println!(
        "covering a 5 km disc with cells: {:.1} µs",
        started.elapsed().as_secs_f64() * 1e6 / 200.0
    );
    for (i, &center) in points.iter().enumerate() {
        let criteria = Criteria {
            area: Some(Area {
                center,
                radius_m: RADIUS_M,
            }),
            days: Some((first_day, last_day)),
            sort: SortOrder::Soonest,
            filters: &filters,
            after: None,
            now,
            limit: 20,
        };
        let started = Instant::now();
        let page = search::find(&db, &index, &criteria).await?;
        let memory_time = started.elapsed().as_secs_f64() * 1000.0;
        let started = Instant::now();
        let from_database = search::find_in(&Source::Database(&db), &criteria).await?;
        let cell_time = started.elapsed().as_secs_f64() * 1000.0;
        if from_database.found != page.found {
            disagreements += 1;
            if std::env::var("BENCH_DIFF").is_ok() && disagreements < 4 {
                eprintln!(
                    "differ at {center}:\n memory   {:?}\n database {:?}",
                    page.found, from_database.found
                );
            }
        }
        let started = Instant::now();
        let baseline = bbox(&db, center, now, now + Duration::days(WINDOW_DAYS)).await?;
        let bbox_time = started.elapsed().as_secs_f64() * 1000.0;
        // Same gatherings (the baseline's window is plain UTC, so compare
        // only where both agree on the day boundaries: the first ones).
        let ours: Vec<i64> = page
            .found
            .iter()
            .map(|f| f.occurrence_id.0)
            .take(10)
            .collect();
        let theirs: Vec<i64> = baseline.iter().take(10).copied().collect();
        if ours != theirs && page.found.len() >= 10 {
            eprintln!("note: results differ at {center} (window edges): {ours:?} vs {theirs:?}");
        }
        if i >= WARM_UP {
            memory_times.push(memory_time);
            cell_times.push(cell_time);
            bbox_times.push(bbox_time);
            found_total += page.found.len();
        }
    }
    let (memory_p50, memory_p99) = percentiles(&mut memory_times);
    let (cell_p50, cell_p99) = percentiles(&mut cell_times);
    let (bbox_p50, bbox_p99) = percentiles(&mut bbox_times);
    println!(
        "{QUERIES} queries \"5 km, next 30 days, first 20 soonest\" (avg {:.1} results each)",
        found_total as f64 / QUERIES as f64
    );
    println!("memory:           p50 {memory_p50:.3} ms, p99 {memory_p99:.3} ms");
    println!("cells (database): p50 {cell_p50:.3} ms, p99 {cell_p99:.3} ms");
    println!("bbox (baseline):  p50 {bbox_p50:.3} ms, p99 {bbox_p99:.3} ms");
    println!(
        "ratio bbox / memory: p50 {:.1}x, p99 {:.1}x",
        bbox_p50 / memory_p50,
        bbox_p99 / memory_p99
    );
    println!(
        "ratio bbox / cells (database): p50 {:.1}x, p99 {:.1}x",
        bbox_p50 / cell_p50,
        bbox_p99 / cell_p99
    );
    println!(
        "memory and database pages that differ: {disagreements} of {}",
        points.len()
    );
    println!("peak memory of this process: {} MB", peak_rss_kb() / 1024);
    if let (Ok(_), Some(folder)) = (std::env::var("BENCH_KEEP"), scratch) {
        println!("database kept in {}", folder.keep().display());
    }
    Ok(())
}

/// A fresh database of the asked kind, migrated, without the cell indexes
/// (they are built after loading, and timed), and those indexes' `CREATE`
/// statements as the migration wrote them, to build them again.
async fn open(
    kind: &str,
) -> anyhow::Result<(DatabaseConnection, Option<tempfile::TempDir>, Vec<String>)> {
    let (db, scratch) = match kind {
        "sqlite" => {
            let folder = tempfile::tempdir()?;
            let url = format!("sqlite://{}", folder.path().join("bench.db").display());
            // The server's own connection settings (WAL, memory-mapped reads).
            (server::db::connect(&url, 10).await?, Some(folder))
        }
        "postgres" => {
            let admin_url = std::env::var("BENCH_POSTGRES_URL")
                .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
            let admin = Database::connect(&admin_url).await?;
            admin
                .execute_unprepared("DROP DATABASE IF EXISTS cg_bench WITH (FORCE)")
                .await?;
            admin.execute_unprepared("CREATE DATABASE cg_bench").await?;
            let (host, _) = admin_url.rsplit_once('/').expect("URL with a database");
            (
                server::db::connect(&format!("{host}/cg_bench"), 10).await?,
                None,
            )
        }
        other => anyhow::bail!("unknown database {other:?}: use sqlite or postgres"),
    };
    Migrator::up(&db, None).await?;
    let definition_sql = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT indexdef FROM pg_indexes WHERE indexname = $1",
        _ => "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?",
    };
    let mut definitions = Vec::new();
    for column in cells::COLUMNS {
        let name = format!("occurrences_{column}");
        let row = db
            .query_one_raw(Statement::from_sql_and_values(
                db.get_database_backend(),
                definition_sql,
                [name.clone().into()],
            ))
            .await?
            .ok_or_else(|| anyhow::anyhow!("the migration has no index {name}"))?;
        definitions.push(row.try_get_by_index::<String>(0)?);
        db.execute_unprepared(&format!("DROP INDEX {name}")).await?;
    }
    Ok((db, scratch, definitions))
}

/// The biggest cities, each with its cumulative share of gatherings
/// (bigger cities host more, by the square root of their population).
fn weighted_cities() -> Vec<(&'static City, f64)> {
    let biggest = &Gazetteer::global().cities()[..CITIES];
    let total: f64 = biggest.iter().map(|c| f64::from(c.population).sqrt()).sum();
    let mut acc = 0.0;
    biggest
        .iter()
        .map(|city| {
            acc += f64::from(city.population).sqrt() / total;
            (city, acc)
        })
        .collect()
}

fn pick<'a>(rng: &mut Rng, cities: &[(&'a City, f64)]) -> &'a City {
    let u = rng.unit();
    let index = cities
        .partition_point(|(_, acc)| *acc < u)
        .min(cities.len() - 1);
    cities[index].0
}

/// A point around a city, spread `sigma_m` metres (roughly normal).
fn random_point(rng: &mut Rng, cities: &[(&City, f64)], sigma_m: f64) -> GeoPoint {
    let city = pick(rng, cities);
    let lat = city.point.latitude() + rng.normal() * sigma_m / 111_195.0;
    let cos = lat.to_radians().cos().max(0.01);
    let mut lng = city.point.longitude() + rng.normal() * sigma_m / (111_195.0 * cos);
    if lng > 180.0 {
        lng -= 360.0;
    } else if lng < -180.0 {
        lng += 360.0;
    }
    GeoPoint::parse(lat.clamp(-90.0, 90.0), lng).expect("valid point")
}

/// Bulk-loads hosts, places, events and occurrences with multi-row INSERTs.
/// Returns the seconds spent computing H3 cells.
async fn seed(
    db: &DatabaseConnection,
    rows: usize,
    cities: &[(&City, f64)],
    now: DateTime<Utc>,
) -> anyhow::Result<f64> {
    let backend = db.get_database_backend();
    db.execute_unprepared(&format!(
        "INSERT INTO hosts (slug, name, description, created_at) VALUES ('bench', 'Bench', '', '{}')",
        now.to_rfc3339()
    ))
    .await?;
    let mut rng = Rng(2026);
    let mut cell_seconds = 0.0;
    let mut next_id = 1i64;
    let start_of_minute =
        DateTime::from_timestamp(now.timestamp() - now.timestamp() % 60, 0).unwrap();
    while (next_id as usize) <= rows {
        let batch: Vec<i64> = (next_id..(next_id + BATCH as i64).min(rows as i64 + 1)).collect();
        next_id += batch.len() as i64;
        let mut places = Vec::new();
        let mut events = Vec::new();
        let mut occurrences = Vec::new();
        for &id in &batch {
            let city = pick(&mut rng, cities);
            let point = random_point_near(&mut rng, city);
            let starts_at =
                start_of_minute + Duration::minutes(60 + (rng.unit() * 365.0 * 24.0 * 60.0) as i64);
            let started = Instant::now();
            let cell = cells::cells_of(point);
            cell_seconds += started.elapsed().as_secs_f64();
            places.push(vec![
                Value::from(id),
                Value::from(format!("Place {id}")),
                Value::from(String::new()),
                Value::from(point.latitude()),
                Value::from(point.longitude()),
                Value::from(city.time_zone.clone()),
                Value::from(now),
            ]);
            events.push(vec![
                Value::from(id),
                Value::from(format!("b{id}")),
                Value::from(1i64),
                Value::from(id),
                Value::from("en"),
                Value::from(1i32 << (id % 5)),
                Value::from(city.time_zone.clone()),
                Value::from(now),
                Value::from(now),
            ]);
            let mut occurrence = vec![
                Value::from(id),
                Value::from(starts_at),
                Value::from(starts_at + Duration::hours(2)),
                Value::from(point.latitude()),
                Value::from(point.longitude()),
            ];
            occurrence.extend(cell.map(Value::from));
            occurrences.push(occurrence);
        }
        let txn_sql = [
            insert(
                backend,
                "places (id, name, address, latitude, longitude, time_zone, created_at)",
                places,
            ),
            insert(
                backend,
                "events (id, public_id, host_id, place_id, default_language, categories, time_zone, created_at, updated_at)",
                events,
            ),
            insert(
                backend,
                "occurrences (event_id, starts_at, ends_at, latitude, longitude, cell_r3, cell_r4, cell_r5, cell_r6)",
                occurrences,
            ),
        ];
        for statement in txn_sql {
            db.execute_raw(statement).await?;
        }
    }
    if backend == DbBackend::Postgres {
        // Explicit ids were inserted; move the sequences past them.
        for table in ["places", "events"] {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            ))
            .await?;
        }
    }
    Ok(cell_seconds)
}

/// Where gatherings happen: around a city, spread with its size.
fn random_point_near(rng: &mut Rng, city: &City) -> GeoPoint {
    let sigma = (f64::from(city.population).sqrt() * 8.0).clamp(2_000.0, 15_000.0);
    random_point(rng, &[(city, 1.0)], sigma)
}

fn insert(backend: DbBackend, target: &str, rows: Vec<Vec<Value>>) -> Statement {
    let mut sql = format!("INSERT INTO {target} VALUES ");
    let mut values = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for (c, value) in row.into_iter().enumerate() {
            if c > 0 {
                sql.push_str(", ");
            }
            values.push(value);
            match backend {
                DbBackend::Postgres => sql.push_str(&format!("${}", values.len())),
                _ => sql.push('?'),
            }
        }
        sql.push(')');
    }
    Statement::from_sql_and_values(backend, sql, values)
}

#[derive(FromQueryResult)]
struct Row {
    id: i64,
    latitude: f64,
    longitude: f64,
}

/// The baseline: bounding box on the latitude and longitude B-trees, then
/// the exact distance, soonest 20.
async fn bbox(
    db: &DatabaseConnection,
    center: GeoPoint,
    from: DateTime<Utc>,
    until: DateTime<Utc>,
) -> anyhow::Result<Vec<i64>> {
    let dlat = RADIUS_M / 111_195.0;
    let dlng = dlat / center.latitude().to_radians().cos().max(0.01);
    let backend = db.get_database_backend();
    let p = |n: usize| match backend {
        DbBackend::Postgres => format!("${n}"),
        _ => "?".into(),
    };
    let sql = format!(
        "SELECT o.id, o.latitude, o.longitude FROM occurrences o JOIN events e ON e.id = o.event_id \
         WHERE o.latitude BETWEEN {} AND {} AND o.longitude BETWEEN {} AND {} \
         AND o.starts_at >= {} AND o.starts_at < {} AND o.status = 'scheduled' AND e.status = 'published' \
         ORDER BY o.starts_at, o.id",
        p(1),
        p(2),
        p(3),
        p(4),
        p(5),
        p(6)
    );
    let values: Vec<Value> = vec![
        (center.latitude() - dlat).into(),
        (center.latitude() + dlat).into(),
        (center.longitude() - dlng).into(),
        (center.longitude() + dlng).into(),
        from.into(),
        until.into(),
    ];
    let rows = Row::find_by_statement(Statement::from_sql_and_values(backend, sql, values))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter(|row| {
            GeoPoint::parse(row.latitude, row.longitude)
                .is_ok_and(|point| metres_between(center, point) <= RADIUS_M)
        })
        .take(20)
        .map(|row| row.id)
        .collect())
}

fn percentiles(times: &mut [f64]) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() as f64 - 1.0) * q).round() as usize];
    (at(0.5), at(0.99))
}

/// Peak resident memory (VmHWM) in kB, from /proc.
fn peak_rss_kb() -> u64 {
    proc_status_kb("VmHWM:")
}

/// Resident memory now, not counting the database file mapped in (RssAnon).
fn resident_kb() -> u64 {
    proc_status_kb("RssAnon:")
}

fn proc_status_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Prints the database's plan for one cell's subquery and the baseline
/// (`BENCH_EXPLAIN=1`), to check that each uses the index meant for it.
async fn explain(
    db: &DatabaseConnection,
    cities: &[(&City, f64)],
    now: DateTime<Utc>,
) -> anyhow::Result<()> {
    let point = cities[0].0.point;
    let cover = cells::cover(point, RADIUS_M);
    let prefix = match db.get_database_backend() {
        DbBackend::Postgres => "EXPLAIN ANALYZE",
        _ => "EXPLAIN QUERY PLAN",
    };
    let started = Instant::now();
    let cover_again = cells::cover(point, RADIUS_M);
    println!(
        "cover: {} cells at level {} in {:?}",
        cover_again.cells.len(),
        cover_again.level,
        started.elapsed()
    );
    let started = Instant::now();
    for _ in 0..1000 {
        db.query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT 1",
        ))
        .await?;
    }
    println!("round trip (SELECT 1): {:?}", started.elapsed() / 1000);
    let queries = [
        format!(
            "{prefix} SELECT o.id, o.starts_at FROM occurrences o JOIN events e ON e.id = o.event_id \
             WHERE o.status = 'scheduled' AND e.status = 'published' AND o.starts_at >= '{}' \
             AND o.{} = {} ORDER BY o.starts_at, o.id LIMIT 24",
            now.format("%Y-%m-%d %H:%M:%S"),
            cover.column(),
            cover.cells[0]
        ),
        format!(
            "{prefix} SELECT o.id FROM occurrences o JOIN events e ON e.id = o.event_id \
             WHERE o.latitude BETWEEN {} AND {} AND o.longitude BETWEEN {} AND {} \
             AND o.starts_at >= '{}' AND o.status = 'scheduled' ORDER BY o.starts_at, o.id",
            point.latitude() - 0.05,
            point.latitude() + 0.05,
            point.longitude() - 0.07,
            point.longitude() + 0.07,
            now.format("%Y-%m-%d %H:%M:%S")
        ),
    ];
    for sql in queries {
        for row in db
            .query_all_raw(Statement::from_string(db.get_database_backend(), sql))
            .await?
        {
            let line: Vec<String> = (0..4)
                .filter_map(|i| {
                    row.try_get_by_index::<String>(i)
                        .ok()
                        .or_else(|| row.try_get_by_index::<i64>(i).ok().map(|n| n.to_string()))
                })
                .collect();
            println!("  {}", line.join(" | "));
        }
        println!();
    }
    Ok(())
}
