//! `/hosts/<slug>`: a host's public page and upcoming gatherings. Its
//! organisers also see how to add a gathering.

use crate::api::hosting::load_host;
use crate::i18n::td_string;
use crate::ui::components::{
    GatheringCardView, PublishedStories, ReportForm, WidgetSnippet, refusal,
};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::{CsrfField, webcal};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn HostPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let language = code(locale).to_string();
    let host = Resource::new(|| (), move |_| load_host(slug.clone(), language.clone()));
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match host.await {
                    Err(error) => refusal(error),
                    Ok(host) => view! {
                        <Title text=host.name.clone() />
                        <Meta name="description" content=host.name.clone() />
                        <Link rel="alternate" type_="application/atom+xml" title=host.name.clone() href=format!("/hosts/{}/feed.atom", host.slug) />
                        <section class="stack">
                            <div class="host-heading">
                                {host.logo.clone().map(|logo| view! {
                                    <img class="host-logo" src=logo.url alt="" width=logo.width height=logo.height loading="lazy" />
                                })}
                                <h1>{host.name.clone()}</h1>
                            </div>
                            {host.closed.then(|| view! { <p class="notice">{td_string!(locale, host_closed_notice)}</p> })}
                            <div class="prose" inner_html=host.description_html.clone()></div>
                            {(!host.links.is_empty()).then(|| view! {
                                <ul class="host-links">
                                    {host.links.clone().into_iter().map(|url| {
                                        let text = crate::domain::text::link_label(&url);
                                        view! { <li><a href=url rel="noopener nofollow ugc" dir="ltr">{text}</a></li> }
                                    }).collect_view()}
                                </ul>
                            })}
                            <p class="feeds">
                                <a href=webcal(&format!("/hosts/{}/calendar.ics", host.slug))>{td_string!(locale, host_subscribe_calendar)}</a>
                                " · "
                                <a href=format!("/hosts/{}/feed.rss", host.slug)>{td_string!(locale, host_news_feed)}</a>
                            </p>
                            <WidgetSnippet
                                widget_path=format!("/widget/hosts/{}", host.slug)
                                page_path=format!("/hosts/{}", host.slug)
                                title=host.name.clone()
                            />
                            {(host.can_organise || host.impact_public).then(|| view! {
                                <p><a href=format!("/hosts/{}/impact", host.slug)>{td_string!(locale, impact_title)}</a></p>
                            })}
                            {host.can_organise.then(|| view! {
                                <p class="actions">
                                    <a class="button" href=format!("/hosts/{}/gatherings/new", host.slug)>
                                        {td_string!(locale, gathering_new)}
                                    </a>
                                    " "
                                    <a class="button secondary" href=format!("/hosts/{}/team", host.slug)>
                                        {td_string!(locale, team_title)}
                                    </a>
                                    {host.can_edit.then(|| view! {
                                        " "
                                        <a class="button secondary" href=format!("/hosts/{}/edit", host.slug)>
                                            {td_string!(locale, host_edit_title)}
                                        </a>
                                    })}
                                </p>
                            })}
                        </section>
                        {(!host.cohost_invitations.is_empty()).then(|| {
                            let slug = host.slug.clone();
                            view! {
                                <section class="stack">
                                    <h2>{td_string!(locale, cohosting_heading)}</h2>
                                    <ul class="date-list">
                                        {host.cohost_invitations.clone().into_iter().map(|invitation| {
                                            let action = format!("/hosts/{slug}/cohosting/{}", invitation.public_id);
                                            view! {
                                                <li>
                                                    <span>
                                                        <a href=format!("/events/{}", invitation.public_id)>{invitation.title}</a>
                                                        " · " {invitation.inviting_host}
                                                    </span>
                                                    <span class="actions">
                                                        <form method="post" action=format!("{action}/accept")>
                                                            <CsrfField />
                                                            <button type="submit">{td_string!(locale, cohosting_accept)}</button>
                                                        </form>
                                                        <form method="post" action=format!("{action}/decline")>
                                                            <CsrfField />
                                                            <button type="submit" class="secondary">{td_string!(locale, cohosting_decline)}</button>
                                                        </form>
                                                    </span>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </section>
                            }
                        })}
                        <section class="stack">
                            <h2>{td_string!(locale, coming_up)}</h2>
                            {if host.gatherings.is_empty() {
                                // What to do next: the team starts one, others
                                // may follow the calendar.
                                let next_step = if host.can_organise {
                                    td_string!(locale, host_none_team)
                                } else {
                                    td_string!(locale, host_none_public)
                                };
                                view! { <p class="empty-state">{next_step}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="cards">
                                        {host.gatherings.into_iter().map(|card| view! { <GatheringCardView card /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                        <PublishedStories stories=host.stories.clone() with_gathering=true />
                        <ReportForm
                            action=format!("/hosts/{}/report", host.slug)
                            summary=td_string!(locale, report_host)
                        />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}
