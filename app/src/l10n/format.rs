//! Dates and times written the way each language writes them (ICU4X data),
//! e.g. "Sun, Nov 29, 11:00 AM" in English, "dim. 29 nov., 11:00" in French,
//! Persian digits in Persian.

use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::i18n::Locale;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use icu_datetime::{
    DateTimeFormatter, NoCalendarFormatter,
    fieldsets::{MDET, T, YM, YMD},
    input::{Date, DateTime, Time},
    options::TimePrecision,
};
use icu_decimal::{DecimalFormatter, input::Decimal};
use leptos_i18n::Locale as _;
use std::sync::LazyLock;

/// One formatter per supported language, built on first use: a page
/// formats many values, and loading a formatter's locale data costs far
/// more than formatting with it. `None` where ICU4X has no data.
struct PerLocale<F>(Vec<(Locale, Option<F>)>);

impl<F> PerLocale<F> {
    fn build(make: impl Fn(Locale) -> Option<F>) -> Self {
        Self(
            Locale::get_all()
                .iter()
                .map(|&locale| (locale, make(locale)))
                .collect(),
        )
    }

    fn get(&self, locale: Locale) -> Option<&F> {
        self.0
            .iter()
            .find(|(l, _)| *l == locale)
            .and_then(|(_, formatter)| formatter.as_ref())
    }
}

static DECIMAL: LazyLock<PerLocale<DecimalFormatter>> = LazyLock::new(|| {
    PerLocale::build(|locale| {
        DecimalFormatter::try_new(locale.as_icu_locale().clone().into(), Default::default()).ok()
    })
});

static WEEKDAY_DATE_TIME: LazyLock<PerLocale<DateTimeFormatter<MDET>>> = LazyLock::new(|| {
    PerLocale::build(|locale| {
        let fields = MDET::medium().with_time_precision(TimePrecision::Minute);
        DateTimeFormatter::try_new(locale.as_icu_locale().clone().into(), fields).ok()
    })
});

static DAY: LazyLock<PerLocale<DateTimeFormatter<YMD>>> = LazyLock::new(|| {
    PerLocale::build(|locale| {
        DateTimeFormatter::try_new(locale.as_icu_locale().clone().into(), YMD::medium()).ok()
    })
});

static MONTH: LazyLock<PerLocale<DateTimeFormatter<YM>>> = LazyLock::new(|| {
    PerLocale::build(|locale| {
        DateTimeFormatter::try_new(locale.as_icu_locale().clone().into(), YM::medium()).ok()
    })
});

static TIME_OF_DAY: LazyLock<PerLocale<NoCalendarFormatter<T>>> = LazyLock::new(|| {
    PerLocale::build(|locale| {
        let fields = T::medium().with_time_precision(TimePrecision::Minute);
        NoCalendarFormatter::try_new(locale.as_icu_locale().clone().into(), fields).ok()
    })
});

/// A whole number written the way the language writes numbers (digits and
/// grouping separators).
pub fn number(locale: Locale, n: i64) -> String {
    decimal(locale, Decimal::from(n))
}

/// `text` with its digits written the way the language writes digits, and
/// a point between two digits as its decimal separator ("52.52,13.4" is
/// "۵۲٫۵۲,۱۳٫۴" in Persian); everything else as it is. For numbers that
/// reach a page inside text, such as coordinates.
pub fn digits(locale: Locale, text: &str) -> String {
    let written: Vec<String> = (0..10).map(|digit| number(locale, digit)).collect();
    let one_point_two: Vec<char> = tenths(locale, 12).chars().collect();
    // "1.2" as the language writes it, without its two digits.
    let separator: String = one_point_two[1..one_point_two.len() - 1].iter().collect();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (at, &c) in chars.iter().enumerate() {
        let between_digits = at > 0
            && chars[at - 1].is_ascii_digit()
            && chars.get(at + 1).is_some_and(char::is_ascii_digit);
        match c {
            '0'..='9' => out.push_str(&written[usize::from(c as u8 - b'0')]),
            '.' if between_digits => out.push_str(&separator),
            _ => out.push(c),
        }
    }
    out
}

/// A number with one decimal, given in tenths (12 → "1.2", "1,2", "۱٫۲").
fn tenths(locale: Locale, tenths: i64) -> String {
    let mut value = Decimal::from(tenths);
    value.multiply_pow10(-1);
    decimal(locale, value)
}

fn decimal(locale: Locale, value: Decimal) -> String {
    match DECIMAL.get(locale) {
        Some(formatter) => formatter.format(&value).to_string(),
        None => value.to_string(),
    }
}

/// A distance as people say it: metres below 1 km (to 50 m), one decimal
/// below 10 km, whole kilometres beyond.
pub fn distance(locale: Locale, metres: u32) -> String {
    use crate::i18n::td_string;
    let metres = i64::from(metres);
    if metres < 950 {
        let n = number(locale, ((metres + 49) / 50 * 50).max(50));
        td_string!(locale, distance_m, metres = n).to_string()
    } else if metres < 9_950 && metres % 1000 != 0 {
        let n = tenths(locale, (metres + 50) / 100);
        td_string!(locale, distance_km, km = n).to_string()
    } else {
        let n = number(locale, (metres + 500) / 1000);
        td_string!(locale, distance_km, km = n).to_string()
    }
}

/// The time of day alone, e.g. the end of a gathering on the day it starts.
/// `local` is in [`LOCAL_TIME_FORMAT`].
pub fn time_of_day(locale: Locale, local: &str) -> String {
    let Ok(when) = NaiveDateTime::parse_from_str(local, LOCAL_TIME_FORMAT) else {
        return local.to_string();
    };
    TIME_OF_DAY
        .get(locale)
        .zip(time_of(when))
        .map(|(formatter, time)| formatter.format(&time).to_string())
        .unwrap_or_else(|| when.format("%H:%M").to_string())
}

/// Weekday, day, month and time, e.g. for a gathering's start. `local` is
/// in [`LOCAL_TIME_FORMAT`], in the gathering's own time zone.
pub fn weekday_date_time(locale: Locale, local: &str) -> String {
    let Ok(when) = NaiveDateTime::parse_from_str(local, LOCAL_TIME_FORMAT) else {
        return local.to_string();
    };
    let date = Date::try_new_iso(when.year(), when.month() as u8, when.day() as u8).ok();
    WEEKDAY_DATE_TIME
        .get(locale)
        .zip(date.zip(time_of(when)))
        .map(|(formatter, (date, time))| formatter.format(&DateTime { date, time }).to_string())
        .unwrap_or_else(|| when.format("%Y-%m-%d %H:%M").to_string())
}

/// A day with its year, e.g. "4 Jan 2027": for what happens on a day
/// rather than at a time (when a date's guests are forgotten).
pub fn day(locale: Locale, day: NaiveDate) -> String {
    let date = Date::try_new_iso(day.year(), day.month() as u8, day.day() as u8).ok();
    DAY.get(locale)
        .zip(date)
        .map(|(formatter, date)| formatter.format(&date).to_string())
        .unwrap_or_else(|| day.format("%Y-%m-%d").to_string())
}

/// A month with its year, e.g. "Jan 2027": the periods figures are
/// published for.
pub fn month(locale: Locale, year: i32, month: u32) -> String {
    let date = Date::try_new_iso(year, month as u8, 1).ok();
    MONTH
        .get(locale)
        .zip(date)
        .map(|(formatter, date)| formatter.format(&date).to_string())
        .unwrap_or_else(|| format!("{year}-{month:02}"))
}

fn time_of(when: NaiveDateTime) -> Option<Time> {
    Time::try_new(when.hour() as u8, when.minute() as u8, 0, 0).ok()
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
    fn digits_inside_text_are_written_as_the_reader_writes_them() {
        assert_eq!(digits(Locale::en, "52.52000,13.40500"), "52.52000,13.40500");
        assert_eq!(digits(Locale::fa, "52.52,-13.4"), "۵۲٫۵۲,-۱۳٫۴");
        assert_eq!(digits(Locale::fa, "Route 9."), "Route ۹.");
    }

    #[test]
    fn an_unreadable_time_is_shown_as_it_came() {
        assert_eq!(weekday_date_time(Locale::en, "soon"), "soon");
    }

    #[test]
    fn a_day_carries_its_year_in_each_language() {
        let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        assert!(super::day(Locale::en, day).contains("2027"));
        assert!(super::day(Locale::de, day).contains("2027"));
        assert_ne!(super::day(Locale::en, day), super::day(Locale::fr, day));
    }
}
