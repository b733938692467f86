//! The offline gazetteer: the ~34,000 towns and cities of 15,000 people or
//! more from GeoNames (CC BY 4.0, <https://www.geonames.org/>), shipped inside
//! the binary as `app/data/gazetteer.tsv.gz` (regenerate with
//! `python3 scripts/gazetteer.py`). No online geocoder: a typed place never
//! leaves the server.
//!
//! Names match by prefix, accent-, case- and punctuation-insensitively, in
//! any script ("munchen" finds München, "القاهرة" finds Cairo); exact names
//! first, then bigger places.

use super::distance::metres_between;
use crate::domain::geo_point::GeoPoint;
use std::io::Read;
use std::sync::OnceLock;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

static DATA: &[u8] = include_bytes!("../../data/gazetteer.tsv.gz");

/// `NameEntry::name_start` of a city's main name.
const MAIN_NAME: u32 = u32::MAX;

#[derive(Debug)]
pub struct City {
    /// The GeoNames id.
    pub id: u32,
    pub name: String,
    /// ISO 3166-1 alpha-2.
    pub country_code: String,
    pub point: GeoPoint,
    pub population: u32,
    /// An IANA zone name, e.g. "Europe/Berlin".
    pub time_zone: String,
    /// Other names and spellings, in any script, '|'-separated.
    alternate_names: String,
}

impl City {
    /// Other names and spellings, in any script ("München", "Мюнхен").
    pub fn alternate_names(&self) -> impl Iterator<Item = &str> {
        self.alternate_names
            .split('|')
            .filter(|name| !name.is_empty())
    }

    fn name_at(&self, entry: &NameEntry) -> &str {
        match entry.name_start {
            MAIN_NAME => &self.name,
            start => {
                let start = start as usize;
                &self.alternate_names[start..start + usize::from(entry.name_len)]
            }
        }
    }
}

/// A city found by name.
#[derive(Debug, Clone, Copy)]
pub struct CityMatch<'a> {
    pub city: &'a City,
    /// The name the query matched (an alternate name, or the main name).
    pub matched_name: &'a str,
}

/// One normalised name of one city, in the sorted name index.
#[derive(Debug, Clone, Copy)]
struct NameEntry {
    /// Byte range of the normalised name in `Gazetteer::keys`.
    key_start: u32,
    key_len: u16,
    /// Byte range of the name as written in the city's `alternate_names`,
    /// or `MAIN_NAME`.
    name_len: u16,
    name_start: u32,
    /// Index into `Gazetteer::cities`.
    city: u32,
}

pub struct Gazetteer {
    /// Biggest first, so a smaller index is a bigger place.
    cities: Vec<City>,
    /// (GeoNames id, city index), sorted.
    by_id: Vec<(u32, u32)>,
    /// Every normalised name, end to end.
    keys: String,
    /// Every name of every city, sorted by normalised name.
    names: Vec<NameEntry>,
    /// `bands[b]..bands[b + 1]` is the slice of `by_latitude` holding the
    /// one-degree latitude band `b` (band 0 is -90..-89, band 179 is 89..=90).
    bands: Vec<u32>,
    /// (longitude, city index), by band, then by longitude.
    by_latitude: Vec<(f64, u32)>,
}

impl Gazetteer {
    /// The gazetteer shipped with the app, unpacked on first use (the server
    /// calls this at start-up).
    pub fn global() -> &'static Gazetteer {
        static GLOBAL: OnceLock<Gazetteer> = OnceLock::new();
        GLOBAL.get_or_init(|| {
            let mut text = String::new();
            flate2::read::GzDecoder::new(DATA)
                .read_to_string(&mut text)
                .expect("the embedded gazetteer is valid gzip and UTF-8");
            Self::from_tsv(&text)
        })
    }

    /// Reads the data file's format (see `scripts/gazetteer.py`): `#` lines
    /// are comments, and lines that do not parse are skipped.
    pub fn from_tsv(text: &str) -> Gazetteer {
        let mut cities: Vec<City> = text
            .lines()
            .filter(|line| !line.starts_with('#'))
            .filter_map(parse_line)
            .collect();
        cities.sort_by(|a, b| b.population.cmp(&a.population).then(a.id.cmp(&b.id)));

        let mut by_id: Vec<(u32, u32)> = (0..)
            .zip(&cities)
            .map(|(index, city)| (city.id, index))
            .collect();
        by_id.sort_unstable();

        let mut keys = String::new();
        let mut names = Vec::new();
        for (index, city) in (0..).zip(&cities) {
            let alternates = city.alternate_names.split('|').scan(0, |start, name| {
                let at = *start;
                *start += name.len() + 1;
                Some((at, name))
            });
            let all = std::iter::once((MAIN_NAME as usize, city.name.as_str())).chain(alternates);
            for (name_start, name) in all {
                let key_start = keys.len();
                normalize_into(name, &mut keys);
                let entry = (
                    u32::try_from(key_start),
                    u16::try_from(keys.len() - key_start),
                    u16::try_from(name.len()),
                    u32::try_from(name_start),
                );
                match entry {
                    (Ok(key_start), Ok(key_len), Ok(name_len), Ok(name_start)) if key_len > 0 => {
                        names.push(NameEntry {
                            key_start,
                            key_len,
                            name_len,
                            name_start,
                            city: index,
                        })
                    }
                    _ => keys.truncate(key_start),
                }
            }
        }
        names.sort_unstable_by(|a, b| {
            key_of(&keys, a)
                .cmp(key_of(&keys, b))
                .then(a.city.cmp(&b.city))
                .then(a.name_start.cmp(&b.name_start))
        });

        let mut by_latitude: Vec<(usize, f64, u32)> = (0..)
            .zip(&cities)
            .map(|(index, city)| {
                let point = city.point;
                (band_of(point.latitude()), point.longitude(), index)
            })
            .collect();
        by_latitude.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let bands = (0..=BANDS)
            .map(|band| by_latitude.partition_point(|entry| entry.0 < band) as u32)
            .collect();
        let by_latitude = by_latitude
            .into_iter()
            .map(|(_, longitude, index)| (longitude, index))
            .collect();

        Gazetteer {
            cities,
            by_id,
            keys,
            names,
            bands,
            by_latitude,
        }
    }

    pub fn len(&self) -> usize {
        self.cities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.cities.is_empty()
    }

    /// Every place, biggest first.
    pub fn cities(&self) -> &[City] {
        &self.cities
    }

    /// The city with this GeoNames id.
    pub fn get(&self, id: u32) -> Option<&City> {
        let at = self.by_id.binary_search_by_key(&id, |&(id, _)| id).ok()?;
        Some(&self.cities[self.by_id[at].1 as usize])
    }

    /// Up to `limit` places with a name that starts with `query` once both
    /// are normalised: places with a name equal to it first, then the
    /// biggest; each place once.
    ///
    /// The name shown is the main name if it matches, else the one written
    /// as typed (case aside), so "Kiev" shows "Kiev", not the Icelandic
    /// "Kíev"; else the first that matches.
    pub fn search(&self, query: &str, limit: usize) -> Vec<CityMatch<'_>> {
        let key = normalize(query);
        let limit = limit.min(self.cities.len());
        if key.is_empty() || limit == 0 {
            return Vec::new();
        }
        let start = self.names.partition_point(|e| self.key(e) < key.as_str());
        let len = self.names[start..].partition_point(|e| self.key(e).starts_with(key.as_str()));
        let found = &self.names[start..start + len];
        // Equal names sort before the longer ones they begin.
        let exact_len = found.partition_point(|e| self.key(e) == key);

        // The smallest city indexes (the biggest places), each once, in
        // one pass over the range: a 1-letter query costs a scan of a few
        // ten thousand entries, with no allocation past `limit`.
        let mut exact = Vec::with_capacity(limit + 1);
        for entry in &found[..exact_len] {
            keep_smallest(&mut exact, entry.city, limit);
        }
        let mut others = Vec::with_capacity(limit + 1);
        let room = limit - exact.len();
        if room > 0 {
            for entry in &found[exact_len..] {
                if others.len() == room && others.last().is_some_and(|&last| entry.city >= last) {
                    continue;
                }
                if exact.binary_search(&entry.city).is_err() {
                    keep_smallest(&mut others, entry.city, room);
                }
            }
        }

        // Which of each chosen city's matching names to show.
        let typed = query
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let chosen: Vec<u32> = exact.iter().chain(&others).copied().collect();
        let mut shown: Vec<Option<(NameRank, &str)>> = vec![None; chosen.len()];
        let last_chosen = chosen.iter().copied().max().unwrap_or(0);
        for (position, entry) in found.iter().enumerate() {
            if entry.city > last_chosen {
                continue;
            }
            let Some(slot) = chosen.iter().position(|&city| city == entry.city) else {
                continue;
            };
            let name = self.cities[entry.city as usize].name_at(entry);
            let is_exact = position < exact_len;
            let lower = name.to_lowercase();
            let rank = NameRank {
                not_main: entry.name_start != MAIN_NAME,
                not_exact: !is_exact,
                not_as_typed: !(if is_exact {
                    lower == typed
                } else {
                    lower.starts_with(&typed)
                }),
                order: entry.name_start,
            };
            if shown[slot].is_none_or(|(best, _)| rank < best) {
                shown[slot] = Some((rank, name));
            }
        }
        chosen
            .iter()
            .zip(shown)
            .filter_map(|(&city, shown)| {
                Some(CityMatch {
                    city: &self.cities[city as usize],
                    matched_name: shown?.1,
                })
            })
            .collect()
    }

    /// The closest place by great-circle distance, or `None` when empty.
    ///
    /// Visits one-degree latitude bands in order of their distance from the
    /// point, stopping at the first band further away than the best place
    /// so far; within a band, walks east and west from the point's
    /// longitude (across the antimeridian) while a lower bound of the
    /// distance at that longitude gap can still beat the best.
    pub fn nearest(&self, point: GeoPoint) -> Option<&City> {
        let latitude = point.latitude();
        let radius = geo::Haversine.radius();
        let cos_latitude = latitude.to_radians().cos();
        let home = band_of(latitude);
        // The next band to visit northwards (from the point's own) and
        // southwards; -1 and BANDS are past the poles.
        let (mut north, mut south) = (home as isize, home as isize - 1);
        let mut best: Option<(f64, u32)> = None;
        loop {
            // Degrees of latitude between the point and each next band.
            let gap_north =
                (north < BANDS as isize).then(|| (band_floor(north as usize) - latitude).max(0.0));
            let gap_south =
                (south >= 0).then(|| (latitude - band_floor(south as usize) - 1.0).max(0.0));
            let (band, gap) = match (gap_north, gap_south) {
                (Some(n), Some(s)) if s < n => (south, s),
                (Some(n), _) => (north, n),
                (None, Some(s)) => (south, s),
                (None, None) => break,
            };
            if band == north {
                north += 1;
            } else {
                south -= 1;
            }
            let band = band as usize;
            if best.is_some_and(|(metres, _)| radius * gap.to_radians() >= metres) {
                break;
            }
            // The band's cities are at least this far, given the longitude
            // gap: haversine with each term at its least over the band.
            let cos_band = band_floor(band)
                .to_radians()
                .cos()
                .min((band_floor(band) + 1.0).to_radians().cos())
                .max(0.0);
            let hav_gap = (gap.to_radians() / 2.0).sin().powi(2);
            let bound = |longitude_gap: f64| {
                let hav = hav_gap
                    + cos_latitude * cos_band * (longitude_gap.to_radians() / 2.0).sin().powi(2);
                2.0 * radius * hav.sqrt().min(1.0).asin()
            };
            let cities =
                &self.by_latitude[self.bands[band] as usize..self.bands[band + 1] as usize];
            let n = cities.len();
            let from = cities.partition_point(|&(longitude, _)| longitude < point.longitude());
            for eastwards in [true, false] {
                for k in 0..n {
                    let (at, sign) = if eastwards {
                        ((from + k) % n, 1.0)
                    } else {
                        ((from + n - 1 - k) % n, -1.0)
                    };
                    let (longitude, index) = cities[at];
                    let longitude_gap = (sign * (longitude - point.longitude())).rem_euclid(360.0);
                    if longitude_gap > 180.0
                        || best.is_some_and(|(metres, _)| bound(longitude_gap) >= metres)
                    {
                        break;
                    }
                    let metres = metres_between(point, self.cities[index as usize].point);
                    // NaN only for antipodes: as far as it gets.
                    let metres = if metres.is_nan() { f64::MAX } else { metres };
                    if best.is_none_or(|(b, i)| metres < b || (metres == b && index < i)) {
                        best = Some((metres, index));
                    }
                }
            }
        }
        best.map(|(_, index)| &self.cities[index as usize])
    }

    fn key(&self, entry: &NameEntry) -> &str {
        key_of(&self.keys, entry)
    }
}

/// How well a matching name labels its city; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct NameRank {
    not_main: bool,
    not_exact: bool,
    not_as_typed: bool,
    order: u32,
}

const BANDS: usize = 180;

fn band_of(latitude: f64) -> usize {
    ((latitude + 90.0).floor().max(0.0) as usize).min(BANDS - 1)
}

/// The southern edge of a band, in degrees.
fn band_floor(band: usize) -> f64 {
    band as f64 - 90.0
}

fn key_of<'a>(keys: &'a str, entry: &NameEntry) -> &'a str {
    let start = entry.key_start as usize;
    &keys[start..start + usize::from(entry.key_len)]
}

/// Adds `city` to the sorted `smallest` if it is among the `cap` smallest.
fn keep_smallest(smallest: &mut Vec<u32>, city: u32, cap: usize) {
    if smallest.len() == cap && smallest.last().is_some_and(|&last| city >= last) {
        return;
    }
    if let Err(at) = smallest.binary_search(&city) {
        smallest.insert(at, city);
        smallest.truncate(cap);
    }
}

fn parse_line(line: &str) -> Option<City> {
    let mut fields = line.split('\t');
    let id = fields.next()?.parse().ok()?;
    let name = fields.next()?.to_string();
    let country_code = fields.next()?.to_string();
    let latitude = fields.next()?.parse().ok()?;
    let longitude = fields.next()?.parse().ok()?;
    let population = fields.next()?.parse().ok()?;
    let time_zone = fields.next()?.to_string();
    let alternate_names = fields.next().unwrap_or("").to_string();
    Some(City {
        id,
        name,
        country_code,
        point: GeoPoint::parse(latitude, longitude).ok()?,
        population,
        time_zone,
        alternate_names,
    })
}

/// Letters that NFKD leaves whole, folded as a reader would type them
/// without the accent; `FOLDS` in `scripts/gazetteer.py` must match.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' => "ss",
        'ς' => "σ",
        'ı' => "i",
        'ł' => "l",
        'ø' => "o",
        'đ' => "d",
        'ħ' => "h",
        'æ' => "ae",
        'œ' => "oe",
        _ => return None,
    })
}

/// Apostrophe-like modifier letters (Uzbek "Oʻzbekiston", Hawaiian ʻokina):
/// punctuation here, like "'".
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{2b9}' | '\u{2bb}' | '\u{2bc}' | '\u{2be}' | '\u{2bf}')
}

/// The form names are compared in: NFKD without combining marks (accents,
/// Arabic vowel marks), lowercase, a few letters folded (ß → ss, ł → l),
/// and every run of spaces and punctuation one space, trimmed.
/// "  São-Paulo!! " and "sao paulo" are the same.
pub fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    normalize_into(text, &mut folded);
    folded
}

/// `normalize`, appended to `out`.
fn normalize_into(text: &str, out: &mut String) {
    let start = out.len();
    let mut gap = false;
    let mut push = |c: char| {
        if c.is_alphanumeric() && !is_apostrophe(c) {
            if gap && out.len() > start {
                out.push(' ');
            }
            gap = false;
            for lower in c.to_lowercase() {
                match fold(lower) {
                    Some(plain) => out.push_str(plain),
                    None => out.push(lower),
                }
            }
        } else {
            gap = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c);
        } else {
            // NFKD one character at a time: the canonical reordering that
            // `nfkd()` adds only moves marks, which are dropped anyway.
            decompose_compatible(c, |d| {
                if !is_combining_mark(d) {
                    push(d);
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(latitude: f64, longitude: f64) -> GeoPoint {
        GeoPoint::parse(latitude, longitude).unwrap()
    }

    fn first(query: &str) -> CityMatch<'static> {
        *Gazetteer::global()
            .search(query, 1)
            .first()
            .unwrap_or_else(|| panic!("nothing found for {query:?}"))
    }

    fn place(query: &str) -> (&'static str, &'static str) {
        let found = first(query);
        (&found.city.name, &found.city.country_code)
    }

    /// The nearest city the slow way.
    fn nearest_by_scan(g: &Gazetteer, point: GeoPoint) -> &City {
        g.cities
            .iter()
            .min_by(|a, b| {
                metres_between(point, a.point).total_cmp(&metres_between(point, b.point))
            })
            .unwrap()
    }

    #[test]
    fn holds_the_worlds_towns_and_cities() {
        let g = Gazetteer::global();
        assert!(g.len() > 20_000, "{}", g.len());
        assert_eq!(g.get(2_867_714).unwrap().name, "Munich");
        assert!(g.get(1).is_none());
    }

    #[test]
    fn finds_munich_by_any_of_its_names() {
        for query in [
            "München",
            "münchen",
            "munchen",
            "MUNCHEN",
            "Munich",
            "munc",
            "Мюнхен",
        ] {
            assert_eq!(place(query), ("Munich", "DE"), "{query}");
        }
        assert_eq!(first("München").matched_name, "München");
        assert_eq!(first("Munich").matched_name, "Munich");
        assert_eq!(first("Мюнхен").matched_name, "Мюнхен");
    }

    #[test]
    fn finds_cairo_in_arabic_and_latin() {
        for query in ["القاهرة", "القَاهِرَة", "Cairo", "le caire"] {
            assert_eq!(place(query), ("Cairo", "EG"), "{query}");
        }
        assert_eq!(first("القاهرة").matched_name, "القاهرة");
        assert_eq!(first("le caire").matched_name, "Le Caire");
    }

    #[test]
    fn finds_kyiv_by_every_spelling() {
        for query in ["Kyiv", "Kiev", "Київ", "Киев"] {
            assert_eq!(place(query), ("Kyiv", "UA"), "{query}");
        }
        // Shown as typed, not as the Icelandic "Kíev".
        assert_eq!(first("Kiev").matched_name, "Kiev");
        assert_eq!(first("Київ").matched_name, "Київ");
    }

    #[test]
    fn exact_names_first_then_the_biggest_places() {
        let found = Gazetteer::global().search("paris", 10);
        assert_eq!(
            (
                found[0].city.name.as_str(),
                found[0].city.country_code.as_str()
            ),
            ("Paris", "FR")
        );
        assert!(
            found.iter().any(|m| m.city.country_code == "US"),
            "Paris, Texas is there too"
        );
        let ids: Vec<u32> = found.iter().map(|m| m.city.id).collect();
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(ids.len(), unique.len(), "each place once");
        // Exact matches first, each group biggest first.
        let exact: Vec<bool> = found
            .iter()
            .map(|m| normalize(m.matched_name) == "paris")
            .collect();
        assert!(exact.windows(2).all(|w| w[0] >= w[1]), "{exact:?}");
        for group in [true, false] {
            let sizes: Vec<u32> = found
                .iter()
                .zip(&exact)
                .filter(|&(_, &e)| e == group)
                .map(|(m, _)| m.city.population)
                .collect();
            assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
        }
    }

    #[test]
    fn one_letter_finds_the_biggest_places() {
        let found = Gazetteer::global().search("s", 3);
        let names: Vec<&str> = found.iter().map(|m| m.city.name.as_str()).collect();
        assert_eq!(names[0], "Shanghai", "{names:?}");
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn ignores_accents_case_and_punctuation() {
        assert_eq!(place("sao paulo"), ("São Paulo", "BR"));
        assert_eq!(first("sao paulo").matched_name, "São Paulo");
        assert_eq!(place("SÃO-PAULO"), ("São Paulo", "BR"));
        assert_eq!(place("lodz").1, "PL");
        assert_eq!(place("Łódź").1, "PL");
    }

    #[test]
    fn empty_queries_find_nothing() {
        let g = Gazetteer::global();
        assert!(g.search("", 5).is_empty());
        assert!(g.search("   ", 5).is_empty());
        assert!(g.search(" -- ", 5).is_empty());
        assert!(g.search("paris", 0).is_empty());
        assert!(g.search("xqzzyville", 5).is_empty());
    }

    #[test]
    fn nearest_finds_the_closest_place() {
        let g = Gazetteer::global();
        // GeoNames lists Berlin's districts too: Mitte is the closest.
        let here = at(52.52, 13.40);
        let berlin = g.nearest(here).unwrap();
        assert_eq!(berlin.time_zone, "Europe/Berlin");
        assert!(
            metres_between(here, berlin.point) < 3_000.0,
            "{}",
            berlin.name
        );
        let here = at(-33.87, 151.21);
        assert_eq!(g.nearest(here).unwrap().time_zone, "Australia/Sydney");
    }

    #[test]
    fn nearest_looks_across_the_antimeridian() {
        let g = Gazetteer::global();
        // Taveuni, Fiji: Fijian towns lie just west of 180°, the point east.
        for point in [
            at(-16.8, -179.95),
            at(-18.1, -179.99),
            at(-21.1, -175.2),
            at(65.0, -179.9),
            at(65.0, 179.9),
        ] {
            let found = g.nearest(point).unwrap();
            assert_eq!(found.id, nearest_by_scan(g, point).id, "{point}");
        }
        assert_eq!(g.nearest(at(-18.1, -179.99)).unwrap().country_code, "FJ");
    }

    #[test]
    fn nearest_works_at_the_poles_and_in_empty_oceans() {
        let g = Gazetteer::global();
        for point in [
            at(89.9, 0.0),
            at(90.0, 180.0),
            at(-90.0, -180.0),
            at(-89.9, 45.0),
            at(0.0, -150.0),
            at(-50.0, -120.0),
        ] {
            let found = g.nearest(point).expect("some place");
            assert_eq!(found.id, nearest_by_scan(g, point).id, "{point}");
        }
    }

    #[test]
    fn nearest_agrees_with_a_full_scan_everywhere() {
        let g = Gazetteer::global();
        // A deterministic spread of points, dense where the bands are full.
        let mut seed = 0x2545_f491_u32;
        for _ in 0..300 {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            let latitude = f64::from(seed % 18_000) / 100.0 - 90.0;
            let longitude = f64::from((seed / 18_000) % 36_000) / 100.0 - 180.0;
            let point = at(latitude, longitude);
            let found = g.nearest(point).unwrap();
            let expected = nearest_by_scan(g, point);
            assert!(
                metres_between(point, found.point) <= metres_between(point, expected.point),
                "{point}: {} vs {}",
                found.name,
                expected.name
            );
        }
    }

    #[test]
    fn reads_a_small_file() {
        let g = Gazetteer::from_tsv(
            "# a comment\n\
             2\tBeta\tXX\t11.0\t21.0\t100\tUTC\t\n\
             1\tAlpha\tXX\t10.0\t20.0\t500\tEtc/GMT-1\tÄlpha-Town|Альфа|Alfa\n\
             not a city\n\
             3\tGamma\tYY\t95.0\t0.0\t1\tUTC\t\n\
             4\tAlphaville\tYY\t-10.0\t179.9\t50\tUTC\n\
             5\tAlfama\tPT\t38.71\t-9.13\t100000\tEurope/Lisbon\t\n",
        );
        assert_eq!(g.len(), 4, "the bad line and the bad latitude are skipped");
        assert_eq!(g.get(2).unwrap().name, "Beta");
        assert_eq!(
            g.get(1).unwrap().alternate_names().collect::<Vec<_>>(),
            ["Älpha-Town", "Альфа", "Alfa"]
        );
        assert_eq!(g.get(4).unwrap().alternate_names().count(), 0);
        assert!(g.get(3).is_none());

        let found = g.search("alpha t", 5);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].city.id, found[0].matched_name), (1, "Älpha-Town"));
        assert_eq!(g.search("альф", 5)[0].matched_name, "Альфа");
        // The main name is shown when it matches.
        let found = g.search("alpha", 5);
        let ids: Vec<u32> = found.iter().map(|m| m.city.id).collect();
        assert_eq!(ids, [1, 4]);
        assert_eq!(found[0].matched_name, "Alpha");
        // An exact name beats a bigger place: "Alfa" is Alpha's.
        let ids: Vec<u32> = g.search("alfa", 5).iter().map(|m| m.city.id).collect();
        assert_eq!(ids, [1, 5]);
        // Otherwise the biggest first, and no more than asked for.
        let ids: Vec<u32> = g.search("a", 2).iter().map(|m| m.city.id).collect();
        assert_eq!(ids, [5, 1]);

        // Alphaville is just across the antimeridian.
        assert_eq!(g.nearest(at(-10.0, -179.95)).unwrap().id, 4);
        assert_eq!(g.nearest(at(10.1, 20.1)).unwrap().id, 1);
        assert_eq!(g.nearest(at(90.0, 0.0)).unwrap().id, 5);
        assert!(Gazetteer::from_tsv("").nearest(at(0.0, 0.0)).is_none());
        assert!(Gazetteer::from_tsv("").search("a", 5).is_empty());
    }

    #[test]
    fn normalises_case_accents_and_punctuation() {
        assert_eq!(normalize("  São-Paulo!! "), "sao paulo");
        assert_eq!(normalize("İstanbul"), "istanbul");
        assert_eq!(normalize("Diyarbakır"), "diyarbakir");
        assert_eq!(normalize("Łódź"), "lodz");
        assert_eq!(normalize("Gießen"), "giessen");
        assert_eq!(normalize("St. John's"), "st john s");
        assert_eq!(normalize("ΑΘΗΝΑΣ"), normalize("Αθήνας"));
        assert_eq!(normalize("القَاهِرَة"), "القاهرة");
        assert_eq!(normalize("東京"), "東京");
        assert_eq!(normalize("ﬁ"), "fi");
        assert_eq!(normalize(" \t-'. "), "");
    }
}
