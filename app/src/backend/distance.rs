//! The one definition of distance on Earth used everywhere: the
//! great-circle (haversine) distance from the `geo` crate.

use crate::domain::geo_point::GeoPoint;
use geo::{Distance, Haversine, Point};

/// Great-circle distance in metres (mean Earth radius, GRS80).
pub fn metres_between(a: GeoPoint, b: GeoPoint) -> f64 {
    Haversine.distance(
        Point::new(a.longitude(), a.latitude()),
        Point::new(b.longitude(), b.latitude()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint::parse(lat, lng).unwrap()
    }

    #[test]
    fn berlin_to_paris_is_about_878_km() {
        let metres = metres_between(at(52.52, 13.405), at(48.8566, 2.3522));
        assert!((metres - 877_500.0).abs() < 2_000.0, "{metres}");
    }

    #[test]
    fn the_antimeridian_is_not_a_wall() {
        let metres = metres_between(at(0.0, 179.99), at(0.0, -179.99));
        assert!(metres < 2_300.0, "{metres}");
    }
}
