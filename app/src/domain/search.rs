//! What a resident asks for when looking for gatherings: where, how far,
//! when, in which order, with which filters; parsed from a query string once
//! so everything downstream can trust it.

use super::accessibility::{Accessibility, AccessibilityFeature};
use super::category::{Categories, Category};
use super::geo_point::{GeoPoint, GeoPointError};
use super::language::SpokenLanguage;
use super::typed_number::latin_digits;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub const DEFAULT_RADIUS_KM: f64 = 10.0;
pub const MIN_RADIUS_KM: f64 = 1.0;
pub const MAX_RADIUS_KM: f64 = 100.0;
/// The longest date range one search may ask for.
pub const MAX_RANGE_DAYS: i64 = 366;
/// Results per page.
pub const PAGE_SIZE: usize = 20;

/// Where to search around.
#[derive(Clone, Debug, PartialEq)]
pub enum Origin {
    /// No place given: the plain "coming up" list.
    Anywhere,
    /// Coordinates, from the browser's location or a map.
    Point(GeoPoint),
    /// A city chosen from the gazetteer's suggestions, by GeoNames id.
    City(u32),
    /// A place name typed by the resident, to look up in the gazetteer.
    Named(String),
}

/// Which dates, as calendar days in each gathering's own time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Upcoming,
    Today,
    Weekend,
    NextSevenDays,
    Dates { from: NaiveDate, to: NaiveDate },
}

impl When {
    /// The first and last day (inclusive) this window covers, seen from
    /// `today`; `None` for no end.
    pub fn days(self, today: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
        match self {
            Self::Upcoming => None,
            Self::Today => Some((today, today)),
            Self::NextSevenDays => Some((today, today + Duration::days(6))),
            Self::Weekend => {
                let saturday = match today.weekday() {
                    Weekday::Sun => today - Duration::days(1),
                    day => today + Duration::days(5 - i64::from(day.num_days_from_monday())),
                };
                Some((saturday.max(today), saturday + Duration::days(1)))
            }
            Self::Dates { from, to } => Some((from, to)),
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            Self::Upcoming => "upcoming",
            Self::Today => "today",
            Self::Weekend => "weekend",
            Self::NextSevenDays => "week",
            Self::Dates { .. } => "dates",
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    #[default]
    Soonest,
    Nearest,
}

impl SortOrder {
    pub fn slug(self) -> &'static str {
        match self {
            Self::Soonest => "soonest",
            Self::Nearest => "nearest",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filters {
    /// Any of these (empty: all).
    pub categories: Categories,
    /// Any of these spoken (empty: all).
    pub languages: Vec<SpokenLanguage>,
    /// All of these.
    pub accessibility: Accessibility,
    pub free_only: bool,
    pub family_friendly: bool,
}

/// Where the previous page ended, in the sort order's own terms; compared
/// as a tuple so that pages never overlap or skip, whatever is added.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cursor {
    /// (start in Unix seconds, occurrence id)
    Soonest { starts_at: i64, id: i64 },
    /// (distance in whole metres, start in Unix seconds, occurrence id)
    Nearest {
        metres: u32,
        starts_at: i64,
        id: i64,
    },
}

impl Cursor {
    pub fn encode(self) -> String {
        match self {
            Self::Soonest { starts_at, id } => format!("s.{starts_at}.{id}"),
            Self::Nearest {
                metres,
                starts_at,
                id,
            } => format!("n.{metres}.{starts_at}.{id}"),
        }
    }

    pub fn decode(text: &str) -> Option<Self> {
        let mut parts = text.split('.');
        let cursor = match parts.next()? {
            "s" => Self::Soonest {
                starts_at: parts.next()?.parse().ok()?,
                id: parts.next()?.parse().ok()?,
            },
            "n" => Self::Nearest {
                metres: parts.next()?.parse().ok()?,
                starts_at: parts.next()?.parse().ok()?,
                id: parts.next()?.parse().ok()?,
            },
            _ => return None,
        };
        parts.next().is_none().then_some(cursor)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SearchRequest {
    pub origin: Origin,
    pub radius_km: f64,
    pub when: When,
    pub sort: SortOrder,
    pub filters: Filters,
    pub after: Option<Cursor>,
}

impl Default for SearchRequest {
    fn default() -> Self {
        Self {
            origin: Origin::Anywhere,
            radius_km: DEFAULT_RADIUS_KM,
            when: When::Upcoming,
            sort: SortOrder::Soonest,
            filters: Filters::default(),
            after: None,
        }
    }
}

/// One thing wrong with a search; the page shows each next to its field.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, thiserror::Error, serde::Serialize, serde::Deserialize,
)]
pub enum SearchError {
    #[error("the point is not two numbers separated by a comma")]
    PointFormat,
    #[error("{0}")]
    Point(GeoPointError),
    #[error("the place is not in the list of cities")]
    UnknownCity,
    #[error("the distance must be a number of kilometres between 1 and 100")]
    Radius,
    #[error("the time window is not one of the offered choices")]
    When,
    #[error("a date is not a valid YYYY-MM-DD date")]
    Date,
    #[error("the last date is before the first")]
    DateOrder,
    #[error("the date range is longer than a year")]
    DateRange,
    #[error("the sort order is not one of the offered choices")]
    Sort,
    #[error("a category is not one of the offered choices")]
    Category,
    #[error("a language is not one of the offered choices")]
    Language,
    #[error("an accessibility feature is not one of the offered choices")]
    Accessibility,
    #[error("the page link is damaged; start the search again")]
    Cursor,
}

impl SearchError {
    /// The form field the error belongs to.
    pub fn field(self) -> &'static str {
        match self {
            // A damaged page link is fixed by searching again from the top.
            Self::PointFormat | Self::Point(_) | Self::UnknownCity | Self::Cursor => "place",
            Self::Radius => "radius",
            Self::When | Self::Date | Self::DateOrder | Self::DateRange => "when",
            Self::Sort => "sort",
            Self::Category => "category",
            Self::Language => "spoken",
            Self::Accessibility => "access",
        }
    }
}

impl SearchRequest {
    /// Reads a query string's pairs. Empty values count as absent (an empty
    /// form field). Every problem is reported, not just the first.
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, Vec<SearchError>> {
        let mut request = Self::default();
        let mut errors = Vec::new();
        let (mut near, mut city, mut city_name, mut place) = (None, None, None, None);
        let (mut when, mut from, mut to) = (None, None, None);
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            let outcome = match key {
                "near" => parse_point(value).map(|p| near = Some(p)),
                "city" => value
                    .parse()
                    .map(|id| city = Some(id))
                    .map_err(|_| SearchError::UnknownCity),
                "cityname" => {
                    city_name = Some(value);
                    Ok(())
                }
                "place" => {
                    // Cut first, then trimmed: a cut may end in spaces,
                    // which the next page's link would lose.
                    let cut = value.chars().take(100).collect::<String>();
                    place = Some(cut.trim_end().to_string());
                    Ok(())
                }
                "radius" => parse_radius(value).map(|r| request.radius_km = r),
                "when" => {
                    when = Some(value);
                    Ok(())
                }
                "from" => parse_date(value).map(|d| from = Some(d)),
                "to" => parse_date(value).map(|d| to = Some(d)),
                "sort" => match value {
                    "soonest" => Ok(SortOrder::Soonest),
                    "nearest" => Ok(SortOrder::Nearest),
                    _ => Err(SearchError::Sort),
                }
                .map(|sort| request.sort = sort),
                "category" => Category::from_slug(value)
                    .map(|c| request.filters.categories.insert(c))
                    .ok_or(SearchError::Category),
                "language" => SpokenLanguage::from_code(value)
                    .map(|l| {
                        if !request.filters.languages.contains(&l) {
                            request.filters.languages.push(l);
                        }
                    })
                    .ok_or(SearchError::Language),
                "access" => AccessibilityFeature::from_slug(value)
                    .map(|f| request.filters.accessibility.insert(f))
                    .ok_or(SearchError::Accessibility),
                "free" => {
                    request.filters.free_only = true;
                    Ok(())
                }
                "family" => {
                    request.filters.family_friendly = true;
                    Ok(())
                }
                "after" => Cursor::decode(value)
                    .map(|c| request.after = Some(c))
                    .ok_or(SearchError::Cursor),
                // Unknown keys (tracking parameters, old links) are ignored.
                _ => Ok(()),
            };
            if let Err(error) = outcome
                && !errors.contains(&error)
            {
                errors.push(error);
            }
        }
        // The form's text field holds what the search is around: a chosen
        // city keeps its id in a hidden field together with the name shown,
        // and counts only while the text still says that name; coordinates
        // typed or filled in by the page count as a point.
        let place_is_city = match (&place, city_name) {
            (None, _) => true,
            (Some(typed), Some(name)) => typed.trim() == name,
            (Some(_), None) => false,
        };
        request.origin = match (city, place) {
            (Some(id), _) if place_is_city => Origin::City(id),
            (_, Some(typed)) => match parse_point(&typed) {
                Ok(point) => Origin::Point(point),
                Err(SearchError::PointFormat) => Origin::Named(typed),
                Err(error) => {
                    errors.push(error);
                    Origin::Anywhere
                }
            },
            (_, None) => near.map_or(Origin::Anywhere, Origin::Point),
        };
        match parse_when(when, from, to) {
            Ok(parsed) => request.when = parsed,
            Err(error) => errors.push(error),
        }
        if matches!(
            (request.sort, request.after),
            (SortOrder::Soonest, Some(Cursor::Nearest { .. }))
                | (SortOrder::Nearest, Some(Cursor::Soonest { .. }))
        ) {
            errors.push(SearchError::Cursor);
        }
        if errors.is_empty() {
            Ok(request)
        } else {
            Err(errors)
        }
    }

    /// The query string that asks for this search again (without the page
    /// cursor), for links such as "next page" and the language switcher.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        match &self.origin {
            Origin::Anywhere => {}
            Origin::Point(point) => pairs.push(("near", point.to_string())),
            Origin::City(id) => pairs.push(("city", id.to_string())),
            Origin::Named(name) => pairs.push(("place", name.clone())),
        }
        if self.radius_km != DEFAULT_RADIUS_KM {
            pairs.push(("radius", format_km(self.radius_km)));
        }
        match self.when {
            When::Upcoming => {}
            When::Dates { from, to } => {
                pairs.push(("when", "dates".into()));
                pairs.push(("from", from.to_string()));
                pairs.push(("to", to.to_string()));
            }
            other => pairs.push(("when", other.slug().into())),
        }
        if self.sort != SortOrder::Soonest {
            pairs.push(("sort", self.sort.slug().into()));
        }
        for category in self.filters.categories.iter() {
            pairs.push(("category", category.slug().into()));
        }
        for language in &self.filters.languages {
            pairs.push(("language", language.code().into()));
        }
        for feature in self.filters.accessibility.iter() {
            pairs.push(("access", feature.slug().into()));
        }
        if self.filters.free_only {
            pairs.push(("free", "1".into()));
        }
        if self.filters.family_friendly {
            pairs.push(("family", "1".into()));
        }
        pairs
    }
}

/// A point kept to five decimals (about a metre), the precision its links
/// repeat: the next page must search from the same point as the first, or
/// the nearest-first order would shift between pages.
fn parse_point(value: &str) -> Result<GeoPoint, SearchError> {
    let value = latin_digits(value);
    let (lat, lng) = value.split_once(',').ok_or(SearchError::PointFormat)?;
    let lat: f64 = lat.trim().parse().map_err(|_| SearchError::PointFormat)?;
    let lng: f64 = lng.trim().parse().map_err(|_| SearchError::PointFormat)?;
    let to_five_decimals = |degrees: f64| (degrees * 1e5).round() / 1e5;
    GeoPoint::parse(to_five_decimals(lat), to_five_decimals(lng)).map_err(SearchError::Point)
}

fn parse_radius(value: &str) -> Result<f64, SearchError> {
    let km: f64 = latin_digits(value)
        .parse()
        .map_err(|_| SearchError::Radius)?;
    if km.is_finite() && (MIN_RADIUS_KM..=MAX_RADIUS_KM).contains(&km) {
        Ok(km)
    } else {
        Err(SearchError::Radius)
    }
}

fn parse_date(value: &str) -> Result<NaiveDate, SearchError> {
    NaiveDate::parse_from_str(value, "%Y-%m-%d").map_err(|_| SearchError::Date)
}

fn parse_when(
    when: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<When, SearchError> {
    match when {
        None | Some("dates") if from.is_some() || to.is_some() => {
            let (from, to) = match (from, to) {
                (Some(from), Some(to)) => (from, to),
                (Some(day), None) | (None, Some(day)) => (day, day),
                (None, None) => unreachable!("guarded above"),
            };
            if to < from {
                Err(SearchError::DateOrder)
            } else if (to - from).num_days() >= MAX_RANGE_DAYS {
                Err(SearchError::DateRange)
            } else {
                Ok(When::Dates { from, to })
            }
        }
        None | Some("upcoming") | Some("dates") => Ok(When::Upcoming),
        Some("today") => Ok(When::Today),
        Some("weekend") => Ok(When::Weekend),
        Some("week") => Ok(When::NextSevenDays),
        Some(_) => Err(SearchError::When),
    }
}

/// Kilometres without a trailing ".0".
pub fn format_km(km: f64) -> String {
    if km.fract() == 0.0 {
        format!("{km:.0}")
    } else {
        format!("{km}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<SearchRequest, Vec<SearchError>> {
        SearchRequest::parse(query.split('&').filter_map(|pair| pair.split_once('=')))
    }

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    /// As an Arabic or Persian keyboard types them.
    #[test]
    fn coordinates_and_radius_in_arabic_and_persian_digits_are_understood() {
        let arabic = parse("place=٥٢٫٥٢، ١٣٫٤٠٥&radius=٢٥").unwrap();
        assert_eq!(
            arabic.origin,
            Origin::Point(GeoPoint::parse(52.52, 13.405).unwrap())
        );
        assert_eq!(arabic.radius_km, 25.0);
        let persian = parse("place=۳۵٫۶۸۹۲، ۵۱٫۳۸۹").unwrap();
        assert_eq!(
            persian.origin,
            Origin::Point(GeoPoint::parse(35.6892, 51.389).unwrap())
        );
        // A place's name with an Arabic comma stays a name.
        assert_eq!(
            parse("place=القاهرة، مصر").unwrap().origin,
            Origin::Named("القاهرة، مصر".into())
        );
    }

    #[test]
    fn an_empty_query_is_the_default_search() {
        assert_eq!(parse("").unwrap(), SearchRequest::default());
        assert_eq!(parse("near=&radius=").unwrap(), SearchRequest::default());
    }

    /// Found by fuzzing: a point typed with more decimals than its links
    /// carry made the next page search from a point a few centimetres away.
    #[test]
    fn a_point_is_repeated_exactly_by_its_links() {
        let request = parse("near=52.572252,13.4055555&sort=nearest").unwrap();
        assert_eq!(
            request.to_query()[0],
            ("near", "52.57225,13.40556".to_string())
        );
        let query: Vec<(&str, String)> = request.to_query();
        let again = SearchRequest::parse(query.iter().map(|(k, v)| (*k, v.as_str()))).unwrap();
        assert_eq!(again, request);
    }

    #[test]
    fn reads_every_field() {
        let request = parse(
            "near=52.5,13.4&radius=5&when=weekend&sort=nearest&category=food&category=music\
             &language=ar&access=step-free&free=1&family=1",
        )
        .unwrap();
        assert_eq!(
            request.origin,
            Origin::Point(GeoPoint::parse(52.5, 13.4).unwrap())
        );
        assert_eq!(request.radius_km, 5.0);
        assert_eq!(request.when, When::Weekend);
        assert_eq!(request.sort, SortOrder::Nearest);
        assert!(request.filters.categories.contains(Category::Food));
        assert!(request.filters.categories.contains(Category::Music));
        assert!(!request.filters.categories.contains(Category::Art));
        assert_eq!(request.filters.languages[0].code(), "ar");
        assert!(
            request
                .filters
                .accessibility
                .contains(AccessibilityFeature::StepFree)
        );
        assert!(request.filters.free_only && request.filters.family_friendly);
    }

    #[test]
    fn round_trips_through_its_query_string() {
        let query = "city=2950159&radius=25&when=dates&from=2026-12-01&to=2026-12-24\
                     &sort=nearest&category=art&language=uk&access=hearing-loop&free=1";
        let request = parse(query).unwrap();
        let again: Vec<(String, String)> = request
            .to_query()
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        let reparsed =
            SearchRequest::parse(again.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(reparsed, request);
    }

    #[test]
    fn reports_every_bad_value() {
        let errors =
            parse("near=91,0&radius=500&when=someday&category=poetry&language=xx").unwrap_err();
        assert_eq!(
            errors,
            vec![
                SearchError::Point(GeoPointError::Latitude),
                SearchError::Radius,
                SearchError::Category,
                SearchError::Language,
                SearchError::When,
            ]
        );
        assert_eq!(
            parse("near=berlin").unwrap_err(),
            vec![SearchError::PointFormat]
        );
        assert_eq!(parse("radius=NaN").unwrap_err(), vec![SearchError::Radius]);
        assert_eq!(parse("radius=0.5").unwrap_err(), vec![SearchError::Radius]);
        assert_eq!(parse("after=s.1.x").unwrap_err(), vec![SearchError::Cursor]);
    }

    #[test]
    fn checks_date_ranges() {
        assert_eq!(
            parse("from=2026-02-30").unwrap_err(),
            vec![SearchError::Date]
        );
        assert_eq!(
            parse("from=2026-12-02&to=2026-12-01").unwrap_err(),
            vec![SearchError::DateOrder]
        );
        assert_eq!(
            parse("from=2026-01-01&to=2027-06-01").unwrap_err(),
            vec![SearchError::DateRange]
        );
        assert_eq!(
            parse("from=2026-12-05").unwrap().when,
            When::Dates {
                from: day("2026-12-05"),
                to: day("2026-12-05")
            }
        );
    }

    #[test]
    fn windows_cover_the_right_days() {
        let thursday = day("2026-12-03");
        assert_eq!(When::Today.days(thursday), Some((thursday, thursday)));
        assert_eq!(
            When::Weekend.days(thursday),
            Some((day("2026-12-05"), day("2026-12-06")))
        );
        // On Sunday, "this weekend" is what is left of it: today.
        assert_eq!(
            When::Weekend.days(day("2026-12-06")),
            Some((day("2026-12-06"), day("2026-12-06")))
        );
        assert_eq!(
            When::Weekend.days(day("2026-12-05")),
            Some((day("2026-12-05"), day("2026-12-06")))
        );
        assert_eq!(
            When::NextSevenDays.days(thursday),
            Some((thursday, day("2026-12-09")))
        );
        assert_eq!(When::Upcoming.days(thursday), None);
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        for cursor in [
            Cursor::Soonest {
                starts_at: 1_790_000_000,
                id: 42,
            },
            Cursor::Nearest {
                metres: 1234,
                starts_at: -5,
                id: 7,
            },
        ] {
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        for garbage in ["", "s", "s.1", "s.1.2.3", "x.1.2", "n.-1.2.3", "s.a.b"] {
            assert_eq!(Cursor::decode(garbage), None, "{garbage}");
        }
        assert_eq!(
            parse("sort=nearest&after=s.1.2").unwrap_err(),
            vec![SearchError::Cursor]
        );
    }

    #[test]
    fn a_chosen_city_counts_while_its_name_is_in_the_field() {
        assert_eq!(
            parse("place=Munich&city=2867714&cityname=Munich")
                .unwrap()
                .origin,
            Origin::City(2867714)
        );
        assert_eq!(parse("city=2867714").unwrap().origin, Origin::City(2867714));
        assert_eq!(
            parse("place=Paris&city=2867714&cityname=Munich")
                .unwrap()
                .origin,
            Origin::Named("Paris".into())
        );
        assert_eq!(
            parse("place=48.1, 11.5").unwrap().origin,
            Origin::Point(GeoPoint::parse(48.1, 11.5).unwrap())
        );
        assert_eq!(
            parse("place=48.1,200").unwrap_err(),
            vec![SearchError::Point(GeoPointError::Longitude)]
        );
        assert_eq!(
            parse("place=M%C3%BCnchen").unwrap().origin,
            Origin::Named("M%C3%BCnchen".into())
        );
    }
}
