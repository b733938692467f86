//! The spatial index: every occurrence stores the H3 cell of its place at
//! four resolutions (`cell_r3` … `cell_r6`), each column indexed together
//! with the start time and the position. A search covers its disc with the
//! cells of one resolution, coarse enough that one to a few cells suffice,
//! and reads each cell's index in time order, skipping entries outside the
//! disc's latitude/longitude box without leaving the index.
//!
//! Few, coarse cells beat many fine ones: measured on 1M gatherings, each
//! extra cell's subquery costs about 0.1 ms, far more than the index
//! entries a coarser cell makes the database skip (see ARCHITECTURE.md).
//!
//! The same cells file each date in the in-memory index (`super::memory`),
//! which answers searches without a database round trip; the columns let
//! the database answer the same way while that index is being built.
//! Keyed by (cell, start), both answer "soonest first" by reading only the
//! first entries of each cell. See ARCHITECTURE.md for the measurements.

use crate::backend::distance::metres_between;
use crate::domain::geo_point::GeoPoint;
use h3o::{CellIndex, LatLng, Resolution};
use std::collections::HashSet;

/// The resolutions stored, coarsest first; a column per entry.
pub const RESOLUTIONS: [Resolution; 4] = [
    Resolution::Three,
    Resolution::Four,
    Resolution::Five,
    Resolution::Six,
];

/// The column of each resolution, in the order of [`RESOLUTIONS`].
pub const COLUMNS: [&str; 4] = ["cell_r3", "cell_r4", "cell_r5", "cell_r6"];

/// The cells of `point` at every stored resolution, as stored (H3 indexes
/// fit in a signed 64-bit integer: their top bit is always 0).
pub fn cells_of(point: GeoPoint) -> [i64; 4] {
    let latlng = lat_lng(point);
    RESOLUTIONS.map(|resolution| u64::from(latlng.to_cell(resolution)) as i64)
}

/// The cells covering a disc: every cell of the chosen resolution that
/// could hold a point within `radius_m` of `center`.
#[derive(Debug)]
pub struct Cover {
    /// Index into [`RESOLUTIONS`] and [`COLUMNS`].
    pub level: usize,
    pub cells: Vec<i64>,
}

impl Cover {
    pub fn column(&self) -> &'static str {
        COLUMNS[self.level]
    }
}

/// The cells covering a disc at the resolution [`level_for`] its radius.
pub fn cover(center: GeoPoint, radius_m: f64) -> Cover {
    cover_at(center, radius_m, level_for(radius_m))
}

/// The cells covering a disc at a chosen level (an index into
/// [`RESOLUTIONS`]). H3 cells do not nest exactly (a child pokes out of its
/// parent), so a cover at another level is computed, never derived.
pub fn cover_at(center: GeoPoint, radius_m: f64, level: usize) -> Cover {
    let start = lat_lng(center).to_cell(RESOLUTIONS[level]);
    // Breadth-first from the centre's cell, keeping every cell whose nearest
    // possible point (centre distance minus the cell's circumradius) is
    // within the radius. The cells meeting the disc are connected, so the
    // walk reaches them all; it stops when a ring adds nothing.
    let mut seen: HashSet<CellIndex> = HashSet::from([start]);
    let mut kept = vec![start];
    let mut frontier = vec![start];
    while !frontier.is_empty() {
        let mut next = Vec::new();
        for cell in frontier {
            for neighbour in cell.grid_disk::<Vec<_>>(1) {
                if seen.insert(neighbour) && may_reach(neighbour, center, radius_m) {
                    kept.push(neighbour);
                    next.push(neighbour);
                }
            }
        }
        frontier = next;
    }
    let mut cells: Vec<i64> = kept.into_iter().map(|c| u64::from(c) as i64).collect();
    cells.sort_unstable();
    Cover { level, cells }
}

/// The finest resolution whose cells' edge is at least the disc's
/// diameter: one to four cells per disc (up to ~7 for 100 km).
pub fn level_for(radius_m: f64) -> usize {
    (0..RESOLUTIONS.len())
        .rev()
        .find(|&level| RESOLUTIONS[level].edge_length_m() >= 2.0 * radius_m)
        .unwrap_or(0)
}

/// Whether any point of `cell` is within `radius_m` of `center`: the
/// great-circle distance to the nearest point of the cell's boundary (H3
/// cell edges are great-circle arcs). Fifty metres of slack cover rounding;
/// a cell kept needlessly costs a little time, one missed would lose
/// gatherings.
fn may_reach(cell: CellIndex, center: GeoPoint, radius_m: f64) -> bool {
    use geo::{Closest, HaversineClosestPoint, Line, Point};
    let from = Point::new(center.longitude(), center.latitude());
    let boundary = cell.boundary();
    let vertices: Vec<_> = boundary.iter().map(|v| (v.lng(), v.lat())).collect();
    (0..vertices.len()).any(|i| {
        let edge = Line::new(vertices[i], vertices[(i + 1) % vertices.len()]);
        match edge.haversine_closest_point(&from) {
            Closest::SinglePoint(p) | Closest::Intersection(p) => GeoPoint::parse(p.y(), p.x())
                .is_ok_and(|p| metres_between(center, p) <= radius_m + 50.0),
            Closest::Indeterminate => true,
        }
    })
}

fn lat_lng(point: GeoPoint) -> LatLng {
    LatLng::new(point.latitude(), point.longitude()).expect("a GeoPoint is always a valid LatLng")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(lat: f64, lng: f64) -> GeoPoint {
        GeoPoint::parse(lat, lng).unwrap()
    }

    /// Points scattered around a centre, up to 1.3 × the radius away.
    fn scatter(center: GeoPoint, radius_m: f64) -> Vec<GeoPoint> {
        let mut points = Vec::new();
        let degrees = radius_m * 1.3 / 111_000.0;
        for i in -40..=40 {
            for j in -40..=40 {
                let lat = (center.latitude() + degrees * f64::from(i) / 40.0).clamp(-90.0, 90.0);
                let mut lng = center.longitude() + degrees * f64::from(j) / 40.0 * 3.0;
                if lng > 180.0 {
                    lng -= 360.0;
                }
                if lng < -180.0 {
                    lng += 360.0;
                }
                points.push(at(lat, lng));
            }
        }
        points
    }

    /// Every point within the radius must lie in a covered cell: the index
    /// may return extra candidates, never miss one.
    fn assert_covers(center: GeoPoint, radius_m: f64) {
        let cover = cover(center, radius_m);
        for point in scatter(center, radius_m) {
            if metres_between(center, point) <= radius_m {
                let cell = cells_of(point)[cover.level];
                assert!(
                    cover.cells.binary_search(&cell).is_ok(),
                    "{point} is within {radius_m} m of {center} but its cell is not covered"
                );
            }
        }
    }

    #[test]
    fn covers_discs_of_every_size() {
        for radius_km in [1.0, 2.5, 5.0, 10.0, 25.0, 50.0, 100.0] {
            assert_covers(at(52.52, 13.405), radius_km * 1000.0);
        }
    }

    #[test]
    fn covers_across_the_antimeridian_and_near_the_poles() {
        assert_covers(at(-17.8, 179.99), 10_000.0);
        assert_covers(at(65.0, -179.95), 50_000.0);
        assert_covers(at(89.95, 0.0), 10_000.0);
        assert_covers(at(-89.99, 120.0), 100_000.0);
    }

    #[test]
    fn uses_a_handful_of_cells() {
        for radius_km in [1.0, 5.0, 10.0, 30.0, 100.0] {
            let cover = cover(at(48.8566, 2.3522), radius_km * 1000.0);
            assert!(
                (1..=12).contains(&cover.cells.len()),
                "{radius_km} km needs {} cells",
                cover.cells.len()
            );
        }
    }

    #[test]
    fn stored_cells_are_positive_and_nested() {
        let cells = cells_of(at(-33.87, 151.21));
        assert!(cells.iter().all(|&c| c > 0));
        let finest = CellIndex::try_from(cells[3] as u64).unwrap();
        assert_eq!(
            u64::from(finest.parent(Resolution::Three).unwrap()) as i64,
            cells[0]
        );
    }
}
