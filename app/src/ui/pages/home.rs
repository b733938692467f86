use crate::api::discover::upcoming_gatherings;
use crate::domain::geo_point::GeoPoint;
use crate::ui::components::{GatheringCardView, LocateMe};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The landing page: where a resident starts looking for gatherings.
#[component]
pub fn Home() -> impl IntoView {
    let query = use_query_map();
    let near = move || query.with(|q| q.get("near").map(|raw| parse_near(&raw)));
    let upcoming = Resource::new(|| (), |_| upcoming_gatherings(20));

    view! {
        <Title text="Meet your neighbours" />
        <section class="hero stack">
            <h1>"Meet your neighbours"</h1>
            <p>"Food, music, art and sport gatherings near you, open to everyone."</p>
            <form class="place-search" method="get" action="/" role="search">
                <label for="near">"Where are you? (latitude, longitude)"</label>
                <input id="near" name="near" type="text" inputmode="decimal"
                    placeholder="52.52, 13.40" autocomplete="off" />
                <button type="submit">"Search"</button>
            </form>
            <LocateMe />
            {move || near().map(|result| match result {
                Ok(point) => view! {
                    <p class="status" role="status">
                        "Showing gatherings near " {point.to_string()}
                    </p>
                }.into_any(),
                Err(message) => view! {
                    <p class="error" role="alert">{message}</p>
                }.into_any(),
            })}
        </section>
        <section class="stack" aria-labelledby="coming-up">
            <h2 id="coming-up">"Coming up"</h2>
            <Suspense fallback=|| view! { <p>"Loading gatherings…"</p> }>
                {move || Suspend::new(async move {
                    match upcoming.await {
                        Ok(cards) if cards.is_empty() => view! {
                            <p>"No gatherings are planned yet."</p>
                        }.into_any(),
                        Ok(cards) => view! {
                            <ul class="cards">
                                {cards.into_iter().map(|card| view! { <GatheringCardView card /> }).collect_view()}
                            </ul>
                        }.into_any(),
                        Err(error) => view! { <p class="error" role="alert">{error.to_string()}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn parse_near(raw: &str) -> Result<GeoPoint, String> {
    let invalid = || "Please enter a place as two numbers: latitude, longitude.".to_string();
    let (lat, lng) = raw.split_once(',').ok_or_else(invalid)?;
    let lat: f64 = lat.trim().parse().map_err(|_| invalid())?;
    let lng: f64 = lng.trim().parse().map_err(|_| invalid())?;
    GeoPoint::parse(lat, lng).map_err(|e| e.to_string())
}
