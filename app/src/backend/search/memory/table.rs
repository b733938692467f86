//! The in-memory index itself: every upcoming date of every published
//! gathering, filed by H3 cell at two resolutions (and once more for
//! searches without a place), each file ordered by (start, id).
//!
//! It answers exactly the questions `candidates.rs` asks the database, with
//! the same conditions, so the two paths return the same candidates; the
//! exact checks that follow are shared.
//!
//! Kept compact, as it holds every upcoming date: dates live in one slab
//! (72 bytes each) and files hold 24-byte keys; a gathering's dates are
//! chained through the slab; identical gathering facts are stored once.
//! Only resolutions 3 and 5 are filed ([`filed_level`]): in memory a few
//! more cells per search, or entries to skip, cost less than two more
//! files per date.

use super::super::candidates::{Bounds, Candidate};
use crate::domain::search::Filters;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

/// What search needs to know about a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EventFacts {
    pub categories: i32,
    pub accessibility: i32,
    pub is_free: bool,
    pub family_friendly: bool,
    pub zone: Tz,
    /// Codes of the languages spoken, sorted.
    pub languages: Vec<String>,
}

/// One date of a gathering, as loaded.
#[derive(Clone, Debug)]
pub struct Dated {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub latitude: f64,
    pub longitude: f64,
    /// The stored H3 cells, in the order of `cells::COLUMNS` (r3 … r6).
    pub cells: [i64; 4],
}

/// The stored resolutions filed here, as indexes into `cells::COLUMNS`.
const FILED: [usize; 2] = [0, 2];

/// The filed level to cover a disc with, for the level the database would
/// use: the same or the next coarser.
pub fn filed_level(level: usize) -> usize {
    FILED
        .iter()
        .rev()
        .copied()
        .find(|&filed| filed <= level)
        .unwrap_or(FILED[0])
}
/// No slot: the end of a gathering's chain.
const NONE: u32 = u32::MAX;

/// A file's order: start, then occurrence id (ids are unique, so the slot
/// never decides).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Key {
    starts_at: DateTime<Utc>,
    id: i64,
    slot: u32,
}

impl Key {
    fn lowest(starts_at: DateTime<Utc>, id: i64) -> Self {
        Self {
            starts_at,
            id,
            slot: 0,
        }
    }

    fn highest(starts_at: DateTime<Utc>, id: i64) -> Self {
        Self {
            starts_at,
            id,
            slot: u32::MAX,
        }
    }
}

struct Entry {
    id: i64,
    event_id: i64,
    latitude: f64,
    longitude: f64,
    /// Cells at the filed resolutions.
    cells: [i64; 2],
    starts_at: DateTime<Utc>,
    facts: u32,
    /// The gathering's next date, or `NONE`.
    next: u32,
}

#[derive(Default)]
pub struct Table {
    slab: Vec<Entry>,
    free: Vec<u32>,
    /// The first slot of each gathering's chain of dates.
    by_event: HashMap<i64, u32>,
    by_cell: [HashMap<i64, BTreeSet<Key>>; 2],
    everywhere: BTreeSet<Key>,
    facts: Vec<EventFacts>,
    facts_index: HashMap<EventFacts, u32>,
}

impl Table {
    /// How many dates are held.
    pub fn dates(&self) -> usize {
        self.slab.len() - self.free.len()
    }

    /// The number standing for `facts`, to hand to [`Table::add`].
    pub fn intern(&mut self, facts: EventFacts) -> u32 {
        if let Some(&known) = self.facts_index.get(&facts) {
            return known;
        }
        let number = self.facts.len() as u32;
        self.facts.push(facts.clone());
        self.facts_index.insert(facts, number);
        number
    }

    /// Replaces everything known about `event_id`: its dates (none when it
    /// was cancelled, unpublished or deleted) and its facts.
    pub fn replace_event(&mut self, event_id: i64, facts: Option<EventFacts>, dates: Vec<Dated>) {
        self.remove_event(event_id);
        if let Some(facts) = facts {
            let facts = self.intern(facts);
            for dated in dates {
                self.add(event_id, facts, dated);
            }
        }
    }

    /// Adds one date of `event_id` (whose other dates stay).
    pub fn add(&mut self, event_id: i64, facts: u32, dated: Dated) {
        let entry = Entry {
            id: dated.id,
            event_id,
            latitude: dated.latitude,
            longitude: dated.longitude,
            cells: FILED.map(|column| dated.cells[column]),
            starts_at: dated.starts_at,
            facts,
            next: self.by_event.get(&event_id).copied().unwrap_or(NONE),
        };
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slab[slot as usize] = entry;
                slot
            }
            None => {
                self.slab.push(entry);
                (self.slab.len() - 1) as u32
            }
        };
        self.by_event.insert(event_id, slot);
        let key = self.key(slot);
        let entry = &self.slab[slot as usize];
        for (level, cell) in entry.cells.iter().enumerate() {
            self.by_cell[level].entry(*cell).or_default().insert(key);
        }
        self.everywhere.insert(key);
    }

    fn key(&self, slot: u32) -> Key {
        let entry = &self.slab[slot as usize];
        Key {
            starts_at: entry.starts_at,
            id: entry.id,
            slot,
        }
    }

    fn remove_event(&mut self, event_id: i64) {
        let mut slot = self.by_event.remove(&event_id).unwrap_or(NONE);
        while slot != NONE {
            slot = self.unfile(slot);
        }
    }

    /// Takes the date in `slot` out of every file and frees the slot;
    /// returns the gathering's next slot.
    fn unfile(&mut self, slot: u32) -> u32 {
        let key = self.key(slot);
        let entry = &self.slab[slot as usize];
        for (level, cell) in entry.cells.iter().enumerate() {
            if let Some(file) = self.by_cell[level].get_mut(cell) {
                file.remove(&key);
                if file.is_empty() {
                    self.by_cell[level].remove(cell);
                }
            }
        }
        self.everywhere.remove(&key);
        self.free.push(slot);
        entry.next
    }

    /// Drops dates that started before `cutoff`; search never asks for
    /// them. Each affected gathering's chain is relinked without them.
    pub fn forget_before(&mut self, cutoff: DateTime<Utc>) {
        let mut events: Vec<i64> = self
            .everywhere
            .range(..Key::lowest(cutoff, i64::MIN))
            .map(|key| self.slab[key.slot as usize].event_id)
            .collect();
        events.sort_unstable();
        events.dedup();
        for event_id in events {
            let mut slot = self.by_event.remove(&event_id).unwrap_or(NONE);
            let mut kept = NONE;
            while slot != NONE {
                let entry = &self.slab[slot as usize];
                let (past, next) = (entry.starts_at < cutoff, entry.next);
                if past {
                    self.unfile(slot);
                } else {
                    self.slab[slot as usize].next = kept;
                    kept = slot;
                }
                slot = next;
            }
            if kept != NONE {
                self.by_event.insert(event_id, kept);
            }
        }
    }

    /// Up to `limit` candidates after `after`, soonest first: like
    /// `candidates::batch`, at most `limit` from each cell, merged.
    pub fn batch(
        &self,
        bounds: &Bounds<'_>,
        after: Option<(DateTime<Utc>, i64)>,
        limit: usize,
    ) -> Vec<Candidate> {
        let lower = match after {
            Some((starts_at, id)) if (starts_at, id) >= (bounds.from, i64::MIN) => {
                Bound::Excluded(Key::highest(starts_at, id))
            }
            _ => Bound::Included(Key::lowest(bounds.from, i64::MIN)),
        };
        let mut found = Vec::new();
        for file in self.files(bounds) {
            found.extend(self.scan(file, lower, bounds).take(limit));
        }
        found.sort_by_key(|c: &Candidate| (c.starts_at, c.id));
        found.truncate(limit);
        found
    }

    /// Every candidate in the cells and time bounds, in no particular order.
    pub fn all(&self, bounds: &Bounds<'_>) -> Vec<Candidate> {
        let lower = Bound::Included(Key::lowest(bounds.from, i64::MIN));
        self.files(bounds)
            .into_iter()
            .flat_map(|file| self.scan(file, lower, bounds))
            .collect()
    }

    /// The files to read: the cover's cells. A cover at a level not filed
    /// (never made by `search::find_in`) reads everything, which is slow
    /// but still right.
    fn files(&self, bounds: &Bounds<'_>) -> Vec<&BTreeSet<Key>> {
        let filed = bounds
            .cover
            .map(|cover| (cover, FILED.iter().position(|&f| f == cover.level)));
        match filed {
            Some((cover, Some(level))) => cover
                .cells
                .iter()
                .filter_map(|cell| self.by_cell[level].get(cell))
                .collect(),
            _ => vec![&self.everywhere],
        }
    }

    fn scan<'a>(
        &'a self,
        file: &'a BTreeSet<Key>,
        lower: Bound<Key>,
        bounds: &'a Bounds<'_>,
    ) -> impl Iterator<Item = Candidate> + 'a {
        file.range((lower, Bound::Unbounded))
            .take_while(move |key| bounds.until.is_none_or(|until| key.starts_at < until))
            .filter_map(move |key| {
                let entry = &self.slab[key.slot as usize];
                let facts = &self.facts[entry.facts as usize];
                let inside = bounds
                    .bbox
                    .is_none_or(|bbox| bbox.contains(entry.latitude, entry.longitude));
                (inside && passes(facts, bounds.filters)).then_some(Candidate {
                    id: entry.id,
                    starts_at: entry.starts_at,
                    latitude: entry.latitude,
                    longitude: entry.longitude,
                    zone: facts.zone,
                })
            })
    }
}

/// The gathering's filters, as `candidates::select` writes them in SQL.
fn passes(facts: &EventFacts, filters: &Filters) -> bool {
    let categories = filters.categories.bits() as i32;
    let accessibility = filters.accessibility.bits() as i32;
    (categories == 0 || facts.categories & categories != 0)
        && facts.accessibility & accessibility == accessibility
        && (!filters.free_only || facts.is_free)
        && (!filters.family_friendly || facts.family_friendly)
        && (filters.languages.is_empty()
            || filters
                .languages
                .iter()
                .any(|language| facts.languages.iter().any(|code| code == language.code())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::search::cells::{cells_of, cover_at, level_for};
    use crate::domain::geo_point::GeoPoint;
    use chrono::TimeZone;

    fn facts() -> EventFacts {
        EventFacts {
            categories: 1,
            accessibility: 0,
            is_free: true,
            family_friendly: false,
            zone: chrono_tz::Europe::Berlin,
            languages: vec!["en".into()],
        }
    }

    fn date(id: i64, hour: u32, point: GeoPoint) -> Dated {
        Dated {
            id,
            starts_at: Utc.with_ymd_and_hms(2030, 5, 1, hour, 0, 0).unwrap(),
            latitude: point.latitude(),
            longitude: point.longitude(),
            cells: cells_of(point),
        }
    }

    fn ids(table: &Table, center: GeoPoint) -> Vec<i64> {
        let cover = cover_at(center, 2_000.0, filed_level(level_for(2_000.0)));
        let filters = Filters::default();
        let bounds = Bounds {
            cover: Some(&cover),
            bbox: None,
            from: Utc.with_ymd_and_hms(2030, 1, 1, 0, 0, 0).unwrap(),
            until: None,
            filters: &filters,
        };
        table
            .batch(&bounds, None, 10)
            .iter()
            .map(|c| c.id)
            .collect()
    }

    #[test]
    fn a_moved_or_cancelled_gathering_leaves_its_old_cells() {
        let berlin = GeoPoint::parse(52.52, 13.405).unwrap();
        let paris = GeoPoint::parse(48.8566, 2.3522).unwrap();
        let mut table = Table::default();
        table.replace_event(
            7,
            Some(facts()),
            vec![date(1, 18, berlin), date(2, 17, berlin)],
        );
        assert_eq!(ids(&table, berlin), [2, 1], "soonest first");

        table.replace_event(7, Some(facts()), vec![date(3, 18, paris)]);
        assert_eq!(ids(&table, berlin), Vec::<i64>::new());
        assert_eq!(ids(&table, paris), [3]);

        table.replace_event(7, None, Vec::new());
        assert_eq!(ids(&table, paris), Vec::<i64>::new());
        assert_eq!(table.dates(), 0);
        assert!(
            table.by_cell.iter().all(HashMap::is_empty),
            "no empty files left"
        );
    }

    #[test]
    fn gatherings_that_are_over_are_forgotten() {
        let berlin = GeoPoint::parse(52.52, 13.405).unwrap();
        let mut table = Table::default();
        table.replace_event(
            7,
            Some(facts()),
            vec![date(1, 10, berlin), date(2, 20, berlin)],
        );
        table.replace_event(8, Some(facts()), vec![date(3, 11, berlin)]);
        table.forget_before(Utc.with_ymd_and_hms(2030, 5, 1, 12, 0, 0).unwrap());
        assert_eq!(ids(&table, berlin), [2]);
        assert_eq!(table.dates(), 1);
        table.replace_event(7, None, Vec::new());
        assert_eq!(table.dates(), 0, "the chain still reaches the date kept");
    }
}
