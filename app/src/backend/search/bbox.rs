//! The latitude/longitude box around a disc, used inside each cell's
//! subquery (the covering index holds both columns) so that a cell's row
//! limit counts mostly rows that can be in the disc. Always a superset of
//! the disc; the exact check stays the haversine distance.

use crate::domain::geo_point::GeoPoint;

const EARTH_RADIUS_M: f64 = 6_371_008.8;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LatLngBox {
    pub min_latitude: f64,
    pub max_latitude: f64,
    /// `None` when the disc contains a pole: every longitude qualifies.
    pub longitudes: Option<Longitudes>,
}

/// A longitude interval; `wraps` when it crosses the antimeridian, meaning
/// `longitude >= west OR longitude <= east`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Longitudes {
    pub west: f64,
    pub east: f64,
    pub wraps: bool,
}

impl LatLngBox {
    /// The same test the database makes (`BETWEEN` is inclusive), so the
    /// in-memory index and SQL keep exactly the same candidates.
    pub fn contains(&self, latitude: f64, longitude: f64) -> bool {
        if latitude < self.min_latitude || latitude > self.max_latitude {
            return false;
        }
        match self.longitudes {
            None => true,
            Some(l) if l.wraps => longitude >= l.west || longitude <= l.east,
            Some(l) => longitude >= l.west && longitude <= l.east,
        }
    }
}

pub fn around(center: GeoPoint, radius_m: f64) -> LatLngBox {
    // A little slack so rounding never drops a point on the boundary.
    let angle = radius_m * 1.000_01 / EARTH_RADIUS_M + 1e-9;
    let degrees = angle.to_degrees();
    let min_latitude = (center.latitude() - degrees).max(-90.0);
    let max_latitude = (center.latitude() + degrees).min(90.0);
    let cos_lat = center.latitude().to_radians().cos();
    // The widest longitude reach of a spherical cap: asin(sin δ / cos φ).
    let longitudes = if min_latitude <= -90.0 || max_latitude >= 90.0 || angle.sin() >= cos_lat {
        None
    } else {
        let reach = (angle.sin() / cos_lat).asin().to_degrees();
        let (west, east) = (center.longitude() - reach, center.longitude() + reach);
        Some(if west < -180.0 {
            Longitudes {
                west: west + 360.0,
                east,
                wraps: true,
            }
        } else if east > 180.0 {
            Longitudes {
                west,
                east: east - 360.0,
                wraps: true,
            }
        } else {
            Longitudes {
                west,
                east,
                wraps: false,
            }
        })
    };
    LatLngBox {
        min_latitude,
        max_latitude,
        longitudes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::distance::metres_between;

    fn at(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint::parse(lat, lng).unwrap()
    }

    /// Every point within the radius is in the box, wherever the disc is.
    #[test]
    fn holds_the_whole_disc() {
        for (lat, lng) in [
            (52.5, 13.4),
            (-33.9, 151.2),
            (0.0, 179.99),
            (-16.5, -179.97),
            (89.9, 30.0),
            (-89.5, 0.0),
            (70.0, -179.0),
        ] {
            let center = at(lat, lng);
            for radius in [1_000.0, 5_000.0, 50_000.0, 100_000.0] {
                let boxed = around(center, radius);
                for step in 0..720 {
                    let bearing = f64::from(step) / 2.0;
                    for fraction in [0.5, 0.999] {
                        use geo::{Destination, Haversine, Point};
                        let p =
                            Haversine.destination(Point::new(lng, lat), bearing, radius * fraction);
                        let point = at(p.y().clamp(-90.0, 90.0), p.x());
                        assert!(metres_between(center, point) <= radius * 1.000_001);
                        assert!(
                            boxed.contains(point.latitude(), point.longitude()),
                            "{point} within {radius} m of {center} is outside {boxed:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn is_tight_away_from_the_poles() {
        let boxed = around(at(52.5, 13.4), 5_000.0);
        assert!((boxed.max_latitude - boxed.min_latitude - 0.09).abs() < 0.001);
        let lng = boxed.longitudes.unwrap();
        assert!(
            !lng.wraps && (lng.east - lng.west - 0.148).abs() < 0.002,
            "{lng:?}"
        );
    }

    #[test]
    fn wraps_at_the_antimeridian_and_opens_at_the_poles() {
        assert!(around(at(0.0, 179.99), 5_000.0).longitudes.unwrap().wraps);
        assert_eq!(around(at(89.99, 0.0), 5_000.0).longitudes, None);
    }
}
