//! Where the public may see a place. When the host shares the exact address
//! only with confirmed guests ("do no harm"), pages, maps and data show the
//! centre of the place's neighbourhood instead: its H3 cell at resolution 7
//! (about 5 km², edges of ~1.4 km), never the point itself.

use crate::domain::geo_point::GeoPoint;

pub fn shown_position(point: GeoPoint, address_public: bool) -> GeoPoint {
    if address_public {
        return point;
    }
    let latlng = h3o::LatLng::new(point.latitude(), point.longitude()).expect("valid point");
    let center = h3o::LatLng::from(latlng.to_cell(h3o::Resolution::Seven));
    GeoPoint::parse(center.lat(), center.lng()).expect("H3 cell centres are valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::distance::metres_between;

    #[test]
    fn hides_the_exact_point_but_stays_in_the_neighbourhood() {
        let home = GeoPoint::parse(52.512345, 13.398765).unwrap();
        let shown = shown_position(home, false);
        assert_ne!(shown, home);
        assert!(metres_between(home, shown) < 2_000.0);
        // Everyone in the same cell is shown at the same place.
        let neighbour = GeoPoint::parse(52.5125, 13.3990).unwrap();
        assert_eq!(shown_position(neighbour, false), shown);
        assert_eq!(shown_position(home, true), home);
    }
}
