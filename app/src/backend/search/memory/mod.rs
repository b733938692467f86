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
/// Rebuilt from scratch this often, which also returns the memory of
/// gatherings long gone.
const REBUILD_EVERY: Duration = Duration::from_secs(24 * 60 * 60);
/// After a failed catch-up, searches ask the database for this long
/// instead of each trying again.
const AFTER_FAILURE: Duration = Duration::from_secs(1);

/// A handle on this process's index; clones share it.
#[derive(Clone)]
pub struct SearchIndex(Arc<Shared>);

struct Shared {
    table: RwLock<Option<Table>>,
    /// Where this process is in the change log. Held while catching up, so
    /// one search does it and the others wait for it.
    follower: tokio::sync::Mutex<Option<Follower>>,
    /// Instants as µs since `epoch` + 1 (0: never): when the index last
    /// caught up (the start of that catch-up), was built, last failed to
    /// catch up, and last pruned the log.
    caught_up_us: AtomicU64,
    built_us: AtomicU64,
    failed_us: AtomicU64,
    pruned_us: AtomicU64,
    /// Writes made through this process, and how many of them the index has
    /// caught up with.
    writes: AtomicU64,
    writes_seen: AtomicU64,
    /// The log cannot be followed (too far behind, or too many seqs
    /// missing): searches ask the database until the background rebuild.
    rebuild_wanted: AtomicBool,
    max_staleness: Duration,
    epoch: Instant,
}

/// How big and how fresh the index is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IndexFigures {
    /// Dates held; `None` until it is built.
    pub dates: Option<usize>,
    /// How long ago it last caught up with the database; `None`: never.
    pub since_caught_up: Option<Duration>,
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
            built_us: AtomicU64::new(0),
            failed_us: AtomicU64::new(0),
            pruned_us: AtomicU64::new(0),
            writes: AtomicU64::new(0),
            writes_seen: AtomicU64::new(0),
            rebuild_wanted: AtomicBool::new(false),
            max_staleness,
            epoch: Instant::now(),
        }))
    }

    pub fn is_built(&self) -> bool {
        self.0
            .table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .is_some()
    }

    /// What the operator's metrics show of the index.
    pub fn figures(&self) -> IndexFigures {
        let dates = self
            .0
            .table
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .as_ref()
            .map(Table::dates);
        let since = self.since(&self.0.caught_up_us, Instant::now());
        IndexFigures {
            dates,
            since_caught_up: (since != Duration::MAX).then_some(since),
        }
    }

    /// Whether the background task should build: never built, the log
    /// cannot be followed, or the daily rebuild is due.
    pub fn needs_building(&self) -> bool {
        !self.is_built()
            || self.0.rebuild_wanted.load(Ordering::Acquire)
            || self.since(&self.0.built_us, Instant::now()) > REBUILD_EVERY
    }

    /// Something was written through this process: its next search
    /// catches up first.
    pub fn mark_stale(&self) {
        self.0.writes.fetch_add(1, Ordering::AcqRel);
    }

    /// Loads everything upcoming from the database, then swaps it in.
    /// Searches go on meanwhile, with the index held before.
    pub async fn build(&self, db: &impl ConnectionTrait) -> Result<Built, DbErr> {
        let started = Instant::now();
        let writes = self.0.writes.load(Ordering::Acquire);
        // The log position first: whatever commits while loading is read
        // again from the log afterwards.
        let position = Follower::start(db).await?;
        let table = load::everything(db, keep_from(Utc::now())).await?;
        let dates = table.dates();
        let mut follower = self.0.follower.lock().await;
        *self.write_table() = Some(table);
        *follower = Some(position);
        self.0.rebuild_wanted.store(false, Ordering::Release);
        self.0
            .caught_up_us
            .store(self.micros(started), Ordering::Release);
        self.0
            .built_us
            .store(self.micros(started), Ordering::Release);
        self.0.writes_seen.fetch_max(writes, Ordering::AcqRel);
        Ok(Built {
            dates,
            took: started.elapsed(),
        })
    }

    /// Reads the change log and reloads the gatherings it names. All or
    /// nothing: the position in the log only moves once the reloads are in
    /// the table, so a failure (or a search given up half-way) loses no
    /// change — the next catch-up reads them again.
    pub async fn catch_up(&self, db: &impl ConnectionTrait) -> Result<(), DbErr> {
        let asked = Instant::now();
        let writes = self.0.writes.load(Ordering::Acquire);
        let mut follower = self.0.follower.lock().await;
        if self.0.caught_up_us.load(Ordering::Acquire) > self.micros(asked)
            && self.0.writes_seen.load(Ordering::Acquire) >= writes
        {
            return Ok(()); // someone else caught up while this waited
        }
        let Some(position) = follower.as_ref() else {
            return Ok(()); // not built yet
        };
        if self.since(&self.0.caught_up_us, asked) > LOG_KEPT / 2 {
            self.0.rebuild_wanted.store(true, Ordering::Release);
            return Ok(());
        }
        let mut next = position.clone();
        let reloaded = match self.read_changes(db, &mut next).await {
            Ok(Some(reloaded)) => reloaded,
            Ok(None) => {
                self.0.rebuild_wanted.store(true, Ordering::Release);
                return Ok(());
            }
            Err(error) => {
                self.0
                    .failed_us
                    .store(self.micros(Instant::now()), Ordering::Release);
                return Err(error);
            }
        };
        let now = Utc::now();
        if let Some(table) = self.write_table().as_mut() {
            table.replace_events(reloaded);
            table.forget_before(keep_from(now));
        }
        *follower = Some(next);
        self.0
            .caught_up_us
            .fetch_max(self.micros(asked), Ordering::AcqRel);
        self.0.writes_seen.fetch_max(writes, Ordering::AcqRel);
        drop(follower);
        if self.since(&self.0.pruned_us, asked) > PRUNE_EVERY {
            self.0
                .pruned_us
                .store(self.micros(asked), Ordering::Release);
            if let Err(error) = follower::prune(db, LOG_KEPT).await {
                tracing::warn!(%error, "cannot prune the search change log; will try again");
            }
        }
        Ok(())
    }

    /// The gatherings the log names after `position`, as they are now;
    /// `None` when the log cannot be followed.
    async fn read_changes(
        &self,
        db: &impl ConnectionTrait,
        position: &mut Follower,
    ) -> Result<Option<Vec<load::Reloaded>>, DbErr> {
        let Some(changed) = position.changed(db, Instant::now()).await? else {
            return Ok(None);
        };
        load::events(db, &changed, keep_from(Utc::now()))
            .await
            .map(Some)
    }

    /// Whether the index can answer now: built, followable, and caught up
    /// within `max_staleness` and with this process's writes (catching up
    /// first if needed).
    pub(super) async fn ready(&self, db: &impl ConnectionTrait) -> bool {
        let now = Instant::now();
        if !self.is_built()
            || self.0.rebuild_wanted.load(Ordering::Acquire)
            || self.since(&self.0.failed_us, now) < AFTER_FAILURE
        {
            return false;
        }
        let due = self.0.writes.load(Ordering::Acquire)
            > self.0.writes_seen.load(Ordering::Acquire)
            || self.since(&self.0.caught_up_us, now) >= self.0.max_staleness;
        if due && let Err(error) = self.catch_up(db).await {
            tracing::warn!(%error, "search index cannot catch up; asking the database");
            return false;
        }
        !self.0.rebuild_wanted.load(Ordering::Acquire)
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
        at.duration_since(self.0.epoch).as_micros() as u64 + 1
    }

    /// Time since the instant in `mark` (very long when it never happened).
    fn since(&self, mark: &AtomicU64, now: Instant) -> Duration {
        let then = mark.load(Ordering::Acquire);
        if then == 0 {
            return Duration::MAX;
        }
        Duration::from_micros(self.micros(now).saturating_sub(then))
    }
}

/// Dates that started more than a day ago are never asked for.
fn keep_from(now: DateTime<Utc>) -> DateTime<Utc> {
    now - Days::days(1)
}
