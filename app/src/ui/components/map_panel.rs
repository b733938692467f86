//! A map of places, for those who want one: hidden until `public/map.js`
//! runs, and drawn (with Leaflet, from our own origin) only when the
//! resident presses "Show map", so neither the scripts nor the tiles cost
//! anything on the first load. The list next to it always has everything.

use crate::backend::AppState;
use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct MapMarker {
    pub lat: f64,
    pub lng: f64,
    pub title: String,
    pub href: String,
}

/// A circle drawn on the map: the search area, or a place's neighbourhood.
#[derive(Clone, Debug, Serialize)]
pub struct MapCircle {
    pub lat: f64,
    pub lng: f64,
    pub radius_m: f64,
}

#[derive(Serialize)]
struct MapData<'a> {
    tiles: &'a str,
    attribution: &'a str,
    unavailable: &'a str,
    circle: Option<MapCircle>,
    markers: Vec<MapMarker>,
    /// The id of a list of cards whose places are drawn too (those with
    /// `data-lat`, see `GatheringCardView`'s `on_map`).
    #[serde(skip_serializing_if = "Option::is_none")]
    cards: Option<&'a str>,
    /// A GeoJSON geometry to outline (a city office's area).
    area: Option<serde_json::Value>,
}

#[component]
pub fn MapPanel(
    markers: Vec<MapMarker>,
    circle: Option<MapCircle>,
    /// GeoJSON text of an area to outline.
    #[prop(optional)]
    area: Option<String>,
    /// The id of a list of cards on the page to draw as markers: a list of
    /// results says each gathering's title and link once, in its card, and
    /// the map reads them there instead of from a copy in its data.
    #[prop(default = None)]
    cards: Option<&'static str>,
) -> impl IntoView {
    let locale = use_locale();
    let settings = use_context::<AppState>()
        .map(|state| state.map)
        .unwrap_or_default();
    let area = area.and_then(|text| serde_json::from_str(&text).ok());
    if settings.tile_url.is_empty()
        || (markers.is_empty() && cards.is_none() && circle.is_none() && area.is_none())
    {
        return ().into_any();
    }
    let data = serde_json::to_string(&MapData {
        tiles: &settings.tile_url,
        attribution: &settings.attribution,
        unavailable: td_string!(locale, map_unavailable),
        circle,
        markers,
        cards,
        area,
    })
    .unwrap_or_default();
    view! {
        <section class="map-panel" data-map=data>
            <button type="button" class="secondary map-toggle" hidden aria-controls="map" aria-expanded="false">
                {td_string!(locale, view_map)}
            </button>
            <div id="map" class="map" hidden role="region" aria-label=td_string!(locale, map_label)></div>
            <script type="module" src="/map.js"></script>
        </section>
    }
    .into_any()
}

#[derive(Serialize)]
struct PickerData<'a> {
    tiles: &'a str,
    attribution: &'a str,
    unavailable: &'a str,
    /// The id of the input that receives "latitude, longitude".
    target: &'a str,
}

/// "Choose on a map" for a place field: with JavaScript and tiles, a map
/// where a tap writes the point's coordinates into the field `target`.
/// Without them the field is typed, as always.
#[component]
pub fn MapPicker(target: &'static str) -> impl IntoView {
    let locale = use_locale();
    let settings = use_context::<AppState>()
        .map(|state| state.map)
        .unwrap_or_default();
    if settings.tile_url.is_empty() {
        return ().into_any();
    }
    let data = serde_json::to_string(&PickerData {
        tiles: &settings.tile_url,
        attribution: &settings.attribution,
        unavailable: td_string!(locale, map_unavailable),
        target,
    })
    .unwrap_or_default();
    let map_id = format!("{target}-map");
    view! {
        <div class="map-panel" data-map-picker=data>
            <button type="button" class="secondary map-toggle" hidden aria-controls=map_id.clone() aria-expanded="false">
                {td_string!(locale, map_pick)}
            </button>
            <div id=map_id class="map" hidden role="region" aria-label=td_string!(locale, map_pick_label)></div>
            <script type="module" src="/map.js"></script>
        </div>
    }
    .into_any()
}
