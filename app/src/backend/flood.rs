//! Refusing a flood without writing. A rate limit's count is a write, and
//! on SQLite all writes take turns on one connection (`transaction`), so a
//! thousand requests at once from one network — refused but for the first
//! few — used to queue a thousand counts in front of every other write of
//! the process, and the last waited past the 10 s a turn may take.
//!
//! Two things keep a flood to a handful of writes:
//! - requests counted under the same first key (one network, one
//!   address) count in single file, in the order they came;
//! - a key this process has seen over its limit stays over until its
//!   window ends (counts only grow within a window, and these counts are
//!   committed on their own, so the database can only agree), so the rest
//!   of the line is refused without asking the database.
//!
//! Each process learns for itself, per database (a process may open
//! several: the tests do); the counts stay in the database, shared by
//! every process.

use super::rate_limit::{self, Limit};
use chrono::Utc;
use sea_orm::{DatabaseConnection, DbBackend, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

/// Above this many remembered keys, those whose window ended are dropped.
const REMEMBERED: usize = 10_000;

/// [`rate_limit::first_over`] for counts written outside a transaction
/// (`writer` commits each on its own), in single file per first key, and
/// without a write when a key is already known to be over.
pub async fn first_over<'k>(
    writer: &DatabaseConnection,
    keys: &'k [(String, Limit)],
    weight: i32,
) -> Result<Option<&'k str>, DbErr> {
    let Some((first, _)) = keys.first() else {
        return Ok(None);
    };
    let database = database_of(writer);
    let line = line_of(&format!("{database} {first}"));
    let _turn = line.lock().await;
    let now = Utc::now().timestamp();
    if let Some(key) = known_over(&database, keys, now) {
        return Ok(Some(key));
    }
    let over = rate_limit::first_over(writer, keys, weight).await?;
    if let Some(key) = over {
        let limit = keys.iter().find(|(k, _)| k == key).map(|(_, limit)| *limit);
        if let Some(limit) = limit {
            remember_over(&database, key, limit, now);
        }
    }
    Ok(over)
}

/// Which database a count is in.
fn database_of(db: &DatabaseConnection) -> String {
    match db.get_database_backend() {
        DbBackend::Sqlite => {
            let options = db.get_sqlite_connection_pool().connect_options();
            options.get_filename().to_string_lossy().into_owned()
        }
        DbBackend::Postgres => {
            let options = db.get_postgres_connection_pool().connect_options();
            let name = options.get_database().unwrap_or_default();
            format!("{}:{}/{name}", options.get_host(), options.get_port())
        }
        _ => String::new(),
    }
}

/// The end of each window known to be over, by database and key.
type OverUntil = HashMap<(String, String), i64>;
static OVER_UNTIL: LazyLock<Mutex<OverUntil>> = LazyLock::new(Mutex::default);

fn known_over<'k>(database: &str, keys: &'k [(String, Limit)], now: i64) -> Option<&'k str> {
    let over = OVER_UNTIL.lock().unwrap_or_else(|p| p.into_inner());
    keys.iter().map(|(key, _)| key.as_str()).find(|key| {
        let known = over.get(&(database.to_string(), key.to_string()));
        known.is_some_and(|until| now < *until)
    })
}

fn remember_over(database: &str, key: &str, limit: Limit, now: i64) {
    // The window `rate_limit::first_over` counted in.
    let window_end = now - now.rem_euclid(limit.window_seconds) + limit.window_seconds;
    let mut over = OVER_UNTIL.lock().unwrap_or_else(|p| p.into_inner());
    if over.len() >= REMEMBERED {
        over.retain(|_, until| now < *until);
    }
    over.insert((database.to_string(), key.to_string()), window_end);
}

/// The line of requests counted under `key`: a fair (first come, first
/// served) lock, dropped from the map once nobody holds or waits for it.
fn line_of(key: &str) -> Line {
    let mut lines = LINES.lock().unwrap_or_else(|p| p.into_inner());
    let lock = lines.entry(key.to_string()).or_default().clone();
    Line {
        key: key.to_string(),
        lock,
    }
}

static LINES: LazyLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> =
    LazyLock::new(Mutex::default);

struct Line {
    key: String,
    lock: Arc<tokio::sync::Mutex<()>>,
}

impl Line {
    async fn lock(&self) -> tokio::sync::MutexGuard<'_, ()> {
        self.lock.lock().await
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let mut lines = LINES.lock().unwrap_or_else(|p| p.into_inner());
        // The map's and this one: nobody else holds or waits for it.
        if Arc::strong_count(&self.lock) == 2 {
            lines.remove(&self.key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Limit, known_over, remember_over};

    #[test]
    fn a_key_known_over_stays_over_until_its_window_ends() {
        let hourly = Limit {
            max: 1,
            window_seconds: 3600,
        };
        let keys = [
            ("flood-test:a".to_string(), hourly),
            ("flood-test:b".to_string(), hourly),
        ];
        // A quarter past some hour; its window ends on the next hour.
        let at = 500_000 * 3600 + 15 * 60;
        assert_eq!(known_over("one.db", &keys, at), None);
        remember_over("one.db", "flood-test:b", hourly, at);
        assert_eq!(known_over("one.db", &keys, at), Some("flood-test:b"));
        assert_eq!(
            known_over("one.db", &keys, at + 44 * 60),
            Some("flood-test:b")
        );
        assert_eq!(
            known_over("one.db", &keys, at + 45 * 60),
            None,
            "the next window"
        );
        assert_eq!(
            known_over("another.db", &keys, at),
            None,
            "another database"
        );
    }
}
