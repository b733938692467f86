//! A gathering as schema.org `Event` data (JSON-LD) for search engines and
//! link previews: one `Event` per upcoming date (cancelled ones as
//! `EventCancelled`), with the fields the major search engines require
//! (name, startDate, location with an address) and recommend (endDate,
//! eventStatus, description, organizer with its URL, offers when free, an
//! image: its organisers' picture, else the drawing of its category).
//! A street is named only where the page names it; otherwise the town.

use super::gathering::{DateView, GatheringDetails};
use serde_json::{Value, json};

/// Where the gathering's page and its host's page are.
pub struct Links<'a> {
    pub gathering: &'a str,
    pub host: &'a str,
    /// Its picture, as an absolute URL.
    pub image: &'a str,
}

/// The JSON-LD for the page's `<script type="application/ld+json">`, with
/// `<` escaped so no text can close the script element; `None` when there
/// is no date to describe.
pub fn json_ld_script(details: &GatheringDetails, links: &Links) -> Option<String> {
    let events = events(details, links);
    (!events.is_null()).then(|| events.to_string().replace('<', "\\u003c"))
}

/// The events: a single object for one date, an array for several.
pub fn events(details: &GatheringDetails, links: &Links) -> Value {
    let scheduled = details.dates.iter().map(|d| (d, false));
    let cancelled = details.cancelled_dates.iter().map(|d| (d, true));
    let mut all: Vec<Value> = scheduled
        .chain(cancelled)
        .map(|(date, cancelled)| event(details, links, date, cancelled || details.cancelled))
        .collect();
    match all.len() {
        0 => Value::Null,
        1 => all.remove(0),
        _ => Value::Array(all),
    }
}

fn event(details: &GatheringDetails, links: &Links, date: &DateView, cancelled: bool) -> Value {
    let place = &details.place;
    let mut address = json!({ "@type": "PostalAddress" });
    if let Some(street) = place.address.as_deref().filter(|a| !a.trim().is_empty()) {
        address["streetAddress"] = street.into();
    }
    if let Some(town) = &place.locality {
        address["addressLocality"] = town.as_str().into();
    }
    if let Some(country) = &place.country {
        address["addressCountry"] = country.as_str().into();
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Event",
        "name": details.title,
        "startDate": date.starts_at_local_rfc3339,
        "endDate": date.ends_at_local_rfc3339,
        "eventStatus": if cancelled {
            "https://schema.org/EventCancelled"
        } else {
            "https://schema.org/EventScheduled"
        },
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {
            "@type": "Place",
            "name": place.name,
            "address": address,
            "geo": {
                "@type": "GeoCoordinates",
                "latitude": place.latitude,
                "longitude": place.longitude,
            },
        },
        "organizer": {
            "@type": "Organization",
            "name": details.host_name,
            "url": links.host,
        },
        "isAccessibleForFree": details.is_free,
        "url": links.gathering,
        "image": [links.image],
    });
    if !details.description_text.trim().is_empty() {
        value["description"] = details.description_text.as_str().into();
    }
    match details.languages.as_slice() {
        [] => {}
        [one] => value["inLanguage"] = one.as_str().into(),
        many => value["inLanguage"] = many.into(),
    }
    if details.is_free {
        let full = !cancelled && date.spots_left == Some(0);
        value["offers"] = json!({
            "@type": "Offer",
            "price": 0,
            "url": links.gathering,
            "availability": if full {
                "https://schema.org/SoldOut"
            } else {
                "https://schema.org/InStock"
            },
        });
    }
    // Those sponsoring this date: every date, or this one.
    let sponsors: Vec<Value> = details
        .sponsors
        .iter()
        .filter(|s| s.occurrence_id.is_none_or(|id| id == date.occurrence_id))
        .map(|s| json!({ "@type": "GovernmentOrganization", "name": s.office_name }))
        .collect();
    if !sponsors.is_empty() {
        value["sponsor"] = sponsors.into();
    }
    value
}
