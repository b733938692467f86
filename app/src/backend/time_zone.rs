//! The IANA zone a gathering's times are in, as stored (`events.time_zone`,
//! chosen from the gazetteer when the gathering was written).

use chrono_tz::Tz;

/// The zone named `name`. A name we cannot read (we never write one) counts
/// as UTC, so the page or email still shows the right instants.
pub fn named(name: &str) -> Tz {
    name.parse().unwrap_or(Tz::UTC)
}

/// When `starts_at` is, in words for an email in `locale`: the weekday,
/// date and time where the gathering is, and the zone's abbreviation.
pub fn spoken_start(
    locale: crate::i18n::Locale,
    starts_at: chrono::DateTime<chrono::Utc>,
    zone: Tz,
) -> String {
    let local = starts_at.with_timezone(&zone);
    format!(
        "{} {}",
        crate::l10n::format::weekday_date_time(
            locale,
            &local
                .naive_local()
                .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
                .to_string()
        ),
        local.format("%Z")
    )
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
