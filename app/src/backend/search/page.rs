//! The results page of a search: turns a resident's search into a page of cards —
//! resolves the place through the gazetteer, decides what "today" means
//! there, runs the search and loads the cards.

use crate::backend::gazetteer::{City, CityMatch, Gazetteer};
use crate::backend::search::{self, Area, Criteria, place_name};
use crate::domain::geo_point::GeoPoint;
use crate::domain::search::{Origin, PAGE_SIZE, SearchError, SearchRequest};
use crate::views::search::{Around, PlaceChoice, SearchResults};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ConnectionTrait, DbErr};

#[derive(Debug)]
pub enum SearchPageError {
    Invalid(Vec<SearchError>),
    Database(DbErr),
}

impl From<DbErr> for SearchPageError {
    fn from(error: DbErr) -> Self {
        Self::Database(error)
    }
}

/// How many other cities a typed name may also mean are offered.
const ALTERNATIVES: usize = 5;

pub async fn search(
    db: &impl ConnectionTrait,
    index: &search::SearchIndex,
    request: &SearchRequest,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<SearchResults, SearchPageError> {
    let gazetteer = Gazetteer::global();
    let (mut around, alternatives) = resolve(gazetteer, request)?;
    let area = around.as_ref().map(|around| Area {
        center: GeoPoint::parse(around.latitude, around.longitude)
            .expect("resolved points are valid"),
        radius_m: around.radius_km * 1000.0,
    });
    // The nearest place, looked up once: its zone says what "today" is,
    // and a searched point is named after it.
    let nearest = area.and_then(|area| gazetteer.nearest(area.center));
    let today = today_at(nearest, now);
    if let (Some(around), Origin::Point(point), Some(nearest)) =
        (around.as_mut(), &request.origin, nearest)
    {
        around.place_name = place_name::name_of(gazetteer, *point, nearest, reader_language);
    }
    let page = search::find(
        db,
        index,
        &Criteria {
            area,
            days: request.when.days(today),
            sort: request.sort,
            filters: &request.filters,
            after: request.after,
            now,
            limit: PAGE_SIZE,
        },
    )
    .await?;
    let cards = search::cards(db, &page.found, reader_language).await?;
    // The strip only opens a first page, and never changes `cards`.
    let sponsored = match (&around, &request.after) {
        (Some(around), None) => {
            let strip = crate::backend::offices::sponsorship::strip(
                db,
                around.latitude,
                around.longitude,
                now,
            )
            .await?;
            search::cards(db, &strip, reader_language).await?
        }
        _ => Vec::new(),
    };
    Ok(SearchResults {
        around,
        alternatives,
        cards,
        sponsored,
        next: page.next.map(|cursor| cursor.encode()),
    })
}

/// Place-name suggestions for a typed prefix.
pub fn suggest(prefix: &str, limit: usize) -> Vec<PlaceChoice> {
    // No place name is longer; a longer prefix matches nothing anyway.
    let prefix: String = prefix.chars().take(100).collect();
    Gazetteer::global()
        .search(&prefix, limit)
        .into_iter()
        .map(choice)
        .collect()
}

fn resolve(
    gazetteer: &Gazetteer,
    request: &SearchRequest,
) -> Result<(Option<Around>, Vec<PlaceChoice>), SearchPageError> {
    let around = |label: String, point: GeoPoint| Around {
        label,
        place_name: None,
        latitude: point.latitude(),
        longitude: point.longitude(),
        radius_km: request.radius_km,
    };
    match &request.origin {
        Origin::Anywhere => Ok((None, Vec::new())),
        Origin::Point(point) => Ok((Some(around(point.to_string(), *point)), Vec::new())),
        Origin::City(id) => {
            let city = gazetteer
                .get(*id)
                .ok_or(SearchPageError::Invalid(vec![SearchError::UnknownCity]))?;
            Ok((Some(around(city.name.clone(), city.point)), Vec::new()))
        }
        Origin::Named(name) => {
            let mut matches = gazetteer.search(name, ALTERNATIVES + 1).into_iter();
            let best = matches
                .next()
                .ok_or(SearchPageError::Invalid(vec![SearchError::UnknownCity]))?;
            let label = best.matched_name.to_string();
            Ok((
                Some(around(label, best.city.point)),
                matches.map(choice).collect(),
            ))
        }
    }
}

fn choice(found: CityMatch<'_>) -> PlaceChoice {
    PlaceChoice {
        city_id: found.city.id,
        name: found.matched_name.to_string(),
        country_code: found.city.country_code.clone(),
        point: found.city.point.to_string(),
    }
}

/// Today's date where the resident searches (the zone of the `nearest`
/// city), or in UTC when searching anywhere.
fn today_at(nearest: Option<&City>, now: DateTime<Utc>) -> NaiveDate {
    nearest
        .and_then(|city| city.time_zone.parse::<chrono_tz::Tz>().ok())
        .map(|zone| now.with_timezone(&zone).date_naive())
        .unwrap_or_else(|| now.date_naive())
}
