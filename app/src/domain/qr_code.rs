//! QR codes drawn on the server, so that a poster, a page or an email
//! carries one without any script or image service: as SVG for pages, and
//! as a table of coloured cells for email (mail programs drop SVG and, by
//! default, pictures from afar; every one of them draws a table).

use qrcode::{Color, EcLevel, QrCode, render::svg};

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

/// `text` as an HTML `<table>` whose dark cells are the code's modules,
/// each `module` pixels square, with a four-module quiet zone. Each row of
/// modules is a table of its own whose cells are runs of one colour, so
/// their widths are exact in any mail program's layout and the email
/// stays well under the size at which mail programs cut it. `label` is
/// what screen readers hear. `None` when the text is too long for any QR
/// code.
pub fn html_table(text: &str, module: u32, label: &str) -> Option<String> {
    const QUIET: u32 = 4;
    const FLAT: &str = "border-collapse:collapse;border-spacing:0";
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let colors = code.to_colors();
    let mut table = format!(
        "<table role=\"img\" aria-label=\"{label}\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" \
         bgcolor=\"#ffffff\" style=\"{FLAT};background:#ffffff;border:{quiet}px solid #ffffff\">",
        label = crate::domain::text::escape_html(label),
        quiet = QUIET * module,
    );
    for row in colors.chunks(code.width()) {
        // Cells carry only attributes (every mail program reads them); the
        // row's style keeps empty cells from growing to a line's height.
        table.push_str(&format!(
            "<tr><td style=\"padding:0\"><table role=\"presentation\" cellpadding=\"0\" \
             cellspacing=\"0\" border=\"0\" style=\"{FLAT}\"><tr style=\"font-size:0;line-height:0\">"
        ));
        for (dark, run) in runs(row) {
            let color = if dark { "#000" } else { "#fff" };
            let width = run * module;
            table.push_str(&format!(
                "<td width=\"{width}\" height=\"{module}\" bgcolor=\"{color}\"></td>"
            ));
        }
        table.push_str("</tr></table></td></tr>");
    }
    table.push_str("</table>");
    Some(table)
}

/// A row of modules as (dark, how many) runs.
fn runs(row: &[Color]) -> Vec<(bool, u32)> {
    let mut runs: Vec<(bool, u32)> = Vec::new();
    for module in row {
        let dark = *module == Color::Dark;
        match runs.last_mut() {
            Some((last, count)) if *last == dark => *count += 1,
            _ => runs.push((dark, 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::{html_table, svg};

    #[test]
    fn a_table_has_one_row_per_module_row_and_stays_small() {
        let address = "https://meet.example.org/events/AbC123xyZ/dates/123456/door?q=K7MX3P";
        let drawn = html_table(address, 4, "Door code <K7MX3P>").unwrap();
        let side = qrcode::QrCode::with_error_correction_level(address, qrcode::EcLevel::M)
            .unwrap()
            .width();
        assert_eq!(drawn.matches("<table").count(), side + 1, "a table per row");
        assert!(drawn.contains("aria-label=\"Door code &lt;K7MX3P&gt;\""));
        // Well under the 102 KB at which some mail programs cut a message.
        assert!(drawn.len() < 40_000, "{} bytes", drawn.len());
    }

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
