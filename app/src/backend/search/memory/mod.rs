//! The in-memory search index each server process keeps, so a search
//! costs no database round trip: measured on 1M gatherings it answers
//! "5 km, next 30 days, first 20" in microseconds, where the database's own
//! cell index needs most of a millisecond (see ARCHITECTURE.md).
//!
//! The database stays the truth. The index is built from it at start (in
//! the background; until then search asks the database), and kept in step
//! by reading the `search_changes` log that database triggers write
//! ([`follower`]): every process, whichever wrote, catches up at most
//! `max_staleness` later. A write made through this process marks the
//! index stale ([`SearchIndex::mark_stale`]), so its own next search catches
//! up first. If catching up fails, search asks the database instead.

mod follower;
mod load;
mod table;

use super::candidates::{Bounds, Candidate};
use chrono::{DateTime, Duration as Days, Utc};
use follower::Follower;
use sea_orm::{ConnectionTrait, DbErr};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};
use table::Table;
pub(super) use table::filed_level;

/// Log rows are kept this long; a process that has not caught up for half
/// of it rebuilds instead (the rows it needs may be gone).
const LOG_KEPT: Duration = Duration::from_secs(10 * 60);
const PRUNE_EVERY: Duration = Duration::from_secs(60);

/// A handle on this process's index; clones share it.
#[derive(Clone)]
pub struct SearchIndex(Arc<Shared>);

struct Shared {
    table: RwLock<Option<Table>>,
    /// Held while catching up, so one search does it and the others wait.
    follower: tokio::sync::Mutex<Option<Follower>>,
    /// When the index last caught up (the start of that catch-up), in µs
    /// since `epoch` (0: never).
    caught_up_us: AtomicU64,
    pruned_us: AtomicU64,
    stale: AtomicBool,
    max_staleness: Duration,
    epoch: Instant,
}

/// What building took, for logs and the benchmark.
#[derive(Debug)]
pub struct Built {
    pub dates: usize,
    pub took: Duration,
}

impl SearchIndex {
    /// An index not built yet; searches ask the database until
    /// [`SearchIndex::build`] has run.
    pub fn new(max_staleness: Duration) -> Self {
        Self(Arc::new(Shared {
            table: RwLock::new(None),
            follower: tokio::sync::Mutex::new(None),
            caught_up_us: AtomicU64::new(0),
            pruned_us: AtomicU64::new(0),
            stale: AtomicBool::new(false),
            max_staleness,
            epoch: Instant::now(),
        }))
    }

    pub fn is_built(&self) -> bool {
        self.0.table.read().is_ok_and(|table| table.is_some())
    }

    /// Something was written: catch up before the next search.
    pub fn mark_stale(&self) {
        self.0.stale.store(true, Ordering::Release);
    }

    /// Loads everything upcoming from the database, replacing what was held.
    pub async fn build(&self, db: &impl ConnectionTrait) -> Result<Built, DbErr> {
        let started = Instant::now();
        let mut follower = self.0.follower.lock().await;
        // The log position first: whatever commits while loading is read
        // again from the log afterwards.
        let position = Follower::start(db, Instant::now()).await?;
        let table = load::everything(db, keep_from(Utc::now())).await?;
        let dates = table.dates();
        *self.write_table() = Some(table);
        *follower = Some(position);
        self.note_caught_up(started);
        Ok(Built {
            dates,
            took: started.elapsed(),
        })
    }

    /// Reads the change log and reloads the gatherings it names. Rebuilds
    /// when the index has not caught up for too long.
    pub async fn catch_up(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let asked = Instant::now();
        let mut follower = self.0.follower.lock().await;
        if self.caught_up_since(asked) && !self.0.stale.load(Ordering::Acquire) {
            return Ok(()); // someone else caught up while this waited
        }
        let Some(position) = follower.as_mut() else {
            return Ok(()); // not built yet
        };
        if self.since_caught_up(asked) > LOG_KEPT / 2 {
            drop(follower);
            return self.build(db).await.map(|_| ());
        }
        self.0.stale.store(false, Ordering::Release);
        let changed = position.changed(db, asked).await?;
        let now = Utc::now();
        let reloaded = load::events(db, &changed, keep_from(now)).await?;
        {
            let mut table = self.write_table();
            if let Some(table) = table.as_mut() {
                for (event_id, facts, dates) in reloaded {
                    table.replace_event(event_id, facts, dates);
                }
                table.forget_before(keep_from(now));
            }
        }
        self.note_caught_up(asked);
        if self.elapsed_us(&self.0.pruned_us, asked) > PRUNE_EVERY.as_micros() as u64 {
            self.0
                .pruned_us
                .store(self.micros(asked), Ordering::Release);
            follower::prune(db, LOG_KEPT).await?;
        }
        Ok(())
    }

    /// Whether the index can answer now: built, and caught up within
    /// `max_staleness` (catching up first if needed).
    pub(super) async fn ready(&self, db: &impl ConnectionTrait) -> bool {
        if !self.is_built() {
            return false;
        }
        let now = Instant::now();
        let due = self.0.stale.load(Ordering::Acquire)
            || self.since_caught_up(now) >= self.0.max_staleness;
        if due && let Err(error) = self.catch_up(db).await {
            tracing::warn!(%error, "search index cannot catch up; asking the database");
            return false;
        }
        true
    }

    pub(super) fn batch(
        &self,
        bounds: &Bounds<'_>,
        after: Option<(DateTime<Utc>, i64)>,
        limit: usize,
    ) -> Vec<Candidate> {
        self.read_table(|table| table.batch(bounds, after, limit))
    }

    pub(super) fn all(&self, bounds: &Bounds<'_>) -> Vec<Candidate> {
        self.read_table(|table| table.all(bounds))
    }

    fn read_table(&self, read: impl FnOnce(&Table) -> Vec<Candidate>) -> Vec<Candidate> {
        let table = self
            .0
            .table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        table.as_ref().map(read).unwrap_or_default()
    }

    fn write_table(&self) -> std::sync::RwLockWriteGuard<'_, Option<Table>> {
        self.0
            .table
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn micros(&self, at: Instant) -> u64 {
        // +1 so that 0 keeps meaning "never".
        at.duration_since(self.0.epoch).as_micros() as u64 + 1
    }

    fn elapsed_us(&self, mark: &AtomicU64, now: Instant) -> u64 {
        self.micros(now)
            .saturating_sub(mark.load(Ordering::Acquire))
    }

    fn note_caught_up(&self, started: Instant) {
        self.0
            .caught_up_us
            .fetch_max(self.micros(started), Ordering::AcqRel);
    }

    fn caught_up_since(&self, at: Instant) -> bool {
        self.0.caught_up_us.load(Ordering::Acquire) > self.micros(at)
    }

    fn since_caught_up(&self, now: Instant) -> Duration {
        Duration::from_micros(self.elapsed_us(&self.0.caught_up_us, now))
    }
}

/// Dates that started more than a day ago are never asked for.
fn keep_from(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Days::days(1)
}
