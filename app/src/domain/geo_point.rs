//! A point on Earth, parsed once so that everything holding one can trust it.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A WGS 84 latitude/longitude pair in degrees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct GeoPoint {
    latitude: f64,
    longitude: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum GeoPointError {
    #[error("latitude must be a number between -90 and 90")]
    Latitude,
    #[error("longitude must be a number between -180 and 180")]
    Longitude,
}

impl GeoPoint {
    /// Accepts only finite coordinates inside the valid ranges.
    pub fn parse(latitude: f64, longitude: f64) -> Result<Self, GeoPointError> {
        if !latitude.is_finite() || !(-90.0..=90.0).contains(&latitude) {
            return Err(GeoPointError::Latitude);
        }
        if !longitude.is_finite() || !(-180.0..=180.0).contains(&longitude) {
            return Err(GeoPointError::Longitude);
        }
        Ok(Self {
            latitude,
            longitude,
        })
    }

    pub fn latitude(&self) -> f64 {
        self.latitude
    }

    pub fn longitude(&self) -> f64 {
        self.longitude
    }
}

impl fmt::Display for GeoPoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:.5},{:.5}", self.latitude, self.longitude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_points_on_the_edges_of_the_map() {
        assert!(GeoPoint::parse(90.0, 180.0).is_ok());
        assert!(GeoPoint::parse(-90.0, -180.0).is_ok());
    }

    #[test]
    fn rejects_out_of_range_and_non_finite_coordinates() {
        assert_eq!(GeoPoint::parse(90.1, 0.0), Err(GeoPointError::Latitude));
        assert_eq!(GeoPoint::parse(f64::NAN, 0.0), Err(GeoPointError::Latitude));
        assert_eq!(GeoPoint::parse(0.0, 180.5), Err(GeoPointError::Longitude));
        assert_eq!(
            GeoPoint::parse(0.0, f64::INFINITY),
            Err(GeoPointError::Longitude)
        );
    }
}
