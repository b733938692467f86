//! `/offices/<slug>/overview`: aggregate figures for an office's area over
//! a period, as server-rendered SVG charts and a CSV with the same words.
//! Members only; no names or addresses, small groups of people withheld.

use crate::api::offices::load_overview;
use crate::i18n::td_string;
use crate::l10n::format;
use crate::ui::components::refusal;
use crate::ui::locale::{code, use_locale};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn OfficeOverview() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let (from, to) = use_query_map().with_untracked(|q| {
        (
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    });
    let language = code(locale).to_string();
    let overview = Resource::new(
        || (),
        move |_| load_overview(slug.clone(), from.clone(), to.clone(), language.clone()),
    );
    view! {
        <Title text=td_string!(locale, overview_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(error) => refusal(error),
                    Ok(view_data) => {
                        let base = format!("/offices/{}", view_data.slug);
                        let csv = format!("{base}/overview.csv?from={}&to={}", view_data.from, view_data.to);
                        let number = |n: u64| format::number(locale, n as i64);
                        view! {
                            <section class="stack">
                                <p><a href=base.clone()>{view_data.name.clone()}</a></p>
                                <h1>{td_string!(locale, overview_title)}</h1>
                                <form class="field-row" method="get" action=format!("{base}/overview")>
                                    <div class="field">
                                        <label for="from">{td_string!(locale, overview_from)}</label>
                                        <input id="from" name="from" type="date" value=view_data.from.clone() />
                                    </div>
                                    <div class="field">
                                        <label for="to">{td_string!(locale, overview_to)}</label>
                                        <input id="to" name="to" type="date" value=view_data.to.clone() />
                                    </div>
                                    <button type="submit" class="secondary">{td_string!(locale, overview_show)}</button>
                                </form>
                                <p class="hint">{td_string!(locale, overview_privacy)}</p>
                                {(!view_data.has_area).then(|| view! { <p role="status">{td_string!(locale, office_no_area)}</p> })}
                                <dl class="facts overview-figures">
                                    <div><dt>{td_string!(locale, overview_gatherings)}</dt><dd data-figure="gatherings">{number(view_data.gatherings)}</dd></div>
                                    <div><dt>{td_string!(locale, overview_sponsored)}</dt><dd data-figure="sponsored">{number(view_data.sponsored)}</dd></div>
                                    <div><dt>{td_string!(locale, overview_people_going)}</dt><dd data-figure="people_going">{view_data.people_going.clone()}</dd></div>
                                    <div><dt>{td_string!(locale, overview_volunteers)}</dt><dd data-figure="volunteer_signups">{view_data.volunteer_signups.clone()}</dd></div>
                                </dl>
                                <figure class="chart stack">
                                    <figcaption><h2>{td_string!(locale, overview_by_category)}</h2></figcaption>
                                    <div inner_html=view_data.category_chart.clone()></div>
                                </figure>
                                <figure class="chart stack">
                                    <figcaption><h2>{td_string!(locale, overview_by_week)}</h2></figcaption>
                                    <div inner_html=view_data.week_chart.clone()></div>
                                </figure>
                                <p><a class="button secondary" href=csv download>{td_string!(locale, overview_download)}</a></p>
                            </section>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
