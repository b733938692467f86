//! A jurisdiction drawn as a small SVG outline, so the office page shows
//! its area without JavaScript or map tiles (the Leaflet map adds streets
//! when it can load).

use geo::{BoundingRect, LineString, MultiPolygon};
use std::fmt::Write;

const WIDTH: f64 = 320.0;
const MAX_HEIGHT: f64 = 240.0;

/// An `<svg>` of the area's polygons (holes cut out), north up. Longitudes
/// are scaled by the cosine of the latitude, so shapes are not stretched.
pub fn outline_svg(area: &MultiPolygon<f64>, label: &str) -> Option<String> {
    let bounds = area.bounding_rect()?;
    let middle = (bounds.min().y + bounds.max().y) / 2.0;
    let squeeze = middle.to_radians().cos().max(0.01);
    let span_x = ((bounds.max().x - bounds.min().x) * squeeze).max(1e-9);
    let span_y = (bounds.max().y - bounds.min().y).max(1e-9);
    let scale = (WIDTH / span_x).min(MAX_HEIGHT / span_y);
    let height = (span_y * scale).ceil();
    let project = |x: f64, y: f64| {
        (
            (x - bounds.min().x) * squeeze * scale,
            (bounds.max().y - y) * scale,
        )
    };
    let mut path = String::new();
    let mut ring = |line: &LineString<f64>| {
        for (index, coord) in line.0.iter().enumerate() {
            let (x, y) = project(coord.x, coord.y);
            let command = if index == 0 { 'M' } else { 'L' };
            let _ = write!(path, "{command}{x:.1} {y:.1}");
        }
        path.push('Z');
    };
    for polygon in &area.0 {
        ring(polygon.exterior());
        polygon.interiors().iter().for_each(&mut ring);
    }
    let label = label
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('"', "&quot;");
    Some(format!(
        "<svg class=\"area-outline\" viewBox=\"-2 -2 {w} {h}\" width=\"{w}\" height=\"{h}\" role=\"img\" aria-label=\"{label}\"><path d=\"{path}\" fill-rule=\"evenodd\" style=\"fill:var(--color-accent);fill-opacity:0.15;stroke:var(--color-accent);stroke-width:2\"/></svg>",
        w = WIDTH + 4.0,
        h = height + 4.0,
    ))
}

#[cfg(test)]
mod tests {
    use geo::{MultiPolygon, polygon};

    #[test]
    fn a_square_with_a_hole_becomes_two_rings() {
        let square = polygon!(
            exterior: [(x: 13.3, y: 52.4), (x: 13.5, y: 52.4), (x: 13.5, y: 52.6), (x: 13.3, y: 52.6), (x: 13.3, y: 52.4)],
            interiors: [[(x: 13.38, y: 52.49), (x: 13.42, y: 52.49), (x: 13.42, y: 52.51), (x: 13.38, y: 52.49)]],
        );
        let svg = super::outline_svg(&MultiPolygon(vec![square]), "Mitte <office>").unwrap();
        assert_eq!(svg.matches('Z').count(), 2, "{svg}");
        assert!(svg.contains("evenodd"));
        assert!(svg.contains("aria-label=\"Mitte &lt;office>\""));
        // North up: the northern edge is at the top (y = 0).
        assert!(
            svg.contains("L0.0 0.0") || svg.contains("M0.0 0.0"),
            "{svg}"
        );
    }
}
