//! A city office's jurisdiction: one or more polygons (holes respected)
//! read from GeoJSON, checked, stored, and asked "is this point inside?".
//!
//! **The boundary counts as inside**: a venue on the border street belongs
//! to the area on either side, so both offices may sponsor it.
//!
//! GeoJSON positions are `[longitude, latitude]`. A file written the other
//! way round is refused: when a position is out of range and would not be
//! if swapped, or when the area lies far from every known city while the
//! swapped one lies in a city (a lat/lng swap of Berlin lands in the sea).

use crate::backend::{entities::office_area, gazetteer::Gazetteer};
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::OfficeId;
use chrono::Utc;
use geo::{
    BoundingRect, Centroid, Distance, Haversine, Intersects, MultiPolygon, Point, Polygon,
    Validation,
};
use geojson::GeoJson;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set, sea_query::OnConflict,
};

pub use crate::domain::refusals::AreaProblem;

/// An area whose centre is further than this from every known city, while
/// its mirror image lies within [`MIRROR_NEAR_KM`] of one, was written
/// latitude first. Real districts lie near a town; a mirrored one lands
/// near a city only by chance, and then far from where it came from.
const FAR_KM: f64 = 100.0;
const MIRROR_NEAR_KM: f64 = 25.0;

/// Reads every Polygon and MultiPolygon in a GeoJSON geometry, feature or
/// feature collection; `progress(done, total)` is called as each polygon
/// is checked (the slow part for a detailed boundary).
pub fn parse(
    text: &str,
    progress: impl FnMut(usize, usize),
) -> Result<MultiPolygon<f64>, AreaProblem> {
    let geojson: GeoJson = text
        .parse()
        .map_err(|e: geojson::Error| AreaProblem::NotGeoJson(e.to_string()))?;
    let geometries: Vec<geojson::Geometry> = match geojson {
        GeoJson::Geometry(geometry) => vec![geometry],
        GeoJson::Feature(feature) => feature.geometry.into_iter().collect(),
        GeoJson::FeatureCollection(collection) => collection
            .features
            .into_iter()
            .filter_map(|feature| feature.geometry)
            .collect(),
    };
    let mut polygons: Vec<Polygon<f64>> = Vec::new();
    for geometry in geometries {
        let kind = geometry.value.type_name().to_string();
        let rings: Vec<&Vec<geojson::Position>> = match &geometry.value {
            geojson::GeometryValue::Polygon { coordinates } => coordinates.iter().collect(),
            geojson::GeometryValue::MultiPolygon { coordinates } => {
                coordinates.iter().flatten().collect()
            }
            _ => return Err(AreaProblem::NotAnArea(kind)),
        };
        // The conversion below indexes [0] and [1] of every position, and
        // panics on a shorter one (found by fuzzing).
        if rings
            .iter()
            .flat_map(|ring| ring.iter())
            .any(|p| p.len() < 2)
        {
            return Err(AreaProblem::NotGeoJson(
                "a position needs a longitude and a latitude".into(),
            ));
        }
        match geo::Geometry::<f64>::try_from(geometry.value) {
            Ok(geo::Geometry::Polygon(polygon)) => polygons.push(polygon),
            Ok(geo::Geometry::MultiPolygon(multi)) => polygons.extend(multi.0),
            _ => return Err(AreaProblem::NotAnArea(kind)),
        }
    }
    check(MultiPolygon(polygons), Gazetteer::global(), progress)
}

/// Ranges, validity (closed rings, no self-intersection, holes inside),
/// surface, and the swapped-coordinates test.
fn check(
    area: MultiPolygon<f64>,
    gazetteer: &Gazetteer,
    mut progress: impl FnMut(usize, usize),
) -> Result<MultiPolygon<f64>, AreaProblem> {
    use geo::{Area, CoordsIter};
    if area.0.is_empty() {
        return Err(AreaProblem::Empty);
    }
    for (index, polygon) in area.0.iter().enumerate() {
        let polygon_number = index + 1;
        for coord in polygon.coords_iter() {
            let (longitude, latitude) = (coord.x, coord.y);
            let in_range = |lng: f64, lat: f64| {
                lng.is_finite() && lat.is_finite() && lng.abs() <= 180.0 && lat.abs() <= 90.0
            };
            if !in_range(longitude, latitude) {
                return Err(if in_range(latitude, longitude) {
                    AreaProblem::Swapped
                } else {
                    AreaProblem::OutOfRange {
                        polygon: polygon_number,
                        longitude,
                        latitude,
                    }
                });
            }
        }
        if let Some(problem) = polygon.validation_errors().into_iter().next() {
            return Err(AreaProblem::Invalid {
                polygon: polygon_number,
                reason: problem.to_string(),
            });
        }
        if polygon.unsigned_area() == 0.0 {
            return Err(AreaProblem::Empty);
        }
        progress(polygon_number, area.0.len());
    }
    if let Some(problem) = area.validation_errors().into_iter().next() {
        return Err(AreaProblem::Invalid {
            polygon: 0,
            reason: problem.to_string(),
        });
    }
    if looks_swapped(&area, gazetteer) {
        return Err(AreaProblem::Swapped);
    }
    Ok(area)
}

/// Far from every known city, while the mirrored area sits in one.
fn looks_swapped(area: &MultiPolygon<f64>, gazetteer: &Gazetteer) -> bool {
    let Some(centre) = area.centroid() else {
        return false;
    };
    let km_to_city = |latitude: f64, longitude: f64| {
        let point = GeoPoint::parse(latitude, longitude).ok()?;
        let city = gazetteer.nearest(point)?;
        let city = Point::new(city.point.longitude(), city.point.latitude());
        Some(Haversine.distance(Point::new(longitude, latitude), city) / 1000.0)
    };
    let here = km_to_city(centre.y(), centre.x());
    let mirrored = km_to_city(centre.x(), centre.y());
    matches!((here, mirrored), (Some(here), Some(mirrored)) if here > FAR_KM && mirrored < MIRROR_NEAR_KM)
}

/// Inside, or on the boundary (see the module's note).
pub fn covers(area: &MultiPolygon<f64>, latitude: f64, longitude: f64) -> bool {
    area.intersects(&Point::new(longitude, latitude))
}

/// Replaces the jurisdiction of `office_id` with `area`.
pub async fn store<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    area: &MultiPolygon<f64>,
) -> Result<(), DbErr> {
    let bounds = area
        .bounding_rect()
        .ok_or_else(|| DbErr::Custom("an area without bounds".into()))?;
    let geometry = geojson::Geometry::from(area);
    office_area::Entity::insert(office_area::ActiveModel {
        office_id: Set(office_id),
        geojson: Set(geometry.to_string()),
        min_latitude: Set(bounds.min().y),
        min_longitude: Set(bounds.min().x),
        max_latitude: Set(bounds.max().y),
        max_longitude: Set(bounds.max().x),
        polygons: Set(area.0.len() as i32),
        imported_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(office_area::Column::OfficeId)
            .update_columns([
                office_area::Column::Geojson,
                office_area::Column::MinLatitude,
                office_area::Column::MinLongitude,
                office_area::Column::MaxLatitude,
                office_area::Column::MaxLongitude,
                office_area::Column::Polygons,
                office_area::Column::ImportedAt,
            ])
            .to_owned(),
    )
    .exec(conn)
    .await?;
    Ok(())
}

/// The stored area of an office.
pub async fn of_office<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
) -> Result<Option<MultiPolygon<f64>>, DbErr> {
    Ok(office_area::Entity::find_by_id(office_id)
        .one(conn)
        .await?
        .and_then(|row| decode(&row.geojson)))
}

/// `area` as a GeoJSON geometry, for maps and the API.
pub fn to_geojson(area: &MultiPolygon<f64>) -> String {
    geojson::Geometry::from(area).to_string()
}

/// The offices whose jurisdiction covers a point: a box test in the
/// database, then the exact test on those few polygons.
pub async fn offices_covering<C: ConnectionTrait>(
    conn: &C,
    latitude: f64,
    longitude: f64,
) -> Result<Vec<OfficeId>, DbErr> {
    let candidates = office_area::Entity::find()
        .filter(office_area::Column::MinLatitude.lte(latitude))
        .filter(office_area::Column::MaxLatitude.gte(latitude))
        .filter(office_area::Column::MinLongitude.lte(longitude))
        .filter(office_area::Column::MaxLongitude.gte(longitude))
        .all(conn)
        .await?;
    Ok(candidates
        .into_iter()
        .filter(|row| decode(&row.geojson).is_some_and(|area| covers(&area, latitude, longitude)))
        .map(|row| row.office_id)
        .collect())
}

fn decode(text: &str) -> Option<MultiPolygon<f64>> {
    let geometry: geojson::Geometry = text.parse().ok()?;
    MultiPolygon::try_from(geometry.value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A square "district" around central Berlin with a square hole (a park
    /// run by another office), plus a second square to the east.
    pub const BERLIN: &str = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"name":"Mitte"},"geometry":{"type":"MultiPolygon","coordinates":[
        [[[13.30,52.45],[13.50,52.45],[13.50,52.55],[13.30,52.55],[13.30,52.45]],
         [[13.38,52.49],[13.38,52.51],[13.42,52.51],[13.42,52.49],[13.38,52.49]]],
        [[[13.60,52.45],[13.70,52.45],[13.70,52.55],[13.60,52.55],[13.60,52.45]]]]}}]}"#;

    fn berlin() -> MultiPolygon<f64> {
        parse(BERLIN, |_, _| {}).unwrap()
    }

    #[test]
    fn inside_the_hole_and_outside_are_told_apart() {
        let area = berlin();
        assert_eq!(area.0.len(), 2);
        assert!(covers(&area, 52.52, 13.35), "inside the first polygon");
        assert!(covers(&area, 52.50, 13.65), "inside the second polygon");
        assert!(!covers(&area, 52.50, 13.40), "in the hole");
        assert!(!covers(&area, 52.50, 13.55), "between the polygons");
        assert!(!covers(&area, 48.85, 2.35), "Paris");
    }

    #[test]
    fn the_boundary_counts_as_inside() {
        let area = berlin();
        assert!(covers(&area, 52.45, 13.40), "on the outer edge");
        assert!(covers(&area, 52.49, 13.40), "on the hole's edge");
        assert!(covers(&area, 52.45, 13.30), "on a corner");
    }

    #[test]
    fn bad_files_are_refused_with_their_reason() {
        type Expected = fn(&AreaProblem) -> bool;
        let cases: Vec<(&str, Expected)> = vec![
            ("{not json", |p| matches!(p, AreaProblem::NotGeoJson(_))),
            // Found by fuzzing: a position with one number crashed the
            // conversion.
            (
                r#"{"type":"Polygon","coordinates":[[[13.3],[13.5,52.4],[13.5,52.5],[13.3]]]}"#,
                |p| matches!(p, AreaProblem::NotGeoJson(_)),
            ),
            (
                r#"{"type":"Point","coordinates":[13.4,52.5]}"#,
                |p| matches!(p, AreaProblem::NotAnArea(kind) if kind == "Point"),
            ),
            (r#"{"type":"FeatureCollection","features":[]}"#, |p| {
                *p == AreaProblem::Empty
            }),
            // A bow tie: the ring crosses itself.
            (
                r#"{"type":"Polygon","coordinates":[[[13.3,52.4],[13.5,52.6],[13.5,52.4],[13.3,52.6],[13.3,52.4]]]}"#,
                |p| matches!(p, AreaProblem::Invalid { polygon: 1, .. }),
            ),
            // Degenerate: all on one line.
            (
                r#"{"type":"Polygon","coordinates":[[[13.3,52.4],[13.4,52.4],[13.5,52.4],[13.3,52.4]]]}"#,
                |p| matches!(p, AreaProblem::Invalid { .. } | AreaProblem::Empty),
            ),
            // [lat, lng] for Tokyo: 139 is no latitude.
            (
                r#"{"type":"Polygon","coordinates":[[[35.6,139.6],[35.8,139.6],[35.8,139.8],[35.6,139.8],[35.6,139.6]]]}"#,
                |p| *p == AreaProblem::Swapped,
            ),
            (
                r#"{"type":"Polygon","coordinates":[[[200,52.4],[201,52.4],[201,52.6],[200,52.4]]]}"#,
                |p| matches!(p, AreaProblem::OutOfRange { .. }),
            ),
        ];
        for (text, expected) in cases {
            let problem = parse(text, |_, _| {}).unwrap_err();
            assert!(expected(&problem), "{text}: {problem:?}");
        }
    }

    #[test]
    fn berlin_written_latitude_first_is_caught() {
        // In range either way, but [lat, lng] puts Berlin in the Arabian Sea.
        let swapped = r#"{"type":"Polygon","coordinates":[[[52.45,13.30],[52.45,13.50],[52.55,13.50],[52.55,13.30],[52.45,13.30]]]}"#;
        assert_eq!(parse(swapped, |_, _| {}).unwrap_err(), AreaProblem::Swapped);
    }

    #[test]
    fn progress_is_reported_per_polygon() {
        let mut calls = Vec::new();
        parse(BERLIN, |done, total| calls.push((done, total))).unwrap();
        assert_eq!(calls, [(1, 2), (2, 2)]);
    }

    #[test]
    fn an_area_survives_storage_as_geojson() {
        let area = berlin();
        let text = geojson::Geometry::from(&area).to_string();
        assert_eq!(decode(&text), Some(area));
    }

    /// Found by fuzzing: without exact float parsing a coordinate could
    /// come back one step off (52.455555555555556 as 52.45555555555555).
    #[test]
    fn coordinates_read_back_exactly() {
        let text = r#"{"type":"Polygon","coordinates":[[[13.3,52.45],[13.5,52.455555555555556],
            [13.5,52.55],[13.3,52.55],[13.3,52.45]]]}"#;
        let area = parse(text, |_, _| {}).unwrap();
        assert_eq!(parse(&to_geojson(&area), |_, _| {}).unwrap(), area);
        assert_eq!(area.0[0].exterior().0[1].y, 52.455555555555556);
    }
}
