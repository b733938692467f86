//! The home page is the search page: where a resident starts looking for
//! gatherings near them. Everything is in the query string, so every search
//! is a link, works without JavaScript and survives a reload offline.

use crate::api::ApiError;
use crate::api::search::search_gatherings;
use crate::domain::search::SearchRequest;
use crate::i18n::td_string;
use crate::l10n::format;
use crate::ui::components::{GatheringCardView, MapCircle, MapPanel, SearchForm};
use crate::ui::islands::LocateMe;
use crate::ui::locale::{code, use_locale};
use crate::ui::request::webcal;
use crate::views::search::SearchResults;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_location;

/// The id of the list of results, whose cards the map draws.
const RESULTS_LIST: &str = "results";

#[component]
pub fn Home() -> impl IntoView {
    let locale = use_locale();
    let query = use_location().search.get_untracked();
    let pairs: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .into_owned()
            .collect();
    let parsed = SearchRequest::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let request = parsed.clone().unwrap_or_default();
    let language = code(locale).to_string();
    let outcome = Resource::new(
        || (),
        move |_| {
            let parsed = parsed.clone();
            let (query, language) = (query.clone(), language.clone());
            async move {
                parsed?;
                match search_gatherings(query, language).await {
                    Ok(results) => Ok(results),
                    Err(ApiError::InvalidSearch(errors)) => Err(errors),
                    Err(_) => Err(Vec::new()),
                }
            }
        },
    );
    let typed = pairs
        .iter()
        .find(|(k, _)| k == "place")
        .map(|(_, v)| v.clone());

    view! {
        <Title text=td_string!(locale, home_title) />
        <Meta name="description" content=td_string!(locale, meta_description) />
        <Suspense fallback=|| ()>
            {move || {
                let typed = typed.clone();
                let request = request.clone();
                Suspend::new(async move {
                    let outcome = outcome.await;
                    if outcome.is_err() {
                        crate::ui::status::bad_request();
                    }
                    let (results, errors) = match outcome {
                        Ok(results) => (Some(results), Vec::new()),
                        Err(errors) => (None, errors),
                    };
                    let place_text = results
                        .as_ref()
                        .and_then(|r| r.around.as_ref().map(|a| a.label.clone()))
                        .or(typed)
                        .unwrap_or_default();
                    let city = match request.origin {
                        crate::domain::search::Origin::City(id) => Some(id),
                        _ => None,
                    };
                    view! {
                        <section class="hero stack">
                            <h1>{td_string!(locale, home_title)}</h1>
                            <p>{td_string!(locale, home_intro)}</p>
                            <SearchForm request=request.clone() place_text city errors=errors.clone() />
                            <LocateMe
                                label=td_string!(locale, use_my_location).to_string()
                                finding=td_string!(locale, finding_location).to_string()
                                unsupported=td_string!(locale, location_unsupported).to_string()
                                failed=td_string!(locale, location_failed).to_string()
                            />
                        </section>
                        {match results {
                            Some(results) => view! { <Results request results /> }.into_any(),
                            None if errors.is_empty() => view! {
                                <p class="error" role="alert">{td_string!(locale, error_unavailable)}</p>
                            }.into_any(),
                            None => ().into_any(),
                        }}
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Results(request: SearchRequest, results: SearchResults) -> impl IntoView {
    let locale = use_locale();
    let heading = match &results.around {
        Some(around) => {
            let radius = format::distance(locale, (around.radius_km * 1000.0) as u32);
            // Coordinates nobody lives near stay numbers, in the reader's
            // digits.
            let place = around
                .place_name
                .clone()
                .unwrap_or_else(|| format::digits(locale, &around.label));
            td_string!(
                locale,
                results_near,
                radius = radius,
                place = crate::l10n::bidi::isolated(locale, &place)
            )
            .to_string()
        }
        None => td_string!(locale, coming_up).to_string(),
    };
    // The same search as a feed: its parameters without the page cursor.
    let feed_query = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(request.to_query())
        .finish();
    let next_href = results.next.as_ref().map(|cursor| {
        let mut pairs = request.to_query();
        pairs.push(("after", cursor.clone()));
        let query = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(pairs)
            .finish();
        format!("/?{query}")
    });
    let alternatives = results.alternatives.clone();
    // The map draws the cards' places from the cards themselves.
    let cards_on_map = results
        .cards
        .iter()
        .any(|card| card.latitude.is_some() && card.longitude.is_some())
        .then_some(RESULTS_LIST);
    let circle = results.around.as_ref().map(|around| MapCircle {
        lat: around.latitude,
        lng: around.longitude,
        radius_m: around.radius_km * 1000.0,
    });
    view! {
        {(!alternatives.is_empty()).then(|| view! {
            <nav class="alternatives" aria-labelledby="did-you-mean">
                <h2 id="did-you-mean" class="small-heading">{td_string!(locale, did_you_mean)}</h2>
                <ul class="chips">
                    {alternatives.into_iter().map(|choice| {
                        let href = format!(
                            "/?{}",
                            form_urlencoded::Serializer::new(String::new())
                                .append_pair("city", &choice.city_id.to_string())
                                .finish()
                        );
                        view! { <li><a class="chip" href=href>{choice.name} " (" {choice.country_code} ")"</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
        })}
        {(!results.sponsored.is_empty()).then(|| view! {
            <section class="stack sponsored-strip" aria-labelledby="sponsored-heading">
                <h2 id="sponsored-heading" class="small-heading">{td_string!(locale, sponsored_in_your_area)}</h2>
                <p class="hint">{td_string!(locale, sponsored_strip_hint)}</p>
                <ul class="cards">
                    {results.sponsored.clone().into_iter().map(|card| view! { <GatheringCardView card /> }).collect_view()}
                </ul>
            </section>
        })}
        <section class="stack" aria-labelledby="results-heading">
            <h2 id="results-heading">{heading}</h2>
            <MapPanel markers=Vec::new() circle cards=cards_on_map />
            {if results.cards.is_empty() {
                let message = if request == SearchRequest::default() {
                    td_string!(locale, nothing_planned)
                } else {
                    td_string!(locale, no_results)
                };
                view! { <p role="status">{message}</p> }.into_any()
            } else {
                view! {
                    <ul class="cards" id=RESULTS_LIST>
                        {results.cards.into_iter().map(|card| view! { <GatheringCardView card on_map=true /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {next_href.map(|href| view! {
                <a class="button secondary more" href=href rel="next">{td_string!(locale, more_results)}</a>
            })}
            <p class="feeds">
                {td_string!(locale, search_subscribe)} " "
                <a href=webcal(&format!("/search.ics?{feed_query}"))>{td_string!(locale, search_subscribe_calendar)}</a>
                " · "
                <a href=format!("/search.rss?{feed_query}")>{td_string!(locale, search_subscribe_feed)}</a>
            </p>
        </section>
    }
}
