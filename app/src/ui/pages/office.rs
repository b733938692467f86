//! `/offices/<slug>`: a city office's public page — its area and the
//! gatherings it sponsors. Its members also see every sponsorship (with
//! "End") and a link to the area overview.

use crate::api::offices::load_office;
use crate::domain::status::SponsorshipStatus;
use crate::i18n::td_string;
use crate::l10n::format::weekday_date_time;
use crate::ui::components::{GatheringCardView, MapPanel, WidgetSnippet, refusal};
use crate::ui::forms::{ErrorSummary, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::{CsrfField, webcal};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfficePage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let language = code(locale).to_string();
    let office = Resource::new(|| (), move |_| load_office(slug.clone(), language.clone()));
    let form = use_form_state().unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match office.await {
                        Err(error) => refusal(error),
                        Ok(office) => {
                            let base = format!("/offices/{}", office.slug);
                            view! {
                                <Title text=office.name.clone() />
                                <Meta name="description" content=office.name.clone() />
                                <section class="stack">
                                    <h1>{office.name.clone()}</h1>
                                    {saved.then(|| view! { <p class="notice" role="status">{td_string!(locale, office_saved)}</p> })}
                                    <ErrorSummary errors=form.errors.clone() />
                                    <p>{td_string!(locale, office_intro)}</p>
                                    {match office.outline_svg.clone() {
                                        Some(svg) => view! {
                                            <figure class="stack">
                                                <div inner_html=svg></div>
                                                <figcaption class="hint">{td_string!(locale, office_area_caption)}</figcaption>
                                            </figure>
                                            <MapPanel markers=Vec::new() circle=None area=office.area_geojson.clone().unwrap_or_default() />
                                        }.into_any(),
                                        None => view! { <p>{td_string!(locale, office_no_area)}</p> }.into_any(),
                                    }}
                                    {office.is_member.then(|| view! {
                                        <p><a class="button" href=format!("{base}/overview")>{td_string!(locale, overview_title)}</a></p>
                                    })}
                                    {(office.is_member || office.impact_public).then(|| view! {
                                        <p><a href=format!("{base}/impact")>{td_string!(locale, impact_title)}</a></p>
                                    })}
                                </section>
                                <section class="stack" aria-labelledby="sponsored-heading">
                                    <h2 id="sponsored-heading">{td_string!(locale, office_sponsored_heading)}</h2>
                                    <p class="feeds">
                                        <a href=webcal(&format!("{base}/calendar.ics"))>{td_string!(locale, host_subscribe_calendar)}</a>
                                        " · "
                                        <a href=format!("{base}/feed.rss")>{td_string!(locale, host_news_feed)}</a>
                                    </p>
                                    <WidgetSnippet
                                        widget_path=format!("/widget{base}")
                                        page_path=base.clone()
                                        title=office.name.clone()
                                    />
                                    {if office.gatherings.is_empty() && office.is_member {
                                        // How sponsoring starts, for the office's own people.
                                        view! { <p class="empty-state">{td_string!(locale, office_none_member)}</p> }.into_any()
                                    } else if office.gatherings.is_empty() {
                                        view! {
                                            <p class="empty-state">{td_string!(locale, office_none_public)}</p>
                                            <p><a href="/">{td_string!(locale, find_near_you)}</a></p>
                                        }.into_any()
                                    } else {
                                        view! {
                                            <ul class="cards">
                                                {office.gatherings.clone().into_iter().map(|card| view! { <GatheringCardView card /> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    }}
                                </section>
                                {office.is_member.then(|| view! {
                                    <section class="stack" aria-labelledby="sponsorships-heading">
                                        <h2 id="sponsorships-heading">{td_string!(locale, sponsorships_heading)}</h2>
                                        {if office.sponsorships.is_empty() {
                                            view! { <p>{td_string!(locale, office_no_sponsorships)}</p> }.into_any()
                                        } else {
                                            view! {
                                                <ul class="date-list">
                                                    {office.sponsorships.clone().into_iter().map(|row| {
                                                        let status = match row.status {
                                                            SponsorshipStatus::Active => td_string!(locale, sponsorship_active),
                                                            SponsorshipStatus::Declined => td_string!(locale, sponsorship_declined),
                                                            SponsorshipStatus::Ended => td_string!(locale, sponsorship_ended),
                                                        };
                                                        view! {
                                                            <li>
                                                                <span>
                                                                    <a href=format!("/events/{}", row.event_public_id)>{row.title.clone()}</a>
                                                                    {row.date_local.as_ref().map(|d| format!(" · {}", weekday_date_time(locale, d)))}
                                                                    " · " <span class="tag">{status}</span>
                                                                </span>
                                                                {(row.status == SponsorshipStatus::Active).then(|| view! {
                                                                    <form method="post" action=format!("{base}/sponsorships/{}/end", row.id)>
                                                                        <CsrfField />
                                                                        <button type="submit" class="secondary">{td_string!(locale, sponsorship_end)}</button>
                                                                    </form>
                                                                })}
                                                            </li>
                                                        }
                                                    }).collect_view()}
                                                </ul>
                                            }.into_any()
                                        }}
                                    </section>
                                })}
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}
