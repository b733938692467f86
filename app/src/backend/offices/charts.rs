//! Server-rendered horizontal bar charts: plain SVG strings, no JavaScript.
//!
//! Drawn with `plotters` using only its SVG backend: text becomes native `<text>` that
//! the browser lays out, so no font files or fontconfig are needed. plotters can only
//! write literal `#RRGGBB` colours, so we draw with two sentinel colours and swap them
//! for theme-aware paint afterwards.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

/// One bar: its label (already translated) and its value; `shown` is the text to print for the value
/// (e.g. "12" or "fewer than 5"), and `value` is what the bar's length uses (0 for suppressed figures).
pub struct Bar {
    pub label: String,
    pub value: u64,
    pub shown: String,
}

/// viewBox width: 480, not 640, so that in a ~330px phone column the 16-unit text
/// still lands near 11px (640 would shrink it to ~8px).
const WIDTH: i32 = 480;
const PAD: i32 = 8;
const FONT: f64 = 16.0;
/// Each row: the label (start) and shown value (end) on one line, the bar below.
const ROW: i32 = 52;
/// Sentinels no theme uses; a label cannot forge `fill="#…"`, since `"` gets escaped.
const INK: RGBColor = RGBColor(1, 2, 3);
const ACCENT: RGBColor = RGBColor(1, 2, 4);

/// A horizontal bar chart as a standalone <svg> element string, accessible: role="img",
/// an aria-labelledby <title> with `title`, and each bar's label and shown value as <text>.
/// As `role="img"` hides children from screen readers, the figures also go in a <desc>
/// (aria-describedby). No visible title: the page's heading or <figcaption> carries it.
/// With 0 bars it draws a neutral "—"; the caller should say "no data" in the reader's language.
pub fn bar_chart(title: &str, bars: &[Bar]) -> String {
    let id = format!("cg-chart-{:016x}", fingerprint(title, bars));
    let height = 2 * PAD + ROW * bars.len().max(1) as i32;
    let (mut describedby, mut desc) = (String::new(), String::new());
    if !bars.is_empty() {
        let figure = |b: &Bar| format!("{}: {}", b.label, b.shown);
        let figures: Vec<String> = bars.iter().map(figure).collect();
        describedby = format!(" aria-describedby=\"{id}-d\"");
        desc = format!("<desc id=\"{id}-d\">{}</desc>", escape(&figures.join("; ")));
    }
    // Drawing into a String cannot really fail; should plotters ever err, the title and
    // <desc> alone still make a valid, accessible image.
    let body = draw(bars, height).unwrap_or_default();
    // `var()` works only in CSS, not in presentation attributes, hence `style` for the bars.
    let accent = "style=\"fill:var(--color-accent,#1d5c4d)\"";
    let body = body.replace("fill=\"#010203\"", "fill=\"currentColor\"");
    let body = body.replace("fill=\"#010204\"", accent);
    // A dir="rtl" page would pass `direction` down and flip every text-anchor: pin it.
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"cg-chart\" role=\"img\" \
         aria-labelledby=\"{id}-t\"{describedby} viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"{WIDTH}\" height=\"{height}\" style=\"max-width:100%;height:auto;direction:ltr\">\
         <title id=\"{id}-t\">{}</title>{desc}{body}</svg>",
        escape(title)
    )
}

/// Draws the rows with plotters and returns what lies inside its `<svg>` wrapper.
fn draw(bars: &[Bar], height: i32) -> Result<String, Box<dyn std::error::Error>> {
    let mut out = String::new();
    {
        let size = (WIDTH.unsigned_abs(), height.unsigned_abs());
        let root = SVGBackend::with_string(&mut out, size).into_drawing_area();
        // plotters divides sizes by 1.24 when writing SVG: undo it to get font-size="16".
        // "inherit" keeps the page's font stack (which has Noto Sans Arabic).
        let font = |h: HPos| {
            FontDesc::new(FontFamily::Name("inherit"), FONT * 1.24, FontStyle::Normal)
                .color(&INK)
                .pos(Pos::new(h, VPos::Bottom))
        };
        // First-strong isolates (U+2068…U+2069) let Arabic or Persian text run right to
        // left inside the left-to-right chart, without reordering its neighbours.
        let isolate = |text: String| format!("\u{2068}{text}\u{2069}");
        let text = |s: String, x, y, h| root.draw(&Text::new(s, (x, y), font(h)));
        let rect = |x1, y0, y1, style| root.draw(&Rectangle::new([(PAD, y0), (x1, y1)], style));
        if bars.is_empty() {
            text("—".into(), WIDTH / 2, PAD + 20, HPos::Center)?;
        }
        let max = bars.iter().map(|b| b.value).max().unwrap_or(0) as f64;
        let track = WIDTH - 2 * PAD;
        for (top, bar) in (PAD..).step_by(ROW as usize).zip(bars) {
            // The label gets the room the value leaves (at least a third of the line).
            let room = f64::from(track) - text_width(&bar.shown) - FONT;
            let label = truncate(&clean(&bar.label), room.max(f64::from(track) / 3.0));
            text(isolate(label), PAD, top + 20, HPos::Left)?;
            let shown = isolate(clean(&bar.shown));
            text(shown, WIDTH - PAD, top + 20, HPos::Right)?;
            // A faint full-length track, so zero and suppressed rows still read as rows.
            let (y0, y1) = (top + 27, top + 41);
            rect(PAD + track, y0, y1, INK.mix(0.12).filled())?;
            if bar.value > 0 {
                // Proportional to the largest value; at least 2 units so tiny values show.
                let len = (bar.value as f64 / max * f64::from(track)).round() as i32;
                rect(PAD + len.max(2), y0, y1, ACCENT.filled())?;
            }
        }
        root.present()?;
    }
    // plotters' own `<svg …>` has numeric attributes only, so its first '>' closes it.
    let start = out.find('>').map_or(0, |i| i + 1);
    let end = out.rfind("</svg>").unwrap_or(out.len());
    Ok(out[start..end].to_string())
}

/// Rough rendered width in viewBox units. Without fonts we cannot measure, so East Asian
/// wide characters count 1em, combining marks and invisibles 0, the rest a generous
/// 0.6em: better to cut a label a little early than to overlap the value.
fn text_width(text: &str) -> f64 {
    text.chars().map(char_em).sum::<f64>() * FONT
}

fn char_em(c: char) -> f64 {
    match u32::from(c) {
        0x0300..=0x036F | 0x064B..=0x065F | 0x0670 | 0x200B..=0x200F | 0x2066..=0x2069 => 0.0,
        // Hangul, CJK, fullwidth forms, emoji (ranges lumped generously).
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xFAFF | 0xFE30..=0xFFE6 => 1.0,
        0x1F300..=0x3FFFD => 1.0,
        _ => 0.6,
    }
}

/// Cuts `text` to fit `room` units, ending in "…", at the first character that does not
/// fit (so a combining mark stays with its base). The full label is in <desc>.
fn truncate(text: &str, room: f64) -> String {
    if text_width(text) <= room {
        return text.to_string();
    }
    let mut used = text_width("…");
    let fits = |c: &char| {
        used += char_em(*c) * FONT;
        used <= room
    };
    format!(
        "{}…",
        text.chars().take_while(fits).collect::<String>().trim_end()
    )
}

/// Drops what XML forbids outright (most control characters, U+FFFE/U+FFFF): plotters
/// escapes markup in the text it draws but would pass these through.
fn clean(text: &str) -> String {
    let allowed = |c: &char| match c {
        '\t' | '\n' => true,
        '\u{FFFE}' | '\u{FFFF}' => false,
        c => !c.is_control(),
    };
    text.chars().filter(allowed).collect()
}

/// Text for element content and quoted attributes: what XML forbids
/// dropped, markup escaped.
fn escape(text: &str) -> String {
    crate::domain::text::escape_html(&clean(text))
}

/// A stable id from the content: unique per chart when a page shows several, and the
/// same output for the same input (`DefaultHasher::new()` has fixed keys).
fn fingerprint(title: &str, bars: &[Bar]) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    title.hash(&mut hasher);
    for bar in bars {
        (&bar.label, bar.value, &bar.shown).hash(&mut hasher);
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart(title: &str, bars: &[(&str, u64, &str)]) -> String {
        let to_bar = |&(l, v, s): &(&str, u64, &str)| Bar {
            label: l.into(),
            value: v,
            shown: s.into(),
        };
        let svg = bar_chart(title, &bars.iter().map(to_bar).collect::<Vec<_>>());
        // Cheap well-formedness checks: one root, every <text> closed, no sentinel left.
        let root = svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" ");
        let closed = svg.ends_with("</svg>") && svg.matches("<svg").count() == 1;
        let texts = svg.matches("<text").count() == svg.matches("</text>").count();
        let themed = !svg.contains("#010203") && !svg.contains("#010204");
        assert!(root && closed && texts && themed, "{svg}");
        svg
    }

    /// Attribute `name` of each `tag` element whose source contains `marker`.
    fn attrs(svg: &str, tag: &str, marker: &str, name: &str) -> Vec<String> {
        let key = format!(" {name}=\"");
        let value = |p: &str| {
            let rest = &p[p.find(&key).unwrap() + key.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        };
        let pieces = svg.split(tag).skip(1).filter(|p| p.contains(marker));
        pieces.map(value).collect()
    }

    fn widths(svg: &str) -> Vec<i32> {
        let accent = attrs(svg, "<rect", "--color-accent", "width");
        accent.iter().map(|w| w.parse().unwrap()).collect()
    }

    #[test]
    fn title_labels_and_values_are_there_and_escaped() {
        let bars = [("Sports", 12, "12"), ("Food \"bank\"", 3, "< 5")];
        let svg = chart("Visits & <more>", &bars);
        let id = &attrs(&svg, "<svg", "", "aria-labelledby")[0];
        let title = format!("<title id=\"{id}\">Visits &amp; &lt;more&gt;</title>");
        let img = svg.contains("role=\"img\"");
        assert!(img && svg.contains(&title), "{svg}");
        for text in ["Sports", "12", "Food &quot;bank&quot;", "&lt; 5"] {
            let drawn = format!("\u{2068}{text}\u{2069}\n</text>");
            assert!(svg.contains(&drawn), "{text}: {svg}");
        }
        assert!(svg.contains("-d\">Sports: 12; Food &quot;bank&quot;: &lt; 5</desc>"));
        let evil_bars = [("<script>x</script>", 1, "<b>&\u{0}")];
        let evil = chart("<script>1</script>", &evil_bars);
        assert!(!evil.contains("<script") && !evil.contains("<b>") && !evil.contains('\u{0}'));
        assert!(evil.contains("&lt;script&gt;x&lt;/script&gt;") && evil.contains("&lt;b&gt;&amp;"));
    }

    #[test]
    fn widths_are_proportional_and_height_grows() {
        let bars = [
            ("a", 50, "5"),
            ("b", 100, "1"),
            ("c", 25, "2"),
            ("d", 0, ""),
        ];
        let svg = chart("t", &bars);
        let w = widths(&svg);
        assert_eq!((w.len(), w[1]), (3, WIDTH - 2 * PAD), "0 has no bar");
        assert!(w[0] * 2 == w[1] && (w[2] * 4 - w[1]).abs() <= 2, "{w:?}");
        let height = (2 * PAD + 4 * ROW).to_string();
        assert_eq!(attrs(&svg, "<svg", "", "height"), [height]);
        let tiny = chart("t", &[("a", 1, "1"), ("b", u64::MAX, "many")]);
        assert_eq!(widths(&tiny)[0], 2, "tiny values stay visible");
        assert_ne!(fingerprint("t", &[]), fingerprint("u", &[]));
    }

    #[test]
    fn empty_and_all_zero_are_safe() {
        let svg = chart("Nothing yet", &[]);
        assert!(svg.contains(">Nothing yet</title>") && svg.contains("—") && !svg.contains("desc"));
        let height = (2 * PAD + ROW).to_string();
        assert_eq!(attrs(&svg, "<svg", "", "height"), [height]);
        let zero = chart("z", &[("a", 0, "0"), ("b", 0, "fewer than 5")]);
        assert!(widths(&zero).is_empty() && zero.contains("fewer than 5"));
        let tracks = attrs(&zero, "<rect", "currentColor", "opacity");
        assert_eq!(tracks, ["0.12", "0.12"], "a faint track per row");
    }

    #[test]
    fn long_and_right_to_left_labels() {
        let long = "Community gardens, allotments and green spaces in the old town ".repeat(2);
        let arabic = "الحدائق المجتمعية والمساحات الخضراء المشتركة في البلدة القديمة ومحيطها";
        let svg = chart("t", &[(&long, 5, "5"), (arabic, 7, "أقل من 5")]);
        assert!(svg.contains("…\u{2069}") && svg.contains(&format!("{long}: 5; {arabic}: أقل")));
        assert!(svg.contains("\u{2068}أقل من 5\u{2069}") && svg.contains("direction:ltr"));
        assert!(truncate(arabic, 200.0).chars().count() < arabic.chars().count());
        assert!(text_width(&truncate(&long, 300.0)) <= 300.0);
    }
}
