//! Dates and times written the way each language writes them (ICU4X data),
//! e.g. "Sun, Nov 29, 11:00 AM" in English, "dim. 29 nov., 11:00" in French,
//! Persian digits in Persian.

use crate::i18n::Locale;
use chrono::{Datelike, NaiveDateTime, Timelike};
use icu_datetime::{
    DateTimeFormatter,
    fieldsets::MDET,
    input::{Date, DateTime, Time},
    options::TimePrecision,
};
use leptos_i18n::Locale as _;
use std::sync::LazyLock;

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
    fn an_unreadable_time_is_shown_as_it_came() {
        assert_eq!(weekday_date_time(Locale::en, "soon"), "soon");
    }
}
