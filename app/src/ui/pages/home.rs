use crate::api::discover::upcoming_gatherings;
use crate::domain::geo_point::{GeoPoint, GeoPointError};
use crate::i18n::{Locale, td_string};
use crate::ui::components::GatheringCardView;
use crate::ui::islands::LocateMe;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The landing page: where a resident starts looking for gatherings.
#[component]
pub fn Home() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let near = query
        .with_untracked(|q| q.get("near"))
        .map(|raw| parse_near(&raw));
    let upcoming = Resource::new(|| (), |_| upcoming_gatherings(20));

    view! {
        <Title text=td_string!(locale, home_title) />
        <section class="hero stack">
            <h1>{td_string!(locale, home_title)}</h1>
            <p>{td_string!(locale, home_intro)}</p>
            <form class="place-search" method="get" action="/" role="search">
                <label for="near">{td_string!(locale, search_place_label)}</label>
                <input id="near" name="near" type="text" inputmode="decimal"
                    placeholder="52.52, 13.40" autocomplete="off" dir="ltr" />
                <button type="submit">{td_string!(locale, search_button)}</button>
            </form>
            <LocateMe
                label=td_string!(locale, use_my_location).to_string()
                finding=td_string!(locale, finding_location).to_string()
                unsupported=td_string!(locale, location_unsupported).to_string()
                failed=td_string!(locale, location_failed).to_string()
            />
            {near.map(|result| match result {
                Ok(point) => view! {
                    <p class="status" role="status">
                        {td_string!(locale, showing_near, point = point.to_string())}
                    </p>
                }.into_any(),
                Err(error) => view! {
                    <p class="error" role="alert">{near_error(locale, error)}</p>
                }.into_any(),
            })}
        </section>
        <section class="stack" aria-labelledby="coming-up">
            <h2 id="coming-up">{td_string!(locale, coming_up)}</h2>
            <Suspense fallback=move || view! { <p>{td_string!(locale, loading_gatherings)}</p> }>
                {move || Suspend::new(async move {
                    match upcoming.await {
                        Ok(cards) if cards.is_empty() => view! {
                            <p>{td_string!(locale, nothing_planned)}</p>
                        }.into_any(),
                        Ok(cards) => view! {
                            <ul class="cards">
                                {cards.into_iter().map(|card| view! { <GatheringCardView card /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(_) => view! {
                            <p class="error" role="alert">{td_string!(locale, error_unavailable)}</p>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// Why a typed place was not understood.
enum NearError {
    Format,
    Point(GeoPointError),
}

fn parse_near(raw: &str) -> Result<GeoPoint, NearError> {
    let (lat, lng) = raw.split_once(',').ok_or(NearError::Format)?;
    let lat: f64 = lat.trim().parse().map_err(|_| NearError::Format)?;
    let lng: f64 = lng.trim().parse().map_err(|_| NearError::Format)?;
    GeoPoint::parse(lat, lng).map_err(NearError::Point)
}

fn near_error(locale: Locale, error: NearError) -> &'static str {
    match error {
        NearError::Format => td_string!(locale, invalid_point),
        NearError::Point(GeoPointError::Latitude) => td_string!(locale, invalid_latitude),
        NearError::Point(GeoPointError::Longitude) => td_string!(locale, invalid_longitude),
    }
}
