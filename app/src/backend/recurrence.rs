//! When a gathering happens: a start and end in the place's local time, and
//! optionally a repetition (every week, every two weeks, monthly on the nth
//! weekday, or an RFC 5545 rule), an end, and dates to skip.
//!
//! Repetition is expanded in **local wall-clock time**: the rule is handed
//! to the `rrule` crate as floating time (no zone, so no clock changes),
//! and each local start is then placed in the zone. A weekly 18:00 in
//! Europe/Berlin therefore stays 18:00 across the March and October clock
//! changes. A local time that does not exist (inside the spring-forward
//! gap) moves forward by the gap; an ambiguous one (the repeated autumn
//! hour) takes the earlier instant.
//!
//! Stored form (`to_stored`), one `NAME:value` per line: `REPEAT:` (weekly,
//! fortnightly, monthly, custom), `RULE:` (the RRULE of a custom rule),
//! `ENDS:` (never, `on:YYYY-MM-DD` or `after:N`) and `EXCEPT:` (dates,
//! comma-separated). The start and end are stored beside it.

use chrono::{
    DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc,
    Weekday,
};
use chrono_tz::Tz;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Repeat {
    Once,
    Weekly,
    EveryTwoWeeks,
    /// On the same weekday of the month as the first date: "every second
    /// Tuesday", or "every last Friday" when the first date is in the last
    /// week of a five-week month.
    MonthlyByWeekday,
    /// An RFC 5545 RRULE such as `FREQ=WEEKLY;BYDAY=MO,WE`.
    Custom(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeriesEnd {
    Never,
    /// The last local date on which it may happen (inclusive).
    OnDate(NaiveDate),
    AfterCount(u32),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub zone: Tz,
    /// Local start of the first date.
    pub start: NaiveDateTime,
    /// Local end of the first date; each date lasts as long.
    pub end: NaiveDateTime,
    pub repeat: Repeat,
    pub ends: SeriesEnd,
    /// Local dates skipped.
    pub exceptions: Vec<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleError {
    #[error("the end is not after the start")]
    EndBeforeStart,
    #[error("a gathering lasts at most 7 days")]
    TooLong,
    #[error("invalid rule: {0}")]
    InvalidRule(String),
    #[error("the rule repeats more often than daily")]
    UnsupportedRule,
    #[error("the series ends before its first date")]
    EndBeforeFirst,
    #[error("the number of dates must be 1 to 500")]
    CountInvalid,
    #[error("the stored schedule cannot be read")]
    Stored,
}

impl ScheduleError {
    /// A stable name for the message shown to the organiser.
    pub fn key(&self) -> &'static str {
        match self {
            ScheduleError::EndBeforeStart => "end_before_start",
            ScheduleError::TooLong => "too_long",
            ScheduleError::InvalidRule(_) => "invalid_rule",
            ScheduleError::UnsupportedRule => "unsupported_rule",
            ScheduleError::EndBeforeFirst => "end_before_first",
            ScheduleError::CountInvalid => "count_invalid",
            ScheduleError::Stored => "stored",
        }
    }
}

const MAX_COUNT: u32 = 500;

/// When one date starts and ends.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

impl Schedule {
    pub fn validate(&self) -> Result<(), ScheduleError> {
        if self.end <= self.start {
            return Err(ScheduleError::EndBeforeStart);
        }
        if self.end - self.start > Duration::days(7) {
            return Err(ScheduleError::TooLong);
        }
        match self.ends {
            SeriesEnd::OnDate(date) if date < self.start.date() => {
                return Err(ScheduleError::EndBeforeFirst);
            }
            SeriesEnd::AfterCount(n) if n == 0 || n > MAX_COUNT => {
                return Err(ScheduleError::CountInvalid);
            }
            _ => {}
        }
        if self.repeat != Repeat::Once && self.rule_set()?.all(1).dates.is_empty() {
            // A rule that never matches (say 30 February) would make every
            // later expansion search in vain.
            return Err(ScheduleError::InvalidRule("the rule gives no dates".into()));
        }
        Ok(())
    }

    /// The weekday and its position in the month of the first date: 1 to 4,
    /// or -1 for the last (fifth) one.
    pub fn monthly_position(&self) -> (i8, Weekday) {
        let date = self.start.date();
        let nth = ((date.day() - 1) / 7 + 1) as i8;
        (if nth >= 5 { -1 } else { nth }, date.weekday())
    }

    /// The RRULE body (without DTSTART), with the series end applied.
    fn rule(&self) -> Result<String, ScheduleError> {
        let mut rule = match &self.repeat {
            Repeat::Once => return Ok(String::new()),
            Repeat::Weekly => "FREQ=WEEKLY".to_string(),
            Repeat::EveryTwoWeeks => "FREQ=WEEKLY;INTERVAL=2".to_string(),
            Repeat::MonthlyByWeekday => {
                let (nth, weekday) = self.monthly_position();
                format!("FREQ=MONTHLY;BYDAY={nth}{}", weekday_code(weekday))
            }
            Repeat::Custom(text) => custom_rule(text, self.ends, self.zone)?,
        };
        match self.ends {
            SeriesEnd::Never => {}
            SeriesEnd::OnDate(date) => {
                rule.push_str(&format!(";UNTIL={}T235959Z", date.format("%Y%m%d")));
            }
            SeriesEnd::AfterCount(n) => rule.push_str(&format!(";COUNT={n}")),
        }
        Ok(rule)
    }

    fn rule_set(&self) -> Result<rrule::RRuleSet, ScheduleError> {
        let text = format!(
            "DTSTART:{}Z\nRRULE:{}",
            self.start.format("%Y%m%dT%H%M%S"),
            self.rule()?
        );
        text.parse::<rrule::RRuleSet>()
            .map_err(|e| ScheduleError::InvalidRule(e.to_string().chars().take(200).collect()))
    }

    /// The stored form (see the module comment); `None` for a one-off.
    pub fn to_stored(&self) -> Option<String> {
        let repeat = match &self.repeat {
            Repeat::Once => return None,
            Repeat::Weekly => "weekly",
            Repeat::EveryTwoWeeks => "fortnightly",
            Repeat::MonthlyByWeekday => "monthly",
            Repeat::Custom(_) => "custom",
        };
        let mut lines = vec![format!("REPEAT:{repeat}")];
        if let Repeat::Custom(rule) = &self.repeat {
            lines.push(format!("RULE:{}", rule.trim()));
        }
        lines.push(match self.ends {
            SeriesEnd::Never => "ENDS:never".into(),
            SeriesEnd::OnDate(date) => format!("ENDS:on:{date}"),
            SeriesEnd::AfterCount(n) => format!("ENDS:after:{n}"),
        });
        if !self.exceptions.is_empty() {
            let dates: Vec<String> = self.exceptions.iter().map(NaiveDate::to_string).collect();
            lines.push(format!("EXCEPT:{}", dates.join(",")));
        }
        Some(lines.join("\n"))
    }

    /// Reads back what [`Schedule::to_stored`] wrote.
    pub fn from_stored(
        zone: Tz,
        start: NaiveDateTime,
        end: NaiveDateTime,
        text: &str,
    ) -> Result<Schedule, ScheduleError> {
        let mut schedule = Schedule {
            zone,
            start,
            end,
            repeat: Repeat::Once,
            ends: SeriesEnd::Never,
            exceptions: Vec::new(),
        };
        let mut rule = String::new();
        let mut repeat = "";
        for line in text.lines() {
            let (name, value) = line.split_once(':').ok_or(ScheduleError::Stored)?;
            match name {
                "REPEAT" => repeat = value,
                "RULE" => rule = value.to_string(),
                "ENDS" => schedule.ends = stored_end(value)?,
                "EXCEPT" => {
                    schedule.exceptions = value
                        .split(',')
                        .map(|d| d.parse().map_err(|_| ScheduleError::Stored))
                        .collect::<Result<_, _>>()?;
                }
                _ => return Err(ScheduleError::Stored),
            }
        }
        schedule.repeat = match repeat {
            "weekly" => Repeat::Weekly,
            "fortnightly" => Repeat::EveryTwoWeeks,
            "monthly" => Repeat::MonthlyByWeekday,
            "custom" => Repeat::Custom(rule),
            _ => return Err(ScheduleError::Stored),
        };
        Ok(schedule)
    }

    /// The dates (UTC start and end) starting in `[from, until)`, in order,
    /// exceptions skipped, at most `max`.
    pub fn occurrences(
        &self,
        from: DateTime<Utc>,
        until: DateTime<Utc>,
        max: usize,
    ) -> Result<Vec<Span>, ScheduleError> {
        let length = self.end - self.start;
        let starts: Vec<NaiveDateTime> = if self.repeat == Repeat::Once {
            vec![self.start]
        } else {
            // Floating local times, a day wider than asked on each side for
            // the zone's offset; the exact bounds are applied below.
            let floating = |at: DateTime<Utc>, margin: i64| {
                let local = at.with_timezone(&self.zone).naive_local() + Duration::days(margin);
                rrule::Tz::UTC.from_utc_datetime(&local)
            };
            let set = self
                .rule_set()?
                .after(floating(from, -1))
                .before(floating(until, 1));
            // Skipped dates still use up the limit, so ask for more.
            let limit = (max + self.exceptions.len() + 2).min(u16::MAX as usize) as u16;
            set.all(limit)
                .dates
                .into_iter()
                .map(|at| at.naive_utc())
                .collect()
        };
        Ok(starts
            .into_iter()
            .filter(|start| !self.exceptions.contains(&start.date()))
            .map(|start| self.span(start, length))
            .filter(|(start, _)| *start >= from && *start < until)
            .take(max)
            .collect())
    }

    /// One date starting at local `start`. Its end is placed like its start,
    /// except when the start moved forward out of a clock-change gap past
    /// the end (02:30 to 03:00 on the spring-forward night): then it keeps
    /// its length, as a date must end after it starts.
    fn span(&self, start: NaiveDateTime, length: Duration) -> Span {
        let starts = self.instant(start);
        let ends = self.instant(start + length);
        (starts, if ends > starts { ends } else { starts + length })
    }

    /// A local wall-clock time as an instant in the zone.
    fn instant(&self, local: NaiveDateTime) -> DateTime<Utc> {
        match self.zone.from_local_datetime(&local) {
            LocalResult::Single(at) => at.with_timezone(&Utc),
            LocalResult::Ambiguous(earlier, _) => earlier.with_timezone(&Utc),
            // In a gap: read it with the offset in force before the gap, so
            // it lands as far past the gap's end as it was into the gap
            // (02:30 → 03:30). A day earlier is always before this clock
            // change and after the previous one.
            LocalResult::None => {
                let offset = self
                    .zone
                    .offset_from_utc_datetime(&(local - Duration::days(1)))
                    .fix();
                Utc.from_utc_datetime(&(local - Duration::seconds(offset.local_minus_utc().into())))
            }
        }
    }
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

/// An organiser's rule, checked: at most daily, no start of its own, no end
/// of its own when the form gives one, and at most 500 dates.
fn custom_rule(text: &str, ends: SeriesEnd, zone: Tz) -> Result<String, ScheduleError> {
    let rule = text.trim();
    let rule = rule
        .strip_prefix("RRULE:")
        .or_else(|| rule.strip_prefix("rrule:"))
        .unwrap_or(rule)
        .trim()
        .to_ascii_uppercase();
    // An RRULE is ASCII; the rule parser slices text by bytes and would
    // panic inside a longer character (found by fuzzing).
    if rule.is_empty() || !rule.is_ascii() || rule.contains('\n') || rule.contains("DTSTART") {
        return Err(ScheduleError::InvalidRule("empty or malformed rule".into()));
    }
    let parts: Vec<(&str, &str)> = rule
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|p| p.split_once('=').unwrap_or((p, "")))
        .collect();
    let frequency = parts.iter().find(|(k, _)| *k == "FREQ").map(|(_, v)| *v);
    match frequency {
        Some("DAILY" | "WEEKLY" | "MONTHLY" | "YEARLY") => {}
        Some("HOURLY" | "MINUTELY" | "SECONDLY") => return Err(ScheduleError::UnsupportedRule),
        _ => return Err(ScheduleError::InvalidRule("FREQ is missing".into())),
    }
    if parts
        .iter()
        .any(|(k, _)| matches!(*k, "BYHOUR" | "BYMINUTE" | "BYSECOND"))
    {
        return Err(ScheduleError::UnsupportedRule);
    }
    let has_end = parts.iter().any(|(k, _)| matches!(*k, "UNTIL" | "COUNT"));
    if has_end && ends != SeriesEnd::Never {
        return Err(ScheduleError::InvalidRule(
            "the rule has its own end; choose \"never\" below or remove it".into(),
        ));
    }
    let count = parts.iter().find(|(k, _)| *k == "COUNT");
    let in_range = |n: &str| n.parse().is_ok_and(|n: u32| (1..=MAX_COUNT).contains(&n));
    if count.is_some_and(|(_, n)| !in_range(n)) {
        return Err(ScheduleError::CountInvalid);
    }
    rule.split(';')
        .map(|part| match part.strip_prefix("UNTIL=") {
            Some(until) => floating_until(until, zone).map(|until| format!("UNTIL={until}")),
            None => Ok(part.to_string()),
        })
        .collect::<Result<Vec<_>, _>>()
        .map(|parts| parts.join(";"))
}

/// A rule's UNTIL in the floating local time that rules are expanded in
/// (written with a `Z`, as the start is): a date means the end of that day,
/// a local time stays as it is, and a UTC time is moved into the zone.
fn floating_until(value: &str, zone: Tz) -> Result<String, ScheduleError> {
    let time = |text: &str| NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok();
    let local = match value.strip_suffix('Z') {
        Some(utc) => time(utc).map(|at| zone.from_utc_datetime(&at).naive_local()),
        None if value.len() == 8 => NaiveDate::parse_from_str(value, "%Y%m%d")
            .ok()
            .and_then(|date| date.and_hms_opt(23, 59, 59)),
        None => time(value),
    };
    local
        .map(|at| at.format("%Y%m%dT%H%M%SZ").to_string())
        .ok_or_else(|| ScheduleError::InvalidRule("UNTIL is not a date".into()))
}

fn stored_end(value: &str) -> Result<SeriesEnd, ScheduleError> {
    if value == "never" {
        return Ok(SeriesEnd::Never);
    }
    if let Some(date) = value.strip_prefix("on:") {
        return date
            .parse()
            .map(SeriesEnd::OnDate)
            .map_err(|_| ScheduleError::Stored);
    }
    if let Some(count) = value.strip_prefix("after:") {
        return count
            .parse()
            .map(SeriesEnd::AfterCount)
            .map_err(|_| ScheduleError::Stored);
    }
    Err(ScheduleError::Stored)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Timelike;

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    fn berlin(start: &str, end: &str, repeat: Repeat, ends: SeriesEnd) -> Schedule {
        Schedule {
            zone: chrono_tz::Europe::Berlin,
            start: at(start),
            end: at(end),
            repeat,
            ends,
            exceptions: Vec::new(),
        }
    }

    fn all(schedule: &Schedule) -> Vec<Span> {
        let from = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2040, 1, 1, 0, 0, 0).unwrap();
        schedule.occurrences(from, until, 100).unwrap()
    }

    fn local_times(schedule: &Schedule) -> Vec<String> {
        all(schedule)
            .iter()
            .map(|(start, _)| {
                start
                    .with_timezone(&schedule.zone)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .collect()
    }

    /// Found by fuzzing: the rule parser panicked inside a character
    /// longer than a byte.
    #[test]
    fn a_rule_with_letters_beyond_ascii_is_refused() {
        for rule in [
            "FREQ=WEEKLY;BYDAY=MÖ",
            "FREQ=MONTHLY;BYDAY=2TÜ",
            "ФРЕК=WEEKLY",
        ] {
            assert!(matches!(
                custom_rule(rule, SeriesEnd::Never, Tz::UTC),
                Err(ScheduleError::InvalidRule(_))
            ));
        }
    }

    #[test]
    fn weekly_stays_at_the_same_local_time_across_clock_changes() {
        let spring = berlin(
            "2027-03-16 18:00",
            "2027-03-16 20:00",
            Repeat::Weekly,
            SeriesEnd::AfterCount(4),
        );
        let dates = all(&spring);
        let utc_hours: Vec<u32> = dates.iter().map(|(s, _)| s.hour()).collect();
        // CET (UTC+1) until 28 March, then CEST (UTC+2).
        assert_eq!(utc_hours, vec![17, 17, 16, 16]);
        assert!(local_times(&spring).iter().all(|t| t.ends_with("18:00")));
        assert!(dates.iter().all(|(s, e)| *e - *s == Duration::hours(2)));

        let autumn = berlin(
            "2027-10-19 18:00",
            "2027-10-19 20:00",
            Repeat::Weekly,
            SeriesEnd::AfterCount(4),
        );
        let utc_hours: Vec<u32> = all(&autumn).iter().map(|(s, _)| s.hour()).collect();
        assert_eq!(utc_hours, vec![16, 16, 17, 17]);
    }

    #[test]
    fn monthly_on_the_nth_weekday() {
        let second_tuesday = berlin(
            "2027-01-12 19:00",
            "2027-01-12 21:00",
            Repeat::MonthlyByWeekday,
            SeriesEnd::AfterCount(4),
        );
        assert_eq!(second_tuesday.monthly_position(), (2, Weekday::Tue));
        assert_eq!(
            local_times(&second_tuesday),
            [
                "2027-01-12 19:00",
                "2027-02-09 19:00",
                "2027-03-09 19:00",
                "2027-04-13 19:00"
            ]
        );
        let last_friday = berlin(
            "2027-01-29 19:00",
            "2027-01-29 21:00",
            Repeat::MonthlyByWeekday,
            SeriesEnd::AfterCount(3),
        );
        assert_eq!(last_friday.monthly_position(), (-1, Weekday::Fri));
        assert_eq!(
            local_times(&last_friday),
            ["2027-01-29 19:00", "2027-02-26 19:00", "2027-03-26 19:00"]
        );
    }

    #[test]
    fn exceptions_ends_and_bounds() {
        let mut series = berlin(
            "2027-12-03 18:00",
            "2027-12-03 20:00",
            Repeat::Weekly,
            SeriesEnd::OnDate(NaiveDate::from_ymd_opt(2027, 12, 31).unwrap()),
        );
        series.exceptions = vec![NaiveDate::from_ymd_opt(2027, 12, 24).unwrap()];
        assert_eq!(
            local_times(&series),
            [
                "2027-12-03 18:00",
                "2027-12-10 18:00",
                "2027-12-17 18:00",
                "2027-12-31 18:00"
            ]
        );
        let fortnightly = berlin(
            "2027-05-04 10:00",
            "2027-05-04 11:00",
            Repeat::EveryTwoWeeks,
            SeriesEnd::AfterCount(3),
        );
        assert_eq!(
            local_times(&fortnightly),
            ["2027-05-04 10:00", "2027-05-18 10:00", "2027-06-01 10:00"]
        );

        let endless = berlin(
            "2027-05-04 10:00",
            "2027-05-04 11:00",
            Repeat::Weekly,
            SeriesEnd::Never,
        );
        let from = Utc.with_ymd_and_hms(2027, 6, 1, 0, 0, 0).unwrap();
        let until = Utc.with_ymd_and_hms(2027, 7, 1, 0, 0, 0).unwrap();
        let june = endless.occurrences(from, until, 100).unwrap();
        assert_eq!(june.len(), 5);
        assert!(june.iter().all(|(s, _)| *s >= from && *s < until));
        assert_eq!(endless.occurrences(from, until, 2).unwrap().len(), 2);
    }

    #[test]
    fn custom_rules_are_checked() {
        let custom = |rule: &str| {
            berlin(
                "2027-05-03 10:00",
                "2027-05-03 11:00",
                Repeat::Custom(rule.into()),
                SeriesEnd::AfterCount(4),
            )
        };
        assert_eq!(
            local_times(&custom("RRULE:FREQ=WEEKLY;BYDAY=MO,WE")),
            [
                "2027-05-03 10:00",
                "2027-05-05 10:00",
                "2027-05-10 10:00",
                "2027-05-12 10:00"
            ]
        );
        assert_eq!(
            custom("FREQ=MINUTELY").validate(),
            Err(ScheduleError::UnsupportedRule)
        );
        assert_eq!(
            custom("FREQ=DAILY;BYHOUR=9,17").validate(),
            Err(ScheduleError::UnsupportedRule)
        );
        assert!(matches!(
            custom("garbage").validate(),
            Err(ScheduleError::InvalidRule(_))
        ));
        assert!(matches!(
            custom("FREQ=WEEKLY;BYDAY=XX").validate(),
            Err(ScheduleError::InvalidRule(_))
        ));
    }

    #[test]
    fn a_start_in_the_spring_gap_moves_forward() {
        let gap = berlin(
            "2027-03-28 02:30",
            "2027-03-28 04:00",
            Repeat::Once,
            SeriesEnd::Never,
        );
        let (start, end) = all(&gap)[0];
        assert_eq!(
            start.with_timezone(&gap.zone).format("%H:%M").to_string(),
            "03:30"
        );
        assert_eq!(
            end.with_timezone(&gap.zone).format("%H:%M").to_string(),
            "04:00"
        );
    }

    #[test]
    fn a_date_moved_out_of_the_gap_still_ends_after_it_starts() {
        let night = berlin(
            "2027-03-21 02:30",
            "2027-03-21 03:00",
            Repeat::Weekly,
            SeriesEnd::AfterCount(3),
        );
        let dates = all(&night);
        assert!(dates.iter().all(|(start, end)| end > start));
        assert_eq!(local_times(&night)[1], "2027-03-28 03:30");
        assert_eq!(dates[1].1 - dates[1].0, Duration::minutes(30));
    }

    #[test]
    fn a_custom_rule_may_end_on_a_date_or_a_time() {
        let until = |rule: &str| {
            let series = berlin(
                "2027-05-04 10:00",
                "2027-05-04 11:00",
                Repeat::Custom(rule.into()),
                SeriesEnd::Never,
            );
            local_times(&series).last().cloned()
        };
        let last = Some("2027-05-25 10:00".to_string());
        assert_eq!(until("FREQ=WEEKLY;UNTIL=20270525"), last);
        assert_eq!(until("FREQ=WEEKLY;UNTIL=20270525T100000"), last);
        // 08:00 UTC is 10:00 in Berlin in May.
        assert_eq!(until("FREQ=WEEKLY;UNTIL=20270525T080000Z"), last);
        assert_eq!(
            until("FREQ=WEEKLY;UNTIL=20270525T075959Z"),
            Some("2027-05-18 10:00".into())
        );
    }

    #[test]
    fn custom_rules_without_dates_or_with_too_many_are_refused() {
        let custom = |rule: &str| {
            berlin(
                "2027-05-04 10:00",
                "2027-05-04 11:00",
                Repeat::Custom(rule.into()),
                SeriesEnd::Never,
            )
            .validate()
        };
        let nothing = Err(ScheduleError::InvalidRule("the rule gives no dates".into()));
        assert_eq!(custom("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30"), nothing);
        assert_eq!(custom("FREQ=DAILY;INTERVAL=0"), nothing);
        assert_eq!(
            custom("FREQ=DAILY;COUNT=501"),
            Err(ScheduleError::CountInvalid)
        );
        assert_eq!(custom("FREQ=DAILY;COUNT=500"), Ok(()));
        assert!(matches!(
            custom("FREQ=WEEKLY;UNTIL=tomorrow"),
            Err(ScheduleError::InvalidRule(_))
        ));
    }

    #[test]
    fn bad_schedules_are_refused() {
        let backwards = berlin(
            "2027-05-03 10:00",
            "2027-05-03 09:00",
            Repeat::Once,
            SeriesEnd::Never,
        );
        assert_eq!(backwards.validate(), Err(ScheduleError::EndBeforeStart));
        let long = berlin(
            "2027-05-03 10:00",
            "2027-05-12 09:00",
            Repeat::Once,
            SeriesEnd::Never,
        );
        assert_eq!(long.validate(), Err(ScheduleError::TooLong));
        let early_end = berlin(
            "2027-05-03 10:00",
            "2027-05-03 11:00",
            Repeat::Weekly,
            SeriesEnd::OnDate(NaiveDate::from_ymd_opt(2027, 5, 1).unwrap()),
        );
        assert_eq!(early_end.validate(), Err(ScheduleError::EndBeforeFirst));
    }

    #[test]
    fn the_stored_form_reads_back() {
        let mut series = berlin(
            "2027-01-12 19:00",
            "2027-01-12 21:00",
            Repeat::Custom("FREQ=WEEKLY;BYDAY=TU,TH".into()),
            SeriesEnd::OnDate(NaiveDate::from_ymd_opt(2027, 6, 30).unwrap()),
        );
        series.exceptions = vec![NaiveDate::from_ymd_opt(2027, 2, 9).unwrap()];
        let text = series.to_stored().unwrap();
        let back = Schedule::from_stored(series.zone, series.start, series.end, &text).unwrap();
        assert_eq!(back, series);
        assert_eq!(
            berlin(
                "2027-01-12 19:00",
                "2027-01-12 21:00",
                Repeat::Once,
                SeriesEnd::Never
            )
            .to_stored(),
            None
        );
    }
}
