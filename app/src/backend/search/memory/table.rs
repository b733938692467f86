//! The in-memory index itself: every upcoming date of every published
//! gathering, filed by H3 cell at two resolutions (and once more for
//! searches without a place), each file ordered by (start, id).
//!
//! It answers exactly the questions `candidates.rs` asks the database, with
//! the same conditions, so the two paths return the same candidates; the
//! exact checks that follow are shared.
//!
//! Kept compact, as it holds every upcoming date: dates live in one slab
//! (64 bytes each) and a file is a sorted list of 4-byte slots (a new date
//! is inserted in place, moving the later ones; fine for the few changes
//! a second a catch-up brings, and a fresh table is sorted once); a
//! gathering's dates are chained through the slab and found from a table
//! of chain heads; identical gathering facts are stored once.
//! Only resolutions 3 and 5 are filed ([`filed_level`]): in memory a few
//! more cells per search, or entries to skip, cost less than two more
//! files per date.

use super::super::candidates::{Bounds, Candidate};
use crate::domain::search::Filters;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use hashbrown::HashTable;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, RandomState};

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
/// Up to this many dates changed at once are moved in place, one by one.
const ONE_BY_ONE: usize = 64;

/// One date. 64 bytes: it is most of the index's memory.
struct Entry {
    id: i64,
    event_id: i64,
    latitude: f64,
    longitude: f64,
    starts_at: DateTime<Utc>,
    facts: u32,
    /// The gathering's next date, or `NONE`.
    next: u32,
    /// Its files at the filed resolutions (indexes into `Table::files`).
    files: [u32; 2],
}

impl Entry {
    /// Search's order: start, then occurrence id.
    fn order(&self) -> (DateTime<Utc>, i64) {
        (self.starts_at, self.id)
    }
}

/// A file's order: search's, then the slot. Ids are unique in the
/// database, but a date moved between gatherings can be held twice for a
/// moment (the new gathering reloaded before the old), and each copy must
/// still be found where it is.
fn filed_order(slab: &[Entry], slot: u32) -> (DateTime<Utc>, i64, u32) {
    let (starts_at, id) = slab[slot as usize].order();
    (starts_at, id, slot)
}

/// Every date's slot, in start order. Four bytes per date and file: the
/// order's key is read from the slab when needed, not kept twice.
type File = Vec<u32>;

#[derive(Default)]
pub struct Table {
    slab: Vec<Entry>,
    free: Vec<u32>,
    /// The first slot of each gathering's chain of dates, found by the
    /// gathering id kept in that slot (a slot is 4 bytes; a map from id to
    /// slot would be 16).
    by_event: HashTable<u32>,
    event_hasher: RandomState,
    /// Per filed resolution, each cell's file.
    cell_files: [HashMap<i64, u32>; 2],
    files: Vec<File>,
    /// The level and cell of each file, to close it when it empties.
    owners: Vec<(usize, i64)>,
    /// Files no cell uses any more, for the next new cell.
    free_files: Vec<u32>,
    everywhere: File,
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

    /// Replaces what is known about each gathering `changes` names, as
    /// [`Table::replace_event`] does for one. A few dates are moved in
    /// place; beyond that, each file touched is filtered once and sorted
    /// once (the list of every date holds them all, and inserting or
    /// removing each of hundreds of dates would move most of it each time).
    pub fn replace_events(&mut self, changes: Vec<(i64, Option<EventFacts>, Vec<Dated>)>) {
        let mut removed: Vec<u32> = changes
            .iter()
            .flat_map(|(event_id, _, _)| self.chain(*event_id))
            .collect();
        removed.sort_unstable();
        removed.dedup();
        let added: usize = changes.iter().map(|(_, _, dates)| dates.len()).sum();
        if removed.len() + added <= ONE_BY_ONE {
            for (event_id, facts, dates) in changes {
                self.replace_event(event_id, facts, dates);
            }
            return;
        }
        let gone: HashSet<u32> = removed.iter().copied().collect();
        let mut touched: Vec<Option<u32>> = removed
            .iter()
            .flat_map(|&slot| self.files_of(slot))
            .collect();
        for (event_id, _, _) in &changes {
            self.set_first(*event_id, None);
        }
        for &file in &touched {
            pick(&mut self.files, &mut self.everywhere, file).retain(|slot| !gone.contains(slot));
        }
        // Freed only now: the new dates may take these slots.
        self.free.extend(&removed);
        for (event_id, facts, dates) in changes {
            let Some(facts) = facts else { continue };
            let facts = self.intern(facts);
            for dated in dates {
                let slot = self.store(event_id, facts, &dated);
                for file in self.files_of(slot) {
                    pick(&mut self.files, &mut self.everywhere, file).push(slot);
                    touched.push(file);
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for file in touched {
            let list = pick(&mut self.files, &mut self.everywhere, file);
            // A sorted run with new dates after it: the stable sort merges
            // the two runs in one pass.
            list.sort_by_key(|&slot| filed_order(&self.slab, slot));
            self.close_if_empty(file);
        }
    }

    /// Adds one date of `event_id` (whose other dates stay), in order.
    pub fn add(&mut self, event_id: i64, facts: u32, dated: Dated) {
        let slot = self.store(event_id, facts, &dated);
        for file in self.files_of(slot) {
            let list = pick(&mut self.files, &mut self.everywhere, file);
            let at = position(&self.slab, list, slot);
            list.insert(at, slot);
        }
    }

    /// The slots of `event_id`'s dates.
    fn chain(&self, event_id: i64) -> Vec<u32> {
        let mut slots = Vec::new();
        let mut slot = self.first_of(event_id).unwrap_or(NONE);
        while slot != NONE {
            slots.push(slot);
            slot = self.slab[slot as usize].next;
        }
        slots
    }

    /// Puts the date in a slot, at the head of its gathering's chain, and
    /// finds (or opens) its cells' files; files it in none yet.
    fn store(&mut self, event_id: i64, facts: u32, dated: &Dated) -> u32 {
        let files = [0, 1].map(|level| self.file_for(level, dated.cells[FILED[level]]));
        let entry = Entry {
            id: dated.id,
            event_id,
            latitude: dated.latitude,
            longitude: dated.longitude,
            starts_at: dated.starts_at,
            facts,
            next: self.first_of(event_id).unwrap_or(NONE),
            files,
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
        self.set_first(event_id, Some(slot));
        slot
    }

    /// The file of `cell` at a filed level, opened when it has none.
    fn file_for(&mut self, level: usize, cell: i64) -> u32 {
        if let Some(&file) = self.cell_files[level].get(&cell) {
            return file;
        }
        let file = match self.free_files.pop() {
            Some(file) => {
                self.owners[file as usize] = (level, cell);
                file
            }
            None => {
                self.files.push(File::new());
                self.owners.push((level, cell));
                (self.files.len() - 1) as u32
            }
        };
        self.cell_files[level].insert(cell, file);
        file
    }

    /// The files a date is in: its cells' and (`None`) the one of every
    /// date.
    fn files_of(&self, slot: u32) -> [Option<u32>; 3] {
        let [first, second] = self.slab[slot as usize].files;
        [Some(first), Some(second), None]
    }

    fn hash_event(&self, event_id: i64) -> u64 {
        self.event_hasher.hash_one(event_id)
    }

    /// The first slot of `event_id`'s chain.
    fn first_of(&self, event_id: i64) -> Option<u32> {
        let slab = &self.slab;
        self.by_event
            .find(self.hash_event(event_id), |&slot| {
                slab[slot as usize].event_id == event_id
            })
            .copied()
    }

    /// Makes `first` the start of `event_id`'s chain (`None`: it has no
    /// dates any more). The slot must already hold one of its dates.
    fn set_first(&mut self, event_id: i64, first: Option<u32>) {
        let hash = self.hash_event(event_id);
        let slab = &self.slab;
        let found = self
            .by_event
            .find_entry(hash, |&slot| slab[slot as usize].event_id == event_id);
        match (found, first) {
            (Ok(mut entry), Some(first)) => *entry.get_mut() = first,
            (Ok(entry), None) => {
                entry.remove();
            }
            (Err(absent), Some(first)) => {
                let hasher = &self.event_hasher;
                absent.into_table().insert_unique(hash, first, |&slot| {
                    hasher.hash_one(slab[slot as usize].event_id)
                });
            }
            (Err(_), None) => {}
        }
    }

    fn remove_event(&mut self, event_id: i64) {
        let slots = self.chain(event_id);
        self.set_first(event_id, None);
        for slot in slots {
            self.unfile(slot);
        }
    }

    /// Takes the date in `slot` out of every file and frees the slot.
    fn unfile(&mut self, slot: u32) {
        for file in self.files_of(slot) {
            let list = pick(&mut self.files, &mut self.everywhere, file);
            let at = position(&self.slab, list, slot);
            if list.get(at) == Some(&slot) {
                list.remove(at);
            }
            self.close_if_empty(file);
        }
        self.free.push(slot);
    }

    /// Gives an emptied cell's file back, so the memory of cells nobody
    /// meets in any more is not kept.
    fn close_if_empty(&mut self, file: Option<u32>) {
        let Some(file) = file else { return };
        if !self.files[file as usize].is_empty() {
            return;
        }
        let (level, cell) = self.owners[file as usize];
        self.cell_files[level].remove(&cell);
        self.files[file as usize] = File::new();
        self.free_files.push(file);
    }

    /// Drops dates that started before `cutoff`; search never asks for
    /// them. They are the start of every file, cut off at once; each
    /// affected gathering's chain is relinked without them.
    pub fn forget_before(&mut self, cutoff: DateTime<Utc>) {
        let past = self.first_from(&self.everywhere, cutoff);
        if past == 0 {
            return;
        }
        let gone: Vec<u32> = self.everywhere.drain(..past).collect();
        let mut touched: Vec<u32> = gone
            .iter()
            .flat_map(|&slot| self.slab[slot as usize].files)
            .collect();
        touched.sort_unstable();
        touched.dedup();
        for file in touched {
            let cut = self.first_from(&self.files[file as usize], cutoff);
            self.files[file as usize].drain(..cut);
            self.close_if_empty(Some(file));
        }
        let mut events: Vec<i64> = gone
            .iter()
            .map(|&slot| self.slab[slot as usize].event_id)
            .collect();
        events.sort_unstable();
        events.dedup();
        for event_id in events {
            let mut slot = self.first_of(event_id).unwrap_or(NONE);
            let mut kept = NONE;
            while slot != NONE {
                let entry = &self.slab[slot as usize];
                let next = entry.next;
                if entry.starts_at >= cutoff {
                    self.slab[slot as usize].next = kept;
                    kept = slot;
                }
                slot = next;
            }
            self.set_first(event_id, (kept != NONE).then_some(kept));
        }
        self.free.extend(gone);
    }

    /// Up to `limit` candidates after `after`, soonest first: like
    /// `candidates::batch`, at most `limit` from each cell, merged.
    pub fn batch(
        &self,
        bounds: &Bounds<'_>,
        after: Option<(DateTime<Utc>, i64)>,
        limit: usize,
    ) -> Vec<Candidate> {
        // Past the cursor, or from the window's start.
        let after = match after {
            Some((starts_at, id)) if (starts_at, id) >= (bounds.from, i64::MIN) => {
                Some((starts_at, id))
            }
            _ => None,
        };
        let mut found = Vec::new();
        for file in self.read_files(bounds) {
            let first = match after {
                Some(order) => {
                    file.partition_point(|&slot| self.slab[slot as usize].order() <= order)
                }
                None => self.first_from(file, bounds.from),
            };
            found.extend(self.scan(&file[first..], bounds).take(limit));
        }
        found.sort_by_key(|c: &Candidate| (c.starts_at, c.id));
        found.truncate(limit);
        found
    }

    /// Every candidate in the cells and time bounds, in no particular order.
    pub fn all(&self, bounds: &Bounds<'_>) -> Vec<Candidate> {
        self.read_files(bounds)
            .into_iter()
            .flat_map(|file| self.scan(&file[self.first_from(file, bounds.from)..], bounds))
            .collect()
    }

    /// Where the dates starting at or after `from` begin in `file`.
    fn first_from(&self, file: &[u32], from: DateTime<Utc>) -> usize {
        file.partition_point(|&slot| self.slab[slot as usize].starts_at < from)
    }

    /// The files to read: the cover's cells. A cover at a level not filed
    /// (never made by `search::find_in`) reads everything, which is slow
    /// but still right.
    fn read_files(&self, bounds: &Bounds<'_>) -> Vec<&[u32]> {
        let filed = bounds
            .cover
            .map(|cover| (cover, FILED.iter().position(|&f| f == cover.level)));
        match filed {
            Some((cover, Some(level))) => cover
                .cells
                .iter()
                .filter_map(|cell| self.cell_files[level].get(cell))
                .map(|&file| self.files[file as usize].as_slice())
                .collect(),
            _ => vec![self.everywhere.as_slice()],
        }
    }

    fn scan<'a>(
        &'a self,
        file: &'a [u32],
        bounds: &'a Bounds<'_>,
    ) -> impl Iterator<Item = Candidate> + 'a {
        file.iter()
            .map(move |&slot| &self.slab[slot as usize])
            .take_while(move |entry| bounds.until.is_none_or(|until| entry.starts_at < until))
            .filter_map(move |entry| {
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

/// A table being built from many dates at once: each is filed unsorted and
/// every file sorted once at the end, rather than kept in order one
/// insertion at a time.
#[derive(Default)]
pub struct Loading(Table);

impl Loading {
    /// As [`Table::intern`].
    pub fn intern(&mut self, facts: EventFacts) -> u32 {
        self.0.intern(facts)
    }

    /// Adds one date of `event_id`, filed when [`Loading::finish`]es.
    pub fn add(&mut self, event_id: i64, facts: u32, dated: Dated) {
        let table = &mut self.0;
        let slot = table.store(event_id, facts, &dated);
        table.everywhere.push(slot);
    }

    /// Sorts the list of every date once, then files each date in its
    /// cells' in that order, so those come out sorted too.
    pub fn finish(self) -> Table {
        let mut table = self.0;
        let slab = &table.slab;
        table
            .everywhere
            .sort_unstable_by_key(|&slot| filed_order(slab, slot));
        for &slot in &table.everywhere {
            for file in table.slab[slot as usize].files {
                table.files[file as usize].push(slot);
            }
        }
        table
    }
}

/// The file `file` names: a cell's, or (`None`) the one of every date.
fn pick<'a>(files: &'a mut [File], everywhere: &'a mut File, file: Option<u32>) -> &'a mut File {
    match file {
        Some(file) => &mut files[file as usize],
        None => everywhere,
    }
}

/// Where the date in `slot` is, or goes, in `file`.
fn position(slab: &[Entry], file: &[u32], slot: u32) -> usize {
    let order = filed_order(slab, slot);
    file.partition_point(|&other| filed_order(slab, other) < order)
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
            table.cell_files.iter().all(HashMap::is_empty),
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

    /// Many changes in a row, one at a time and as a fresh load, against
    /// the plain answer: every upcoming date of every gathering, in order.
    #[test]
    fn changes_and_loads_give_the_plain_answer() {
        let points = [
            GeoPoint::parse(52.52, 13.405).unwrap(),
            GeoPoint::parse(52.53, 13.41).unwrap(),
            GeoPoint::parse(48.8566, 2.3522).unwrap(),
        ];
        let mut truth: HashMap<i64, Vec<Dated>> = HashMap::new();
        let mut table = Table::default();
        let mut next_id = 0;
        let mut seed: u64 = 7;
        let mut random = |below: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % below
        };
        let mut cutoff = Utc.with_ymd_and_hms(2030, 5, 1, 0, 0, 0).unwrap();
        for step in 0..400 {
            let event_id = random(12) as i64;
            if random(10) == 0 {
                cutoff += chrono::Duration::hours(1);
                table.forget_before(cutoff);
                truth
                    .values_mut()
                    .for_each(|dates| dates.retain(|d| d.starts_at >= cutoff));
                truth.retain(|_, dates| !dates.is_empty());
            } else if random(4) == 0 {
                table.replace_event(event_id, None, Vec::new());
                truth.remove(&event_id);
            } else if random(5) == 0 {
                // A catch-up with many changes at once: half the
                // gatherings gone or given up to 40 new dates each.
                let chosen: Vec<i64> = (0..12).filter(|_| random(2) == 0).collect();
                let changes: Vec<(i64, Option<EventFacts>, Vec<Dated>)> = chosen
                    .into_iter()
                    .map(|event_id| {
                        let dates: Vec<Dated> = (0..random(40))
                            .map(|_| {
                                next_id += 1;
                                let mut dated = date(next_id, 0, points[random(3) as usize]);
                                dated.starts_at =
                                    cutoff + chrono::Duration::minutes(random(600) as i64);
                                dated
                            })
                            .collect();
                        let facts = (!dates.is_empty()).then(facts);
                        (event_id, facts, dates)
                    })
                    .collect();
                for (event_id, _, dates) in &changes {
                    truth.insert(*event_id, dates.clone());
                }
                truth.retain(|_, dates| !dates.is_empty());
                table.replace_events(changes);
            } else {
                let dates: Vec<Dated> = (0..random(4))
                    .map(|_| {
                        next_id += 1;
                        let mut dated = date(next_id, 0, points[random(3) as usize]);
                        dated.starts_at = cutoff + chrono::Duration::minutes(random(600) as i64);
                        dated
                    })
                    .collect();
                table.replace_event(event_id, Some(facts()), dates.clone());
                truth.insert(event_id, dates);
            }
            let mut loaded = Loading::default();
            let facts = loaded.intern(facts());
            for (&event_id, dates) in &truth {
                for dated in dates {
                    loaded.add(event_id, facts, dated.clone());
                }
            }
            let loaded = loaded.finish();
            let mut expected: Vec<(DateTime<Utc>, i64)> = truth
                .values()
                .flatten()
                .map(|d| (d.starts_at, d.id))
                .collect();
            expected.sort();
            for (name, table) in [("changed", &table), ("loaded", &loaded)] {
                assert_eq!(table.dates(), expected.len(), "{name} at step {step}");
                let filters = Filters::default();
                let bounds = Bounds {
                    cover: None,
                    bbox: None,
                    from: cutoff,
                    until: None,
                    filters: &filters,
                };
                let found: Vec<_> = table
                    .batch(&bounds, None, usize::MAX)
                    .iter()
                    .map(|c| (c.starts_at, c.id))
                    .collect();
                assert_eq!(found, expected, "{name} at step {step}");
                // The same, three at a time after each page's last.
                let mut paged = Vec::new();
                loop {
                    let page = table.batch(&bounds, paged.last().copied(), 3);
                    if page.is_empty() {
                        break;
                    }
                    paged.extend(page.iter().map(|c| (c.starts_at, c.id)));
                }
                assert_eq!(paged, expected, "{name} paged at step {step}");
            }
            for point in points {
                assert_eq!(ids(&table, point), ids(&loaded, point), "step {step}");
            }
        }
    }
}
