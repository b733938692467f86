//! The "create / edit a gathering" form, read into a checked
//! [`GatheringInput`] or the list of every problem in it, each tied to its
//! field. Plain functions of the posted fields, so they are tested without
//! a server.

use super::super::{
    gazetteer::Gazetteer,
    recurrence::{Repeat, Schedule, ScheduleError, SeriesEnd},
};
use crate::domain::typed_number::latin_digits;
use crate::domain::{
    accessibility::{Accessibility, AccessibilityFeature},
    category::{Categories, Category},
    geo_point::GeoPoint,
    language::SpokenLanguage,
    reply::{ReplyMode, ReplyModes},
    text::one_line,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

pub const TITLE_MAX: usize = 200;
pub const DESCRIPTION_MAX: usize = 10_000;
pub const CAPACITY_MAX: i32 = 100_000;

/// A gathering's text in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    pub language: String,
    pub title: String,
    /// Markdown, sanitised when rendered (`backend::markdown`).
    pub description: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PlaceInput {
    pub name: String,
    pub address: String,
    pub point: GeoPoint,
    pub zone: Tz,
    /// The exact address only for confirmed guests.
    pub guests_only: bool,
}

#[derive(Clone, Debug)]
pub struct GatheringInput {
    /// The first is the gathering's default language.
    pub texts: Vec<Text>,
    pub categories: Categories,
    pub languages: Vec<&'static str>,
    pub accessibility: Accessibility,
    pub is_free: bool,
    pub family_friendly: bool,
    pub place: PlaceInput,
    pub schedule: Schedule,
    pub capacity: Option<i32>,
    pub replies: ReplySettings,
}

/// How people reply to the gathering, as its organisers set it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReplySettings {
    /// Empty: no replies taken ("just come along").
    pub modes: ReplyModes,
    /// How many people one person may bring.
    pub max_guests: i32,
    /// Replies close this long before the start.
    pub closes_minutes: i32,
    /// Volunteers do not take seats.
    pub roles_separate: bool,
    /// Hours before the start a reminder goes out; 0 for none.
    pub reminder_hours: i32,
    /// Organisers approve each reply before it takes a seat.
    pub requires_approval: bool,
    /// Places of each date that replies without an account may take at
    /// most; `None`: no cap.
    pub places_without_account: Option<i32>,
}

impl Default for ReplySettings {
    fn default() -> Self {
        Self {
            modes: ReplyModes::from_bits(7),
            max_guests: 4,
            closes_minutes: 60,
            roles_separate: false,
            reminder_hours: 24,
            requires_approval: false,
            places_without_account: None,
        }
    }
}

/// How long ago a series may have begun (five years): bounds the work of
/// expanding its rule.
pub const SERIES_MAX_AGE_DAYS: i64 = 5 * 366;

/// One thing wrong with the form. `field()` is the id of the input it is
/// about; `key()` names its message in the translations (`form_<key>`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    TitleMissing,
    TitleTooLong(String),
    DescriptionTooLong(String),
    CategoryMissing,
    PlaceNameMissing,
    LocationMissing,
    LocationUnknown,
    StartDateInvalid,
    /// More than [`SERIES_MAX_AGE_DAYS`] ago.
    StartTooLongAgo,
    StartTimeInvalid,
    EndTimeInvalid,
    EndDateInvalid,
    StartInPast,
    CapacityInvalid,
    GuestsInvalid,
    ClosesInvalid,
    ReminderInvalid,
    RepeatInvalid,
    UntilInvalid,
    CountInvalid,
    ExceptionsInvalid,
    Schedule(ScheduleError),
    PlacesWithoutAccountInvalid,
    /// The server is busy checking other forms: try again in a moment.
    Busy,
}

impl Problem {
    pub fn field(&self) -> String {
        match self {
            Problem::TitleMissing => "title_first".into(),
            Problem::TitleTooLong(language) => format!("title_{language}"),
            Problem::DescriptionTooLong(language) => format!("description_{language}"),
            Problem::CategoryMissing => "category".into(),
            Problem::PlaceNameMissing => "place_name".into(),
            Problem::LocationMissing | Problem::LocationUnknown => "location".into(),
            Problem::StartDateInvalid | Problem::StartInPast | Problem::StartTooLongAgo => {
                "start_date".into()
            }
            Problem::StartTimeInvalid => "start_time".into(),
            Problem::EndTimeInvalid => "end_time".into(),
            Problem::EndDateInvalid => "end_date".into(),
            Problem::CapacityInvalid => "capacity".into(),
            Problem::GuestsInvalid => "max_guests".into(),
            Problem::ClosesInvalid => "closes_minutes".into(),
            Problem::ReminderInvalid => "reminder_hours".into(),
            Problem::RepeatInvalid => "repeat".into(),
            Problem::UntilInvalid => "until".into(),
            Problem::CountInvalid => "count".into(),
            Problem::ExceptionsInvalid => "exceptions".into(),
            Problem::PlacesWithoutAccountInvalid => "places_without_account".into(),
            Problem::Busy => "main".into(),
            Problem::Schedule(error) => match error.key() {
                "end_before_start" | "too_long" => "end_time".into(),
                "end_before_first" => "until".into(),
                _ => "rule".into(),
            },
        }
    }
}

/// The posted fields, by name.
pub struct Fields<'a>(pub &'a [(String, String)]);

impl Fields<'_> {
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v.trim())
    }

    pub fn all(&self, name: &str) -> impl Iterator<Item = &str> {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }
}

/// Reads the form. `text_languages` are the languages a text may be given
/// in, the organiser's own first. A new gathering must start after `now`
/// (`new` is true); an edited series may have begun already.
pub fn parse(
    fields: &Fields,
    text_languages: &[&str],
    now: chrono::DateTime<chrono::Utc>,
    new: bool,
) -> Result<GatheringInput, Vec<Problem>> {
    let mut problems = Vec::new();
    let texts = texts(fields, text_languages, &mut problems);

    let categories: Categories = fields
        .all("category")
        .filter_map(Category::from_slug)
        .collect();
    if categories.is_empty() {
        problems.push(Problem::CategoryMissing);
    }
    let languages: Vec<&'static str> = fields
        .all("language")
        .filter_map(SpokenLanguage::from_code)
        .map(SpokenLanguage::code)
        .collect();
    let accessibility: Accessibility = fields
        .all("access")
        .filter_map(AccessibilityFeature::from_slug)
        .collect();

    let place = place(fields, &mut problems);
    let capacity = match fields.get("capacity") {
        "" => None,
        text => match latin_digits(text).parse::<i32>() {
            Ok(n) if (1..=CAPACITY_MAX).contains(&n) => Some(n),
            _ => {
                problems.push(Problem::CapacityInvalid);
                None
            }
        },
    };
    let replies = replies(fields, &mut problems);
    let schedule = place
        .as_ref()
        .and_then(|place| schedule(fields, place.zone, now, new, &mut problems));

    match (place, schedule) {
        (Some(place), Some(schedule)) if problems.is_empty() => Ok(GatheringInput {
            texts,
            categories,
            languages,
            accessibility,
            is_free: fields.checked("is_free"),
            family_friendly: fields.checked("family_friendly"),
            place,
            schedule,
            capacity,
            replies,
        }),
        _ => Err(problems),
    }
}

/// The reply settings; forms that do not show them (`replies` absent) get
/// the defaults.
fn replies(fields: &Fields, problems: &mut Vec<Problem>) -> ReplySettings {
    let defaults = ReplySettings::default();
    if fields.get("replies").is_empty() {
        return defaults;
    }
    let mut number =
        |name: &str, range: std::ops::RangeInclusive<i32>, default: i32, problem: Problem| {
            match fields.get(name) {
                "" => default,
                text => match latin_digits(text).parse::<i32>() {
                    Ok(n) if range.contains(&n) => n,
                    _ => {
                        problems.push(problem);
                        default
                    }
                },
            }
        };
    ReplySettings {
        modes: fields
            .all("rsvp_mode")
            .filter_map(|mode| match mode {
                "account" => Some(ReplyMode::Account),
                "email" => Some(ReplyMode::Email),
                "anonymous" => Some(ReplyMode::Anonymous),
                _ => None,
            })
            .collect(),
        max_guests: number(
            "max_guests",
            0..=20,
            defaults.max_guests,
            Problem::GuestsInvalid,
        ),
        closes_minutes: number(
            "closes_minutes",
            0..=10_080,
            defaults.closes_minutes,
            Problem::ClosesInvalid,
        ),
        reminder_hours: number(
            "reminder_hours",
            0..=168,
            defaults.reminder_hours,
            Problem::ReminderInvalid,
        ),
        roles_separate: fields.checked("roles_separate"),
        requires_approval: fields.checked("requires_approval"),
        places_without_account: match fields.get("places_without_account").trim() {
            "" => None,
            text => match latin_digits(text).parse::<i32>() {
                Ok(places) if (0..=100_000).contains(&places) => Some(places),
                _ => {
                    problems.push(Problem::PlacesWithoutAccountInvalid);
                    None
                }
            },
        },
    }
}

fn texts(fields: &Fields, languages: &[&str], problems: &mut Vec<Problem>) -> Vec<Text> {
    let mut texts = Vec::new();
    for &language in languages {
        let title = one_line(fields.get(&format!("title_{language}")));
        let description = fields.get(&format!("description_{language}")).to_string();
        if title.chars().count() > TITLE_MAX {
            problems.push(Problem::TitleTooLong(language.into()));
        }
        if description.chars().count() > DESCRIPTION_MAX {
            problems.push(Problem::DescriptionTooLong(language.into()));
        }
        if !title.is_empty() {
            texts.push(Text {
                language: language.into(),
                title,
                description,
            });
        }
    }
    if texts.is_empty() {
        problems.push(Problem::TitleMissing);
    }
    texts
}

fn place(fields: &Fields, problems: &mut Vec<Problem>) -> Option<PlaceInput> {
    let name = one_line(fields.get("place_name"));
    if name.is_empty() {
        problems.push(Problem::PlaceNameMissing);
    }
    let location = fields.get("location");
    let point = if location.is_empty() {
        problems.push(Problem::LocationMissing);
        None
    } else {
        let point = coordinates(location).or_else(|| {
            Gazetteer::global()
                .search(location, 1)
                .first()
                .map(|found| found.city.point)
        });
        if point.is_none() {
            problems.push(Problem::LocationUnknown);
        }
        point
    };
    let point = point?;
    // The zone of the nearest city: every place on Earth has one.
    let zone = Gazetteer::global()
        .nearest(point)
        .and_then(|city| city.time_zone.parse::<Tz>().ok())
        .unwrap_or(Tz::UTC);
    Some(PlaceInput {
        name: name.chars().take(160).collect(),
        address: one_line(fields.get("address")).chars().take(300).collect(),
        point,
        zone,
        guests_only: fields.checked("guests_only_address"),
    })
}

/// "52.52, 13.405" as a point.
fn coordinates(text: &str) -> Option<GeoPoint> {
    let text = latin_digits(text);
    let (lat, lng) = text.split_once(',')?;
    GeoPoint::parse(lat.trim().parse().ok()?, lng.trim().parse().ok()?).ok()
}

fn schedule(
    fields: &Fields,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
    new: bool,
    problems: &mut Vec<Problem>,
) -> Option<Schedule> {
    let before = problems.len();
    let date = |name: &str, problem: Problem, problems: &mut Vec<Problem>| {
        let parsed = NaiveDate::parse_from_str(fields.get(name), "%Y-%m-%d").ok();
        if parsed.is_none() {
            problems.push(problem);
        }
        parsed
    };
    let time = |name: &str, problem: Problem, problems: &mut Vec<Problem>| {
        let text = fields.get(name);
        let parsed = NaiveTime::parse_from_str(text, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S"))
            .ok();
        if parsed.is_none() {
            problems.push(problem);
        }
        parsed
    };
    let start_date = date("start_date", Problem::StartDateInvalid, problems);
    let start_time = time("start_time", Problem::StartTimeInvalid, problems);
    let end_time = time("end_time", Problem::EndTimeInvalid, problems);
    let end_date = match fields.get("end_date") {
        "" => None,
        _ => date("end_date", Problem::EndDateInvalid, problems),
    };
    let repeat = match fields.get("repeat") {
        "" | "once" => Some(Repeat::Once),
        "weekly" => Some(Repeat::Weekly),
        "fortnightly" => Some(Repeat::EveryTwoWeeks),
        "monthly" => Some(Repeat::MonthlyByWeekday),
        "custom" => Some(Repeat::Custom(fields.get("rule").to_string())),
        _ => {
            problems.push(Problem::RepeatInvalid);
            None
        }
    };
    let ends = match fields.get("ends") {
        "" | "never" => Some(SeriesEnd::Never),
        "on" => date("until", Problem::UntilInvalid, problems).map(SeriesEnd::OnDate),
        "after" => match latin_digits(fields.get("count")).parse::<u32>() {
            Ok(n) if (1..=500).contains(&n) => Some(SeriesEnd::AfterCount(n)),
            _ => {
                problems.push(Problem::CountInvalid);
                None
            }
        },
        _ => {
            problems.push(Problem::RepeatInvalid);
            None
        }
    };
    let exceptions: Option<Vec<NaiveDate>> = fields
        .get("exceptions")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .map(|part| NaiveDate::parse_from_str(part, "%Y-%m-%d").ok())
        .collect();
    if exceptions.is_none() {
        problems.push(Problem::ExceptionsInvalid);
    }
    if problems.len() > before {
        return None;
    }
    let (start_date, start_time, end_time) = (start_date?, start_time?, end_time?);
    // Every expansion walks a rule from its first date: one set in year 1
    // would cost hundreds of thousands of steps on each edit and each run
    // of the scheduler. Real series are not that old.
    if start_date < (now - chrono::Duration::days(SERIES_MAX_AGE_DAYS)).date_naive() {
        problems.push(Problem::StartTooLongAgo);
        return None;
    }
    let start = NaiveDateTime::new(start_date, start_time);
    let mut end = NaiveDateTime::new(end_date.unwrap_or(start_date), end_time);
    // "22:00 to 02:00" without an end date runs past midnight.
    if end_date.is_none() && end <= start {
        end += chrono::Duration::days(1);
    }
    let schedule = Schedule {
        zone,
        start,
        end,
        repeat: repeat?,
        ends: ends?,
        exceptions: exceptions?,
    };
    if let Err(error) = schedule.validate() {
        problems.push(Problem::Schedule(error));
        return None;
    }
    if !new {
        return Some(schedule);
    }
    let first_start = schedule
        .occurrences(
            now - chrono::Duration::days(3650),
            now + chrono::Duration::days(3650),
            1,
        )
        .ok()
        .and_then(|dates| dates.first().map(|(start, _)| *start));
    if first_start.is_none_or(|start| start <= now) {
        problems.push(Problem::StartInPast);
        return None;
    }
    Some(schedule)
}

/// One date moved on its own ("this date only"): local date, start and end
/// times in the gathering's zone. `None` when they are not a valid time
/// still to come. One date has no repetition: whatever repetition fields
/// were posted are ignored, so no rule is ever expanded here.
pub fn moved_date(
    fields: &Fields,
    zone: Tz,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<(chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>)> {
    const ONE_DATE: [&str; 4] = ["start_date", "start_time", "end_time", "end_date"];
    let only_the_date: Vec<(String, String)> = fields
        .0
        .iter()
        .filter(|(name, _)| ONE_DATE.contains(&name.as_str()))
        .cloned()
        .collect();
    let mut problems = Vec::new();
    let schedule = schedule(&Fields(&only_the_date), zone, now, true, &mut problems)?;
    schedule
        .occurrences(now, now + chrono::Duration::days(3650), 1)
        .ok()?
        .into_iter()
        .next()
}
