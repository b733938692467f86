//! iCalendar (RFC 5545) files: "add to calendar" now, feeds and email
//! attachments later. Text is escaped and lines folded at 75 octets, as
//! calendar apps expect.

use crate::domain::ids::OccurrenceId;
use chrono::{DateTime, Utc};

/// One event in a calendar file.
pub struct CalendarEvent<'a> {
    /// Globally unique and stable, so re-importing updates instead of
    /// duplicating.
    pub uid: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub summary: &'a str,
    pub description: &'a str,
    /// The place's name, and its address when public.
    pub location: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub url: &'a str,
    pub cancelled: bool,
    /// How many times the date changed: a calendar app replaces its copy
    /// only when this grows.
    pub sequence: i32,
}

/// What a calendar file asks of the calendar app (RFC 5546).
pub enum Method<'a> {
    /// "Add to calendar" and subscriptions.
    Publish,
    /// An email to someone coming: add or update the date.
    Request(Invitation<'a>),
    /// An email about a cancelled date: remove it.
    Cancel(Invitation<'a>),
}

/// Who an emailed calendar invitation is from and to, as RFC 5546 wants
/// in every REQUEST and CANCEL.
pub struct Invitation<'a> {
    /// The host's name, shown as the organiser.
    pub organizer_name: &'a str,
    /// An address of this site's (nobody answers it; replies happen on the
    /// gathering's page).
    pub organizer_address: &'a str,
    pub attendee_address: &'a str,
}

/// The UID of one date of a gathering: the same in every file we send (the
/// download and the emails), so calendar apps update the date instead of
/// adding it twice.
pub fn occurrence_uid(public_url: &str, occurrence_id: OccurrenceId) -> String {
    format!("occurrence-{occurrence_id}@{}", site(public_url))
}

/// The address invitations name as their organiser: this site's, which
/// nobody reads (people reply on the gathering's page).
pub fn site_address(public_url: &str) -> String {
    let host = site(public_url)
        .split([':', '/'])
        .next()
        .unwrap_or_default();
    format!("noreply@{host}")
}

fn site(public_url: &str) -> &str {
    public_url
        .split("://")
        .nth(1)
        .unwrap_or(public_url)
        .trim_end_matches('/')
}

/// The "add to calendar" file of `events` (METHOD:PUBLISH).
pub fn calendar(events: &[CalendarEvent<'_>], now: DateTime<Utc>) -> String {
    calendar_for(events, now, &Method::Publish)
}

/// A calendar file of `events` asking the calendar app to do `method`.
/// Times are in UTC, so every app shows them in its own zone and a series
/// across a daylight-saving change keeps its local times.
pub fn calendar_for(events: &[CalendarEvent<'_>], now: DateTime<Utc>, method: &Method) -> String {
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Common Ground//Gatherings//EN");
    line("CALSCALE:GREGORIAN");
    line(match method {
        Method::Publish => "METHOD:PUBLISH",
        Method::Request(_) => "METHOD:REQUEST",
        Method::Cancel(_) => "METHOD:CANCEL",
    });
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("SEQUENCE:{}", event.sequence.max(0)));
        line(&format!("DTSTAMP:{}", stamp(now)));
        if let Method::Request(invitation) | Method::Cancel(invitation) = method {
            line(&format!(
                "ORGANIZER;CN=\"{}\":mailto:{}",
                quoted(invitation.organizer_name),
                invitation.organizer_address
            ));
            line(&format!(
                "ATTENDEE;RSVP=FALSE:mailto:{}",
                invitation.attendee_address
            ));
        }
        line(&format!("DTSTART:{}", stamp(event.starts_at)));
        line(&format!("DTEND:{}", stamp(event.ends_at)));
        line(&format!("SUMMARY:{}", escape(event.summary)));
        line(&format!("DESCRIPTION:{}", escape(event.description)));
        line(&format!("LOCATION:{}", escape(&event.location)));
        if let (Some(lat), Some(lng)) = (event.latitude, event.longitude) {
            line(&format!("GEO:{lat:.6};{lng:.6}"));
        }
        line(&format!("URL:{}", event.url));
        line(if event.cancelled || matches!(method, Method::Cancel(_)) {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        });
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y%m%dT%H%M%SZ").to_string()
}

/// TEXT values escape backslash, semicolon, comma and newlines.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// A parameter value in double quotes may hold anything but quotes and
/// control characters.
fn quoted(text: &str) -> String {
    text.chars()
        .filter(|c| *c != '"' && !c.is_control())
        .collect()
}

/// Appends a content line, folded so that no line exceeds 75 octets and no
/// UTF-8 character is split, ended by CRLF.
fn fold_into(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample<'a>(summary: &'a str, description: &'a str) -> CalendarEvent<'a> {
        CalendarEvent {
            uid: "occurrence-7@example.org".into(),
            starts_at: "2026-12-05T17:00:00Z".parse().unwrap(),
            ends_at: "2026-12-05T19:00:00Z".parse().unwrap(),
            summary,
            description,
            location: "Hall, Main St. 1, Berlin".into(),
            latitude: Some(52.52),
            longitude: Some(13.405),
            url: "https://example.org/events/abc",
            cancelled: false,
            sequence: 2,
        }
    }

    #[test]
    fn writes_a_valid_calendar() {
        let ics = calendar(
            &[sample("Soup night", "Bring a bowl")],
            "2026-11-28T12:00:00Z".parse().unwrap(),
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.contains("DTSTART:20261205T170000Z\r\n"));
        assert!(ics.contains("LOCATION:Hall\\, Main St. 1\\, Berlin\r\n"));
        assert!(ics.contains("GEO:52.520000;13.405000\r\n"));
        assert!(ics.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(ics.contains("METHOD:PUBLISH\r\n"));
        assert!(ics.contains("SEQUENCE:2\r\n"));
        assert!(!ics.contains("ORGANIZER"));
    }

    #[test]
    fn an_emailed_cancellation_removes_the_date() {
        let invitation = Invitation {
            organizer_name: "Kiez\"küche",
            organizer_address: "noreply@example.org",
            attendee_address: "ana@example.org",
        };
        let ics = calendar_for(
            &[sample("Soup night", "")],
            "2026-11-28T12:00:00Z".parse().unwrap(),
            &Method::Cancel(invitation),
        );
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(ics.contains("ORGANIZER;CN=\"Kiezküche\":mailto:noreply@example.org\r\n"));
        assert!(ics.contains("ATTENDEE;RSVP=FALSE:mailto:ana@example.org\r\n"));
    }

    #[test]
    fn escapes_and_folds_long_text_without_splitting_characters() {
        let description = "Çorba; ".repeat(30) + "\nsecond line";
        let ics = calendar(
            &[sample("Iftar", &description)],
            "2026-11-28T12:00:00Z".parse().unwrap(),
        );
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains("Çorba\\; Çorba\\;"));
        assert!(unfolded.contains("\\nsecond line"));
    }
}
