//! What a search shows: the cards of gatherings, the places a typed name
//! may mean, and where the search was centred.

use crate::domain::category::Categories;
use serde::{Deserialize, Serialize};

/// What a list card shows about one upcoming date of a gathering.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GatheringCard {
    pub public_id: String,
    pub title: String,
    /// The language the title is written in (the reader's, when the host
    /// wrote one), for the `lang` attribute.
    pub title_language: String,
    /// Start in UTC, RFC 3339, for `<time datetime>`.
    pub starts_at_utc: String,
    /// Start in the gathering's local time, `YYYY-MM-DDTHH:MM:SS`; the page
    /// formats it in the reader's language.
    pub starts_local: String,
    /// Zone abbreviation at that date, e.g. `CET`.
    pub zone_abbreviation: String,
    pub place_name: String,
    pub host_name: String,
    pub categories: Categories,
    pub is_free: bool,
    /// Distance from the searched point, in metres.
    pub distance_m: Option<u32>,
    /// Where to put it on a map: the place, or only its neighbourhood when
    /// the address is for confirmed guests.
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The city offices sponsoring this date ("Sponsored by …").
    pub sponsors: Vec<String>,
    /// Its organisers' picture; without one, the drawing of its kind.
    pub picture: Option<super::picture::PictureView>,
}

/// A city from the gazetteer, as offered to the resident.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlaceChoice {
    pub city_id: u32,
    /// The name as the resident typed it when it matched an alternate name
    /// ("München"), else the city's main name.
    pub name: String,
    pub country_code: String,
    /// `lat,lng`, for links and the map.
    pub point: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// Where the search was centred, when it was; `None` for anywhere.
    pub around: Option<Around>,
    /// Other cities the typed name could mean.
    pub alternatives: Vec<PlaceChoice>,
    pub cards: Vec<GatheringCard>,
    /// "Sponsored in your area": at most three gatherings sponsored by a
    /// city office whose area covers the searched point. Shown apart; the
    /// results above are never reordered by sponsorship.
    pub sponsored: Vec<GatheringCard>,
    /// The cursor of the next page, if there is one.
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Around {
    /// What the search field shows: a city's name, or the coordinates.
    pub label: String,
    /// For a searched point, the place it is in ("Mitte, Berlin"), in the
    /// reader's script where known: the results' heading names it.
    pub place_name: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    pub radius_km: f64,
}
