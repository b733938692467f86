//! QR codes drawn as SVG on the server, so that a poster or a page carries
//! one without any script or image service.

use qrcode::{EcLevel, QrCode, render::svg};

/// `text` as an inline `<svg>` element (no XML declaration), at least
/// `size` pixels wide, with the quiet zone scanners need. Error correction
/// "M" survives a crease or a smudge on a printed poster. `None` when the
/// text is too long for any QR code.
pub fn svg(text: &str, size: u32) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let drawn = code
        .render::<svg::Color>()
        .min_dimensions(size, size)
        .quiet_zone(true)
        .build();
    // The renderer starts with `<?xml …?>`, which HTML does not take.
    let start = drawn.find("<svg")?;
    Some(drawn[start..].to_string())
}

#[cfg(test)]
mod tests {
    use super::svg;

    #[test]
    fn an_address_becomes_an_svg_element() {
        let drawn = svg("https://meet.example.org/events/AbC123", 200).unwrap();
        assert!(drawn.starts_with("<svg"), "{drawn}");
        assert!(drawn.trim_end().ends_with("</svg>"));
        assert!(drawn.contains("<path"));
    }

    #[test]
    fn text_too_long_for_a_code_is_refused() {
        assert_eq!(svg(&"x".repeat(10_000), 200), None);
    }
}
