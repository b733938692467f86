//! The IANA zone a gathering's times are in, as stored (`events.time_zone`,
//! chosen from the gazetteer when the gathering was written).

use chrono_tz::Tz;

/// The zone named `name`. A name we cannot read (we never write one) counts
/// as UTC, so the page or email still shows the right instants.
pub fn named(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::named;

    #[test]
    fn zones_are_read_by_name_and_unknown_ones_are_utc() {
        assert_eq!(named("Europe/Berlin"), chrono_tz::Europe::Berlin);
        assert_eq!(named("Mars/Olympus_Mons"), chrono_tz::UTC);
    }
}
