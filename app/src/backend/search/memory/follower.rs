//! Following the `search_changes` log (written by database triggers, see
//! migration 8) to learn which gatherings other writers changed.
//!
//! Sequence numbers are handed out when a row is inserted but become
//! visible when its transaction commits, so on PostgreSQL a reader can see
//! seq 12 before seq 11. A seq skipped over is therefore remembered as a
//! *gap* and asked for again until it shows up or, after
//! [`GAP_PATIENCE`], is taken to belong to a transaction that rolled back.
//! Reloading a gathering twice is harmless, so reading a little more than
//! needed is always safe; missing a change is not.

use crate::backend::sql::Sql;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult, Statement};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long a missing seq is waited for. Longer than any write
/// transaction that touches gatherings takes.
pub const GAP_PATIENCE: Duration = Duration::from_secs(60);
/// At start, log rows younger than this are read again: their
/// transactions, or others with lower seqs, may still have been open.
const START_MARGIN_SECONDS: i64 = 120;
/// At start without an old enough row, seqs this far below the oldest
/// known may still be in flight.
const IN_FLIGHT: i64 = 1_000;
/// More missing seqs than this at once: rebuild instead of waiting.
const MAX_GAPS: usize = 10_000;
const ROWS_PER_READ: i64 = 10_000;

#[derive(Clone, Debug, Default)]
pub struct Follower {
    /// The highest seq seen.
    high: i64,
    /// Seqs below `high` not seen yet, with when they were first missed.
    gaps: BTreeMap<i64, Instant>,
}

#[derive(FromQueryResult)]
struct Change {
    seq: i64,
    event_id: i64,
}

impl Follower {
    /// Where to start reading the log. Call this *before* loading the data
    /// it guards: everything that may not be in that load is read again.
    pub async fn start(db: &impl ConnectionTrait) -> Result<Self, DbErr> {
        let backend = db.get_database_backend();
        let cutoff = chrono::Utc::now().timestamp() - START_MARGIN_SECONDS;
        let mut sql = Sql::new(backend);
        sql.push("SELECT MAX(seq) AS seq FROM search_changes WHERE changed_at < ")
            .bind(cutoff);
        let old_enough = one_seq(db, sql.build()).await?;
        let high = match old_enough {
            Some(seq) => seq,
            None => {
                // Every row is recent, or the log is empty: start below the
                // oldest row, or below the last seq handed out.
                let oldest = one_seq(
                    db,
                    Statement::from_string(backend, "SELECT MIN(seq) AS seq FROM search_changes"),
                )
                .await?;
                let last_handed_out = match backend {
                    sea_orm::DbBackend::Postgres => {
                        "SELECT last_value AS seq FROM search_changes_seq_seq"
                    }
                    _ => "SELECT seq FROM sqlite_sequence WHERE name = 'search_changes'",
                };
                let known = match oldest {
                    Some(seq) => Some(seq - 1),
                    None => one_seq(db, Statement::from_string(backend, last_handed_out)).await?,
                };
                (known.unwrap_or(0) - IN_FLIGHT).max(0)
            }
        };
        Ok(Self {
            high,
            gaps: BTreeMap::new(),
        })
    }

    /// The gatherings changed since the last call (sorted, without
    /// repeats), or `None` when too many seqs are missing to wait for them
    /// all: then the index must be rebuilt.
    pub async fn changed(
        &mut self,
        db: &impl ConnectionTrait,
        now: Instant,
    ) -> Result<Option<Vec<i64>>, DbErr> {
        let backend = db.get_database_backend();
        let mut from = self.read_from();
        let mut changed = Vec::new();
        loop {
            let mut sql = Sql::new(backend);
            sql.push("SELECT seq, event_id FROM search_changes WHERE seq > ")
                .bind(from)
                .push(" ORDER BY seq LIMIT ")
                .bind(ROWS_PER_READ);
            let rows = Change::find_by_statement(sql.build()).all(db).await?;
            let pairs: Vec<(i64, i64)> = rows.iter().map(|r| (r.seq, r.event_id)).collect();
            changed.extend(self.absorb(&pairs, now));
            match pairs.last() {
                Some(&(last, _)) if (pairs.len() as i64) == ROWS_PER_READ => from = last,
                _ => break,
            }
        }
        self.give_up_old_gaps(now);
        if self.gaps.len() > MAX_GAPS {
            return Ok(None);
        }
        changed.sort_unstable();
        changed.dedup();
        Ok(Some(changed))
    }

    /// A seq missing for longer than [`GAP_PATIENCE`] was rolled back.
    fn give_up_old_gaps(&mut self, now: Instant) {
        self.gaps
            .retain(|_, missed| now.duration_since(*missed) < GAP_PATIENCE);
    }

    /// Reading from here returns every seq not seen yet.
    fn read_from(&self) -> i64 {
        self.gaps
            .keys()
            .next()
            .map_or(self.high, |first_gap| (first_gap - 1).min(self.high))
    }

    /// Takes in `(seq, event_id)` rows in seq order; returns the gatherings
    /// of those not seen before.
    fn absorb(&mut self, rows: &[(i64, i64)], now: Instant) -> Vec<i64> {
        let mut changed = Vec::new();
        for &(seq, event_id) in rows {
            if seq > self.high {
                // Beyond MAX_GAPS the caller rebuilds; stop counting there.
                let room = (MAX_GAPS + 1).saturating_sub(self.gaps.len()) as i64;
                for missing in (self.high + 1)..seq.min(self.high + 1 + room) {
                    self.gaps.insert(missing, now);
                }
                self.high = seq;
                changed.push(event_id);
            } else if self.gaps.remove(&seq).is_some() {
                changed.push(event_id);
            }
        }
        changed
    }
}

async fn one_seq(db: &impl ConnectionTrait, statement: Statement) -> Result<Option<i64>, DbErr> {
    #[derive(FromQueryResult)]
    struct Maybe {
        seq: Option<i64>,
    }
    Ok(Maybe::find_by_statement(statement)
        .one(db)
        .await?
        .and_then(|row| row.seq))
}

/// Removes log rows older than `keep` (every process reads the log at least
/// every second; one that fell further behind rebuilds its index).
pub async fn prune(db: &impl ConnectionTrait, keep: Duration) -> Result<(), DbErr> {
    let cutoff = chrono::Utc::now().timestamp() - keep.as_secs() as i64;
    let mut sql = Sql::new(db.get_database_backend());
    sql.push("DELETE FROM search_changes WHERE changed_at < ")
        .bind(cutoff);
    db.execute_raw(sql.build()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_change_once_in_order() {
        let now = Instant::now();
        let mut follower = Follower::default();
        assert_eq!(
            follower.absorb(&[(1, 10), (2, 11), (3, 10)], now),
            [10, 11, 10]
        );
        assert_eq!(follower.read_from(), 3);
        assert!(follower.absorb(&[(2, 11), (3, 10)], now).is_empty());
    }

    #[test]
    fn a_change_committed_late_is_still_reported() {
        let now = Instant::now();
        let mut follower = Follower::default();
        // seq 2 belongs to a transaction still running: 3 is seen first.
        assert_eq!(follower.absorb(&[(1, 10), (3, 12)], now), [10, 12]);
        assert_eq!(follower.read_from(), 1, "reads again from the gap");
        assert_eq!(follower.absorb(&[(2, 11), (3, 12)], now), [11]);
        assert_eq!(follower.read_from(), 3);
    }

    #[test]
    fn too_many_missing_seqs_are_counted_only_up_to_the_limit() {
        let now = Instant::now();
        let mut follower = Follower::default();
        follower.absorb(&[(1_000_000, 10)], now);
        assert_eq!(
            follower.gaps.len(),
            MAX_GAPS + 1,
            "enough to ask for a rebuild"
        );
    }

    #[test]
    fn a_gap_that_never_fills_is_given_up() {
        let now = Instant::now();
        let mut follower = Follower::default();
        follower.absorb(&[(1, 10), (3, 12)], now);
        follower.give_up_old_gaps(now + GAP_PATIENCE / 2);
        assert_eq!(follower.read_from(), 1, "still waiting");
        follower.give_up_old_gaps(now + GAP_PATIENCE);
        assert_eq!(follower.read_from(), 3);
    }
}
