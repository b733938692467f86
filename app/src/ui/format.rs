//! Dates and times written the way each language writes them (ICU4X data),
//! e.g. "Sun, Nov 29, 11:00 AM" in English, "dim. 29 nov., 11:00" in French,
//! Persian digits in Persian.

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDateTime, Timelike};
use icu_datetime::{
    DateTimeFormatter, NoCalendarFormatter,
    fieldsets::{MDET, T},
    input::{Date, DateTime, Time},
    options::TimePrecision,
};
use icu_decimal::{DecimalFormatter, input::Decimal};
use leptos_i18n::Locale as _;
use std::sync::LazyLock;

static DECIMAL: LazyLock<Vec<(Locale, Option<DecimalFormatter>)>> = LazyLock::new(|| {
    Locale::get_all()
        .iter()
        .map(|&locale| {
            let formatter = DecimalFormatter::try_new(
                locale.as_icu_locale().clone().into(),
                Default::default(),
            )
            .ok();
            (locale, formatter)
        })
        .collect()
});

/// A number written the way the language writes numbers (digits, decimal
/// and grouping separators): `tenths` is the number times ten, shown with
/// one decimal when `decimals` is 1.
pub fn number(locale: Locale, tenths: i64, decimals: u8) -> String {
    let mut decimal = Decimal::from(if decimals == 0 { tenths / 10 } else { tenths });
    if decimals > 0 {
        decimal.multiply_pow10(-1);
    }
    DECIMAL
        .iter()
        .find(|(l, _)| *l == locale)
        .and_then(|(_, formatter)| formatter.as_ref())
        .map(|formatter| formatter.format(&decimal).to_string())
        .unwrap_or_else(|| decimal.to_string())
}

/// A distance as people say it: metres below 1 km (to 50 m), one decimal
/// below 10 km, whole kilometres beyond.
pub fn distance(locale: Locale, metres: u32) -> String {
    use crate::i18n::td_string;
    if metres < 950 {
        let rounded = (metres.div_ceil(50) * 50).max(50);
        let n = number(locale, i64::from(rounded) * 10, 0);
        td_string!(locale, distance_m, metres = n).to_string()
    } else if metres < 9_950 && !metres.is_multiple_of(1000) {
        let n = number(locale, (i64::from(metres) + 50) / 100, 1);
        td_string!(locale, distance_km, km = n).to_string()
    } else {
        let n = number(locale, (i64::from(metres) + 500) / 1000 * 10, 0);
        td_string!(locale, distance_km, km = n).to_string()
    }
}

/// One formatter per supported language, built on first use: a page lists
/// many dates, and loading a formatter's locale data costs far more than
/// formatting with it.
static WEEKDAY_DATE_TIME: LazyLock<Vec<(Locale, Option<DateTimeFormatter<MDET>>)>> =
    LazyLock::new(|| {
        Locale::get_all()
            .iter()
            .map(|&locale| {
                let fields = MDET::medium().with_time_precision(TimePrecision::Minute);
                let formatter =
                    DateTimeFormatter::try_new(locale.as_icu_locale().clone().into(), fields).ok();
                (locale, formatter)
            })
            .collect()
    });

static TIME_OF_DAY: LazyLock<Vec<(Locale, Option<NoCalendarFormatter<T>>)>> = LazyLock::new(|| {
    Locale::get_all()
        .iter()
        .map(|&locale| {
            let fields = T::medium().with_time_precision(TimePrecision::Minute);
            let formatter =
                NoCalendarFormatter::try_new(locale.as_icu_locale().clone().into(), fields).ok();
            (locale, formatter)
        })
        .collect()
});

/// The time of day alone, e.g. the end of a gathering on the day it starts.
pub fn time_of_day(locale: Locale, local: &str) -> String {
    let Ok(when) = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S") else {
        return local.to_string();
    };
    let formatted = (|| {
        let (_, formatter) = TIME_OF_DAY.iter().find(|(l, _)| *l == locale)?;
        let time = Time::try_new(when.hour() as u8, when.minute() as u8, 0, 0).ok()?;
        Some(formatter.as_ref()?.format(&time).to_string())
    })();
    formatted.unwrap_or_else(|| when.format("%H:%M").to_string())
}

/// Weekday, day, month and time, e.g. for a gathering's start. `local` is
/// `YYYY-MM-DDTHH:MM:SS` in the gathering's own time zone.
pub fn weekday_date_time(locale: Locale, local: &str) -> String {
    let Ok(when) = NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M:%S") else {
        return local.to_string();
    };
    let formatted = (|| {
        let (_, formatter) = WEEKDAY_DATE_TIME.iter().find(|(l, _)| *l == locale)?;
        let formatter = formatter.as_ref()?;
        let date = Date::try_new_iso(when.year(), when.month() as u8, when.day() as u8).ok()?;
        let time = Time::try_new(when.hour() as u8, when.minute() as u8, 0, 0).ok()?;
        Some(formatter.format(&DateTime { date, time }).to_string())
    })();
    formatted.unwrap_or_else(|| when.format("%Y-%m-%d %H:%M").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_writes_dates_its_own_way() {
        let en = weekday_date_time(Locale::en, "2026-11-29T18:30:00");
        let de = weekday_date_time(Locale::de, "2026-11-29T18:30:00");
        let fa = weekday_date_time(Locale::fa, "2026-11-29T18:30:00");
        assert!(en.contains("Nov") && en.contains("29"), "{en}");
        assert!(de.contains("29.") && de.contains("18:30"), "{de}");
        assert!(fa.contains('۲') && fa.contains('۹'), "Persian digits: {fa}");
        assert_ne!(en, de);
    }

    #[test]
    fn distances_read_naturally_in_each_language() {
        assert_eq!(distance(Locale::en, 430), "450 m");
        assert_eq!(distance(Locale::en, 1_234), "1.2 km");
        assert_eq!(distance(Locale::en, 23_600), "24 km");
        assert_eq!(distance(Locale::de, 1_234), "1,2 km");
        assert!(
            distance(Locale::fa, 1_234).contains('۱'),
            "{}",
            distance(Locale::fa, 1_234)
        );
    }

    #[test]
    fn an_unreadable_time_is_shown_as_it_came() {
        assert_eq!(weekday_date_time(Locale::en, "soon"), "soon");
    }
}
