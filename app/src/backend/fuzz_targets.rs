//! The parsers that read what strangers type or upload, as fuzz targets:
//! each takes arbitrary bytes, must never panic, hang or grow without
//! bound, and checks a property of what it accepted (a stored schedule reads
//! back the same, a cleaned image cleans to itself, …), so the fuzzer finds
//! wrong answers as well as crashes.
//!
//! `fuzz/` (its own workspace, built with `cargo afl`) runs them under a
//! coverage-guided fuzzer; `cargo test` replays every file kept under
//! `fuzz/seeds/<target>/` and `fuzz/regressions/<target>/` through the same
//! functions, so a crash once found stays fixed. See `scripts/fuzz`.

use crate::backend::{
    gatherings::form::{self, Fields},
    image_upload, markdown,
    offices::jurisdiction,
    recurrence::{Repeat, Schedule, SeriesEnd},
};
use crate::domain::search::SearchRequest;
use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

/// A target: arbitrary bytes in, a panic when something is wrong.
pub type Target = fn(&[u8]);

/// Every target, by the name `scripts/fuzz` and the corpus folders use.
pub const TARGETS: [(&str, Target); 7] = [
    ("recurrence", recurrence),
    ("markdown", markdown),
    ("geojson_area", geojson_area),
    ("image", image),
    ("picture", picture),
    ("search_query", search_query),
    ("gathering_form", gathering_form),
];

/// The target called `name`.
pub fn target(name: &str) -> Option<Target> {
    TARGETS
        .iter()
        .find(|(target, _)| *target == name)
        .map(|(_, run)| *run)
}

/// A fixed "now", so a run depends on its input alone.
fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// A schedule built from the bytes: twelve bytes choose the zone, start,
/// length, kind of repeat, end and a skipped date; the rest is the custom
/// rule's text. A schedule that passes validation must store and read back
/// unchanged, and its dates must be in order, in the window asked for,
/// within the limit, and each end after its start.
pub fn recurrence(data: &[u8]) {
    let Some((head, rule)) = data.split_at_checked(12) else {
        return;
    };
    let zones = &chrono_tz::TZ_VARIANTS;
    let zone = zones[usize::from(u16::from_le_bytes([head[0], head[1]])) % zones.len()];
    let minutes = i64::from(u32::from_le_bytes([head[2], head[3], head[4], 0]));
    let base = NaiveDate::from_ymd_opt(2020, 1, 1)
        .unwrap()
        .and_hms_opt(0, 0, 0)
        .unwrap();
    let start: NaiveDateTime = base + Duration::minutes(minutes);
    let end = start + Duration::minutes(i64::from(u16::from_le_bytes([head[5], head[6]])));
    let repeat = match head[7] % 5 {
        0 => Repeat::Once,
        1 => Repeat::Weekly,
        2 => Repeat::EveryTwoWeeks,
        3 => Repeat::MonthlyByWeekday,
        _ => Repeat::Custom(String::from_utf8_lossy(rule).trim().to_string()),
    };
    let amount = u16::from_le_bytes([head[9], head[10]]);
    let ends = match head[8] % 3 {
        0 => SeriesEnd::Never,
        1 => SeriesEnd::OnDate(start.date() + Duration::days(i64::from(amount))),
        _ => SeriesEnd::AfterCount(u32::from(amount)),
    };
    let exceptions = (0..head[11] % 4)
        .map(|week| start.date() + Duration::weeks(i64::from(week) + 1))
        .collect();
    let schedule = Schedule {
        zone,
        start,
        end,
        repeat,
        ends,
        exceptions,
    };
    if schedule.validate().is_err() {
        return;
    }
    if let Some(stored) = schedule.to_stored() {
        let read_back = Schedule::from_stored(zone, start, end, &stored);
        assert_eq!(read_back.as_ref(), Ok(&schedule), "stored as {stored:?}");
    }
    let from = Utc.from_utc_datetime(&start) - Duration::days(2);
    let until = from + Duration::days(400);
    let max = 50;
    let dates = schedule
        .occurrences(from, until, max)
        .expect("a validated schedule has dates");
    assert!(dates.len() <= max);
    for (starts, ends) in &dates {
        assert!(
            *starts >= from && *starts < until,
            "{starts} outside the window"
        );
        assert!(ends > starts, "ends at {ends}, before its start {starts}");
    }
    assert!(
        dates.windows(2).all(|pair| pair[0].0 < pair[1].0),
        "dates out of order: {dates:?}"
    );
}

/// A description: the HTML holds only the allowed tags, links carry only
/// an address with a harmless scheme, and the preview keeps to its length.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let html = markdown::to_safe_html(&text);
    // Text is escaped ("&lt;"), so every '<' left opens a tag.
    for tag in html.split('<').skip(1) {
        let (inside, _) = tag.split_once('>').expect("every tag is closed");
        let element = inside.trim_start_matches('/').trim_end_matches('/').trim();
        let (name, attributes) = element.split_once(' ').unwrap_or((element, ""));
        assert!(markdown::ALLOWED_TAGS.contains(&name), "<{inside}> kept");
        if attributes.is_empty() {
            continue;
        }
        assert_eq!(name, "a", "<{inside}> keeps attributes");
        let attributes = attributes
            .strip_suffix(r#"rel="nofollow noopener ugc""#)
            .expect("links are marked as written by hosts");
        // name="value" pairs; a value never holds '"' (it is written
        // "&quot;"), so the next '"' ends it.
        let mut rest = attributes.trim_start();
        while !rest.is_empty() {
            let (attribute, after) = rest.split_once("=\"").expect("a quoted attribute");
            let (value, after) = after.split_once('"').expect("a closed attribute");
            rest = after.trim_start();
            match attribute {
                "href" => assert!(harmless_link(value), "<{inside}> links to another scheme"),
                "title" => {}
                other => panic!("<{inside}> keeps the attribute {other}"),
            }
        }
    }
    let preview = markdown::to_plain_text(&text, 160);
    assert!(
        preview.chars().count() <= 161,
        "preview too long: {preview:?}"
    );
}

/// Whether a link's address is harmless: http, https or mailto, or a
/// relative address (no scheme: what precedes the first ':' is not made of
/// a scheme's characters, RFC 3986 §3.1, so a browser reads it as a path).
fn harmless_link(address: &str) -> bool {
    let Some((scheme, _)) = address.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    !is_scheme || ["http", "https", "mailto"].contains(&scheme.to_ascii_lowercase().as_str())
}

/// An office's area: what is accepted writes out as GeoJSON that is
/// accepted again as the same area.
pub fn geojson_area(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut last_progress = 0;
    let Ok(area) = jurisdiction::parse(text, |done, total| {
        assert!(done > last_progress && done <= total);
        last_progress = done;
    }) else {
        return;
    };
    let written = jurisdiction::to_geojson(&area);
    let again = jurisdiction::parse(&written, |_, _| {}).expect("a written area reads back");
    assert_eq!(again, area, "written as {written}");
}

/// An uploaded image: a cleaned image is no bigger than what was sent,
/// keeps its size, and cleans to itself (nothing left to remove).
pub fn image(data: &[u8]) {
    let Ok(clean) = image_upload::clean(data) else {
        return;
    };
    assert!(clean.width > 0 && clean.height > 0);
    assert!(clean.bytes.len() <= data.len());
    let again = image_upload::clean(&clean.bytes).expect("a cleaned image is an image");
    assert_eq!(again, clean);
}

/// A gathering's cover picture: decoding under limits never panics, and
/// what it makes are JPEG files, no wider than asked and narrowest first,
/// with nothing but pixels in them (no APP1 segment: EXIF, XMP).
pub fn picture(data: &[u8]) {
    let Ok(made) = crate::backend::pictures::process::renditions(data) else {
        return;
    };
    let mut previous = 0;
    for (width, height, file) in &made.files {
        assert!(*width > previous && *height > 0);
        assert!(*width <= *crate::domain::picture::WIDTHS.last().unwrap() || made.files.len() == 1);
        assert!(file.starts_with(&[0xFF, 0xD8]));
        assert!(!file.windows(2).any(|w| w == [0xFF, 0xE1]));
        previous = *width;
    }
}

/// A search's query string: an accepted search asks for itself again
/// through the links that repeat it (next page, language switcher).
pub fn search_query(data: &[u8]) {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let Ok(request) = SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    else {
        return;
    };
    let query = request.to_query();
    let again = SearchRequest::parse(query.iter().map(|(k, v)| (*k, v.as_str())))
        .unwrap_or_else(|errors| panic!("{query:?} refused again: {errors:?}"));
    assert_eq!(
        again,
        SearchRequest {
            after: None,
            ..request
        },
        "repeated as {query:?}"
    );
}

/// The form that creates or changes a gathering, as a browser posts it.
pub fn gathering_form(data: &[u8]) {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(data).into_owned().collect();
    let fields = Fields(&pairs);
    for new in [true, false] {
        let _ = form::parse(&fields, &["en", "ar"], fixed_now(), new);
    }
}

#[cfg(test)]
mod tests {
    use super::TARGETS;
    use std::path::PathBuf;

    /// Every kept input: the seeds the fuzzer starts from, and every crash
    /// it once found.
    #[test]
    fn every_kept_input_passes_its_target() {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fuzz");
        let (mut replayed, mut failed) = (0, Vec::new());
        for (name, run) in TARGETS {
            let mut kept = 0;
            for folder in ["seeds", "regressions"] {
                let Ok(entries) = std::fs::read_dir(root.join(folder).join(name)) else {
                    continue;
                };
                for entry in entries {
                    let path = entry.unwrap().path();
                    let bytes = std::fs::read(&path).unwrap();
                    if std::panic::catch_unwind(|| run(&bytes)).is_err() {
                        failed.push(path.display().to_string());
                    }
                    kept += 1;
                }
            }
            assert!(kept > 0, "no seeds for {name}");
            replayed += kept;
        }
        assert!(replayed >= TARGETS.len());
        assert!(
            failed.is_empty(),
            "{} inputs fail: {failed:#?}",
            failed.len()
        );
    }
}
