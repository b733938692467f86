//! What `/api/v1` answers: a public, versioned contract, kept apart from
//! the views the pages use so that a page can change without breaking
//! someone's program. Each type is built from a view here, so nothing a
//! public page does not show can reach the API (no replies, no names, no
//! street kept for guests). Ids are the same public ids as in our URLs.

use app::views::gathering::{DateView, GatheringDetails, PlaceView};
use app::views::hosting::HostView;
use app::views::picture::PictureView;
use app::views::search::{GatheringCard, PlaceChoice};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// One upcoming date of a gathering, as a search lists it.
#[derive(Serialize, ToSchema)]
pub struct GatheringSummary {
    /// The gathering's public id (`/events/{id}` on the site).
    pub id: String,
    pub url: String,
    pub title: String,
    /// The language the title is written in (BCP 47).
    pub language: String,
    pub starts_at: DateTime<Utc>,
    /// The start in the gathering's local time, `YYYY-MM-DDTHH:MM:SS`.
    pub starts_local: String,
    pub time_zone_abbreviation: String,
    pub place_name: String,
    pub host_name: String,
    /// `food`, `music`, `art`, `sport` or `other`.
    pub categories: Vec<String>,
    pub free: bool,
    /// Metres from the searched point, when the search had one.
    pub distance_m: Option<u32>,
    /// The place, or only its neighbourhood when the street is for guests.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The city offices that sponsor this date.
    pub sponsors: Vec<String>,
    /// Its organisers' picture, when it has one.
    pub picture: Option<Picture>,
}

impl GatheringSummary {
    pub fn of(card: GatheringCard, public_url: &str) -> Self {
        Self {
            url: format!("{public_url}/events/{}", card.public_id),
            id: card.public_id,
            title: card.title,
            language: card.title_language,
            starts_at: DateTime::parse_from_rfc3339(&card.starts_at_utc)
                .map(|at| at.with_timezone(&Utc))
                .unwrap_or(DateTime::UNIX_EPOCH),
            starts_local: card.starts_local,
            time_zone_abbreviation: card.zone_abbreviation,
            place_name: card.place_name,
            host_name: card.host_name,
            categories: card.categories.iter().map(|c| c.slug().into()).collect(),
            free: card.is_free,
            distance_m: card.distance_m,
            latitude: card.latitude,
            longitude: card.longitude,
            sponsors: card.sponsors,
            picture: card.picture.map(|p| Picture::of(p, public_url)),
        }
    }
}

/// A page of search results, soonest (or nearest) first.
#[derive(Serialize, ToSchema)]
pub struct SearchPage {
    pub items: Vec<GatheringSummary>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next: Option<String>,
}

/// A gathering with its upcoming dates.
#[derive(Serialize, ToSchema)]
pub struct Gathering {
    pub id: String,
    pub url: String,
    pub title: String,
    /// The language of the title and description (BCP 47).
    pub language: String,
    /// The description as plain text.
    pub description: String,
    /// The description as safe HTML (links, emphasis, lists).
    pub description_html: String,
    /// `scheduled`, or `cancelled` for the whole gathering.
    pub status: String,
    /// IANA time zone, e.g. `Europe/Berlin`.
    pub time_zone: String,
    pub categories: Vec<String>,
    /// Languages spoken at the gathering (ISO 639-1).
    pub languages_spoken: Vec<String>,
    /// Step-free access, quiet room…: the accessibility features' slugs.
    pub accessibility: Vec<String>,
    pub free: bool,
    pub family_friendly: bool,
    pub place: Place,
    pub host: HostRef,
    /// Upcoming dates, soonest first (at most 12).
    pub dates: Vec<GatheringDate>,
    /// Its organisers' picture, when it has one.
    pub picture: Option<Picture>,
    pub updated_at: DateTime<Utc>,
}

impl Gathering {
    pub fn of(details: GatheringDetails, public_url: &str) -> Self {
        Self {
            url: format!("{public_url}/events/{}", details.public_id),
            id: details.public_id,
            title: details.title,
            language: details.text_language,
            description: details.description_text,
            description_html: details.description_html,
            status: if details.cancelled {
                "cancelled"
            } else {
                "scheduled"
            }
            .into(),
            time_zone: details.time_zone,
            categories: details.categories.iter().map(|c| c.slug().into()).collect(),
            languages_spoken: details.languages,
            accessibility: details
                .accessibility
                .iter()
                .map(|f| f.slug().into())
                .collect(),
            free: details.is_free,
            family_friendly: details.family_friendly,
            place: Place::of(details.place),
            host: HostRef {
                url: format!("{public_url}/hosts/{}", details.host_slug),
                slug: details.host_slug,
                name: details.host_name,
            },
            dates: details.dates.into_iter().map(GatheringDate::of).collect(),
            picture: details.picture.map(|p| Picture::of(p, public_url)),
            updated_at: details.updated_at,
        }
    }
}

/// A gathering's cover picture (JPEG), at its widest.
#[derive(Serialize, ToSchema)]
pub struct Picture {
    pub url: String,
    /// What it shows, for people who cannot see it.
    pub alt: String,
    pub width: u32,
    pub height: u32,
}

impl Picture {
    fn of(picture: PictureView, public_url: &str) -> Self {
        Self {
            url: format!("{public_url}{}", picture.largest()),
            alt: picture.alt,
            width: picture.width,
            height: picture.height,
        }
    }
}

/// Where a gathering happens, as its public page shows it.
#[derive(Serialize, ToSchema)]
pub struct Place {
    pub name: String,
    /// The street, unless the host shares it only with confirmed guests.
    pub address: Option<String>,
    /// The exact point, or the neighbourhood's centre (`exact` false).
    pub latitude: f64,
    pub longitude: f64,
    pub exact: bool,
    pub locality: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
}

impl Place {
    fn of(place: PlaceView) -> Self {
        Self {
            name: place.name,
            address: place.address.filter(|a| !a.is_empty()),
            latitude: place.latitude,
            longitude: place.longitude,
            exact: place.exact,
            locality: place.locality,
            country: place.country,
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct HostRef {
    pub slug: String,
    pub name: String,
    pub url: String,
}

/// One date of a gathering.
#[derive(Serialize, ToSchema)]
pub struct GatheringDate {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    /// Local wall-clock times at the place, `YYYY-MM-DDTHH:MM:SS`.
    pub starts_local: String,
    pub ends_local: String,
    /// Places left, when the gathering has a limit.
    pub spots_left: Option<i32>,
    /// Whether replies are open.
    pub open: bool,
}

impl GatheringDate {
    fn of(date: DateView) -> Self {
        Self {
            id: date.occurrence_id.0,
            starts_at: date.starts_at,
            ends_at: date.ends_at,
            starts_local: date.starts_local,
            ends_local: date.ends_local,
            spots_left: date.spots_left,
            open: date.open,
        }
    }
}

/// A host: a group or organisation that holds gatherings.
#[derive(Serialize, ToSchema)]
pub struct Host {
    pub slug: String,
    pub name: String,
    pub url: String,
    pub description_html: String,
    pub links: Vec<String>,
    /// A closed host holds no more gatherings.
    pub closed: bool,
    pub upcoming: Vec<GatheringSummary>,
}

impl Host {
    pub fn of(host: HostView, public_url: &str) -> Self {
        Self {
            url: format!("{public_url}/hosts/{}", host.slug),
            slug: host.slug,
            name: host.name,
            description_html: host.description_html,
            links: host.links,
            closed: host.closed,
            upcoming: host
                .gatherings
                .into_iter()
                .map(|card| GatheringSummary::of(card, public_url))
                .collect(),
        }
    }
}

/// A town or city of the gazetteer.
#[derive(Serialize, ToSchema)]
pub struct PlaceSuggestion {
    /// Pass as `city` to search around it.
    pub city_id: u32,
    pub name: String,
    pub country: String,
    pub latitude: f64,
    pub longitude: f64,
}

impl PlaceSuggestion {
    pub fn of(place: PlaceChoice) -> Self {
        let (latitude, longitude) = place
            .point
            .split_once(',')
            .and_then(|(lat, lng)| Some((lat.trim().parse().ok()?, lng.trim().parse().ok()?)))
            .unwrap_or((0.0, 0.0));
        Self {
            city_id: place.city_id,
            name: place.name,
            country: place.country_code,
            latitude,
            longitude,
        }
    }
}
