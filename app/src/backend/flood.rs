//! Refusing a flood without writing. A rate limit's count is a write, and
//! on SQLite all writes take turns on one connection (`transaction`), so a
//! thousand requests at once from one network — refused but for the first
//! few — used to queue a thousand counts in front of every other write of
//! the process, and the last waited past the 10 s a turn may take.
//!
//! Two things keep a flood to a handful of writes:
//! - requests that share a key (one network, one address) count in single
//!   file, in the order they came;
//! - a key this process has seen over its limit stays over until the
//!   time its count said it would fall back under the limit (counts only
//!   grow, and these counts are committed on their own, so the database
//!   can only agree), so the rest of the line is refused without asking
//!   the database.
//!
//! Each process learns for itself, per database (a process may open
//! several: the tests do); the counts stay in the database, shared by
//! every process.

use super::rate_limit::{self, Limit, Over};
use chrono::Utc;
use sea_orm::{DatabaseConnection, DbBackend, DbErr};
use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

/// Keys remembered as over at most: the memory is only a shortcut, so
/// past this many (those under again dropped first) a new one is not
/// remembered, and its requests are counted by the database.
const REMEMBERED: usize = 10_000;

/// As long as a turn on SQLite's writer: a request waits this long in its
/// keys' lines before it gives up with an error.
const IN_LINE_AT_MOST: Duration = Duration::from_secs(10);

/// [`rate_limit::first_over`] for counts written outside a transaction
/// (`writer` commits each on its own), in single file with every request
/// sharing one of `keys`, and without a write when a key is already known
/// to be over.
pub async fn first_over<'k>(
    writer: &DatabaseConnection,
    keys: &'k [(String, Limit)],
    weight: i32,
) -> Result<Option<&'k str>, DbErr> {
    let database = database_of(writer);
    if let Some(key) = known_over(&database, keys, Utc::now().timestamp()) {
        return Ok(Some(key));
    }
    // Every key's line, always in the same (sorted) order, so two requests
    // sharing two keys cannot each hold one and wait for the other.
    let mut names: Vec<String> = keys
        .iter()
        .map(|(key, _)| format!("{database} {key}"))
        .collect();
    names.sort();
    names.dedup();
    let lines: Vec<Line> = names.into_iter().map(Line::of).collect();
    let deadline = tokio::time::Instant::now() + IN_LINE_AT_MOST;
    let mut turns = Vec::with_capacity(lines.len());
    for line in &lines {
        match tokio::time::timeout_at(deadline, line.mutex().lock()).await {
            Ok(turn) => turns.push(turn),
            Err(_elapsed) => {
                let seconds = IN_LINE_AT_MOST.as_secs();
                return Err(DbErr::Custom(format!(
                    "waited {seconds} s in line to count"
                )));
            }
        }
    }
    // Someone ahead in the line may have found a key over meanwhile.
    if let Some(key) = known_over(&database, keys, Utc::now().timestamp()) {
        return Ok(Some(key));
    }
    let over = rate_limit::first_over(writer, keys, weight).await?;
    if let Some(over) = over {
        remember_over(&database, over, Utc::now().timestamp());
    }
    Ok(over.map(|over| over.key))
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

/// Until when each key known to be over stays over, by database, then key
/// (two maps, so a lookup on every counted request copies no name).
type OverUntil = HashMap<String, HashMap<String, i64>>;
static OVER_UNTIL: LazyLock<Mutex<OverUntil>> = LazyLock::new(Mutex::default);

fn known_over<'k>(database: &str, keys: &'k [(String, Limit)], now: i64) -> Option<&'k str> {
    let over = OVER_UNTIL.lock().unwrap_or_else(|p| p.into_inner());
    let known = over.get(database)?;
    keys.iter()
        .map(|(key, _)| key.as_str())
        .find(|key| known.get(*key).is_some_and(|until| now < *until))
}

fn remember_over(database: &str, over: Over, now: i64) {
    let mut remembered = OVER_UNTIL.lock().unwrap_or_else(|p| p.into_inner());
    let count = |remembered: &OverUntil| remembered.values().map(HashMap::len).sum::<usize>();
    if count(&remembered) >= REMEMBERED {
        for known in remembered.values_mut() {
            known.retain(|_, until| now < *until);
        }
        remembered.retain(|_, known| !known.is_empty());
        if count(&remembered) >= REMEMBERED {
            return;
        }
    }
    let known = remembered.entry(database.to_string()).or_default();
    known.insert(over.key.to_string(), over.until);
}

/// The lines waiting to count, by database and key: fair (first come,
/// first served) locks, each dropped from the map with its last user.
static LINES: LazyLock<Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>> =
    LazyLock::new(Mutex::default);

/// A place in one key's line.
struct Line {
    name: String,
    /// `None` only while it is dropped.
    lock: Option<Arc<tokio::sync::Mutex<()>>>,
}

impl Line {
    fn of(name: String) -> Self {
        let mut lines = LINES.lock().unwrap_or_else(|p| p.into_inner());
        let lock = lines.entry(name.clone()).or_default().clone();
        Line {
            name,
            lock: Some(lock),
        }
    }

    fn mutex(&self) -> &tokio::sync::Mutex<()> {
        self.lock
            .as_deref()
            .expect("a line's lock is taken only when it is dropped")
    }
}

impl Drop for Line {
    fn drop(&mut self) {
        let mut lines = LINES.lock().unwrap_or_else(|p| p.into_inner());
        // Let go of it under the map's lock (where every place is made), so
        // the last one to leave sees that it is the last, and removes it.
        drop(self.lock.take());
        if lines
            .get(&self.name)
            .is_some_and(|lock| Arc::strong_count(lock) == 1)
        {
            lines.remove(&self.name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{LINES, Limit, Line, Over, known_over, remember_over};

    #[test]
    fn a_key_known_over_stays_over_until_its_count_said() {
        let hourly = Limit {
            max: 1,
            window_seconds: 3600,
        };
        let keys = [
            ("flood-test:a".to_string(), hourly),
            ("flood-test:b".to_string(), hourly),
        ];
        let at = 500_000 * 3600 + 15 * 60;
        let until = at + 30 * 60;
        assert_eq!(known_over("one.db", &keys, at), None);
        let over = Over {
            key: "flood-test:b",
            until,
        };
        remember_over("one.db", over, at);
        assert_eq!(known_over("one.db", &keys, at), Some("flood-test:b"));
        assert_eq!(known_over("one.db", &keys, until - 1), Some("flood-test:b"));
        assert_eq!(known_over("one.db", &keys, until), None, "under again");
        assert_eq!(
            known_over("another.db", &keys, at),
            None,
            "another database"
        );
    }

    #[test]
    fn a_line_is_forgotten_when_its_last_place_is_left() {
        let name = "flood-test line".to_string();
        let in_map = || {
            let lines = LINES.lock().unwrap();
            lines.contains_key(&name)
        };
        let first = Line::of(name.clone());
        let second = Line::of(name.clone());
        assert!(in_map());
        drop(first);
        assert!(in_map(), "someone is still in line");
        drop(second);
        assert!(!in_map());
    }
}
