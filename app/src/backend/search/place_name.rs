//! A name for a searched point ("my location", typed coordinates), so the
//! results say "Within 10 km of Mitte, Berlin" rather than a pair of
//! numbers: the nearest gazetteer place, and the city it belongs to when it
//! is a district of a much bigger one, each written in the reader's script
//! where the gazetteer has it.

use crate::backend::distance::metres_between;
use crate::backend::gazetteer::{City, Gazetteer};
use crate::domain::geo_point::GeoPoint;

/// Further than this from every place, a point keeps its coordinates.
const NAMED_WITHIN_M: f64 = 15_000.0;
/// A district lies this close to the centre of the city it belongs to...
const DISTRICT_OF_WITHIN_M: f64 = 10_000.0;
/// ...which has at least this many times its people.
const DISTRICT_OF_TIMES_BIGGER: u32 = 10;

/// "Mitte, Berlin", "Kreuzberg, Berlin", "Paris", or `None` far from any
/// place the gazetteer knows. `nearest` is the gazetteer's nearest place
/// to `point` (the search has already looked it up).
pub fn name_of(
    gazetteer: &Gazetteer,
    point: GeoPoint,
    nearest: &City,
    reader_language: &str,
) -> Option<String> {
    if metres_between(point, nearest.point) > NAMED_WITHIN_M {
        return None;
    }
    let name = in_script_of(nearest, reader_language);
    Some(match city_of(gazetteer, nearest) {
        Some(city) => {
            let city_name = in_script_of(city, reader_language);
            // Arabic and Persian separate with their own comma.
            let comma = if matches!(reader_language, "ar" | "fa") {
                "،"
            } else {
                ","
            };
            if name.contains(city_name) {
                name.to_string()
            } else {
                format!("{name}{comma} {city_name}")
            }
        }
        None => name.to_string(),
    })
}

/// The much bigger city `place` is a district of, if any. Places are
/// biggest first, so only the few that are big enough are looked at.
fn city_of<'g>(gazetteer: &'g Gazetteer, place: &City) -> Option<&'g City> {
    let at_least = place.population.saturating_mul(DISTRICT_OF_TIMES_BIGGER);
    gazetteer
        .cities()
        .iter()
        .take_while(|city| city.population >= at_least)
        .filter(|city| city.country_code == place.country_code)
        // A tenth of a degree of latitude is about 11 km: skip the
        // distance where it cannot be close.
        .filter(|city| (city.point.latitude() - place.point.latitude()).abs() < 0.1)
        .find(|city| metres_between(city.point, place.point) <= DISTRICT_OF_WITHIN_M)
}

/// The place's name in the script the reader's language is written in.
/// The gazetteer does not say which language each of its other names is
/// in, so the script decides, and letters only one language of a script
/// uses tell Arabic from Persian and Ukrainian from Russian. Languages
/// written in Latin letters get the place's main name.
fn in_script_of<'c>(city: &'c City, reader_language: &str) -> &'c str {
    let script = match reader_language {
        "ar" => ARABIC,
        "fa" => PERSIAN,
        "uk" => UKRAINIAN,
        _ => return &city.name,
    };
    let written_in_script = |name: &&str| {
        name.chars().any(script.letter)
            && name
                .chars()
                .all(|c| (script.letter)(c) || !c.is_alphabetic())
    };
    let candidates: Vec<&str> = city
        .alternate_names()
        .filter(written_in_script)
        .filter(|name| {
            !script
                .not_written
                .iter()
                .any(|letters| name.contains(*letters))
        })
        .collect();
    candidates
        .iter()
        .find(|name| name.contains(script.only_written))
        .or(candidates.first())
        .copied()
        .unwrap_or(&city.name)
}

/// How names in one language look: the script's letters, letters only
/// this language of the script writes, and sets of letters it never
/// writes (other languages' own).
struct Script {
    letter: fn(char) -> bool,
    only_written: &'static [char],
    not_written: &'static [&'static [char]],
}

const ARABIC: Script = Script {
    letter: is_arabic_letter,
    only_written: &[],
    not_written: &[PERSIAN_ONLY, URDU_ONLY],
};
const PERSIAN: Script = Script {
    letter: is_arabic_letter,
    only_written: PERSIAN_ONLY,
    not_written: &[ARABIC_ONLY, URDU_ONLY],
};
const UKRAINIAN: Script = Script {
    letter: is_cyrillic_letter,
    only_written: UKRAINIAN_ONLY,
    not_written: &[RUSSIAN_ONLY],
};

fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}' | '\u{06FA}'..='\u{06FF}')
}

fn is_cyrillic_letter(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}')
}

/// Persian's own letters (Farsi yeh, keheh, and the four Arabic lacks).
const PERSIAN_ONLY: &[char] = &['ی', 'ک', 'پ', 'چ', 'ژ', 'گ'];
/// Letters Arabic writes but Persian does not (yeh, kaf, teh marbuta).
const ARABIC_ONLY: &[char] = &['ي', 'ك', 'ة'];
/// Urdu's own letters, which neither writes.
const URDU_ONLY: &[char] = &['ے', 'ں', 'ٹ', 'ڈ', 'ڑ', 'ھ'];
const UKRAINIAN_ONLY: &[char] = &['і', 'ї', 'є', 'ґ'];
const RUSSIAN_ONLY: &[char] = &['ы', 'э', 'ъ', 'ё'];

#[cfg(test)]
mod tests {
    use super::*;

    /// The name of the point at `latitude`, `longitude`, as a search
    /// there gives it.
    fn named(latitude: f64, longitude: f64, reader_language: &str) -> Option<String> {
        let gazetteer = Gazetteer::global();
        let point = GeoPoint::parse(latitude, longitude).unwrap();
        name_of(gazetteer, point, gazetteer.nearest(point)?, reader_language)
    }

    #[test]
    fn a_district_is_named_with_its_city() {
        assert_eq!(named(52.52, 13.405, "en").as_deref(), Some("Mitte, Berlin"));
        // The gazetteer has no Cyrillic name for Mitte: its own stays.
        assert_eq!(named(52.52, 13.405, "uk").as_deref(), Some("Mitte, Берлін"));
    }

    #[test]
    fn a_city_is_named_alone_and_the_open_sea_not_at_all() {
        assert_eq!(named(30.0626, 31.2497, "en").as_deref(), Some("Cairo"));
        assert_eq!(named(40.0, -40.0, "en"), None);
    }

    #[test]
    fn arabic_and_persian_readers_get_their_own_spelling() {
        let gazetteer = Gazetteer::global();
        assert_eq!(named(52.52, 13.405, "fa").as_deref(), Some("Mitte، برلین"));
        let berlin = gazetteer.search("Berlin", 1)[0].city;
        assert_eq!(in_script_of(berlin, "ar"), "برلين");
        assert_eq!(in_script_of(berlin, "fa"), "برلین");
        assert_eq!(in_script_of(berlin, "de"), "Berlin");
        let cairo = gazetteer.search("Cairo", 1)[0].city;
        assert_eq!(in_script_of(cairo, "ar"), "القاهرة");
        assert_eq!(in_script_of(cairo, "fa"), "قاهره");
    }
}
