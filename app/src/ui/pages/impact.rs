//! `/hosts/{slug}/impact` and `/offices/{slug}/impact`: what difference the
//! gatherings make, per settled quarter and month, in aggregate only. A
//! chart drawn on the server (SVG) with the same figures as a table for
//! screen readers, and a CSV. Its team or members switch it public.

use crate::api::impact::load_impact;
use crate::domain::disclosure::{Cell, SMALL_GROUP};
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{month, number};
use crate::ui::components::refusal;
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::impact::{Figures, ImpactView, MonthFigures, QuarterFigures};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn HostImpact() -> impl IntoView {
    view! { <ImpactPage kind="hosts" /> }
}

#[component]
pub fn OfficeImpact() -> impl IntoView {
    view! { <ImpactPage kind="offices" /> }
}

#[component]
fn ImpactPage(kind: &'static str) -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let impact = Resource::new(|| (), move |_| load_impact(kind.to_string(), slug.clone()));
    view! {
        <Title text=td_string!(locale, impact_title) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match impact.await {
                    Err(error) => refusal(error),
                    Ok(impact) => view! { <Impact impact /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Impact(impact: ImpactView) -> impl IntoView {
    let locale = use_locale();
    // Oldest first, as a chart reads.
    let months: Vec<MonthFigures> = impact
        .quarters
        .iter()
        .rev()
        .flat_map(|quarter| quarter.months.clone())
        .collect();
    view! {
        <section class="stack">
            <p><a href=impact.path.clone()>{impact.name.clone()}</a></p>
            <h1>{td_string!(locale, impact_title)}</h1>
            <p class="hint">{td_string!(locale, impact_hint)}</p>
            {impact.can_switch.then(|| view! { <Switch path=impact.path.clone() public=impact.public /> })}
            <PeopleChart months />
            {impact.quarters.into_iter().map(|quarter| view! { <QuarterTable quarter /> }).collect_view()}
            <p><a href=format!("{}/impact.csv", impact.path) download>{td_string!(locale, impact_csv)}</a></p>
        </section>
    }
}

/// Public or not, and the button that changes it.
#[component]
fn Switch(path: String, public: bool) -> impl IntoView {
    let locale = use_locale();
    let (state, label, value) = if public {
        (
            td_string!(locale, impact_is_public),
            td_string!(locale, impact_make_private),
            "0",
        )
    } else {
        (
            td_string!(locale, impact_is_private),
            td_string!(locale, impact_make_public),
            "1",
        )
    };
    view! {
        <form class="stack notice" method="post" action=format!("{path}/impact")>
            <CsrfField />
            <p>{state}</p>
            <input type="hidden" name="public" value=value />
            <button type="submit" class="secondary">{label}</button>
        </form>
    }
}

/// People who came per month, as bars. Hidden months are drawn as an
/// outline at the height of a small group; the table below has the same
/// figures in words.
#[component]
fn PeopleChart(months: Vec<MonthFigures>) -> impl IntoView {
    let locale = use_locale();
    const BAR: usize = 36;
    const HEIGHT: f64 = 120.0;
    let tallest = months
        .iter()
        .filter_map(|m| m.figures.people.shown())
        .max()
        .unwrap_or(SMALL_GROUP)
        .max(SMALL_GROUP) as f64;
    let width = months.len().max(1) * BAR;
    let bars = months
        .iter()
        .enumerate()
        .map(|(at, m)| {
            let x = (at * BAR + 4) as f64;
            let (value, hidden) = match m.figures.people {
                Cell::About(n) => (n as f64, false),
                _ => (SMALL_GROUP as f64, true),
            };
            let height = (value / tallest * HEIGHT).max(2.0);
            let y = 10.0 + HEIGHT - height;
            let class = if hidden { "bar hidden" } else { "bar" };
            let label = month(locale, m.year, m.month);
            view! {
                <g>
                    <title>{format!("{label}: {}", cell_text(locale, m.figures.people))}</title>
                    <rect class=class x=format!("{x:.1}") y=format!("{y:.1}") width=(BAR - 8).to_string() height=format!("{height:.1}") />
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="impact-chart">
            <svg role="img" aria-labelledby="impact-chart-title" viewBox=format!("0 0 {width} 140")
                preserveAspectRatio="none" width="100%" height="140">
                <title id="impact-chart-title">{td_string!(locale, impact_chart_title)}</title>
                {bars}
            </svg>
            <figcaption class="hint">{td_string!(locale, impact_chart_caption)}</figcaption>
        </figure>
    }
}

#[component]
fn QuarterTable(quarter: QuarterFigures) -> impl IntoView {
    let locale = use_locale();
    let [first, .., last] = quarter.quarter.months();
    let caption = format!(
        "{} – {}",
        month(locale, first.0, first.1),
        month(locale, last.0, last.1)
    );
    let region = caption.clone();
    // Scrolls sideways on a narrow phone, and by keyboard.
    view! {
        <div class="impact-table-wrap" role="region" tabindex="0" aria-label=region>
        <table class="impact-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{td_string!(locale, impact_period)}</th>
                    <th scope="col">{td_string!(locale, impact_dates)}</th>
                    <th scope="col">{td_string!(locale, impact_people)}</th>
                    <th scope="col">{td_string!(locale, impact_new_to_area)}</th>
                    <th scope="col">{td_string!(locale, impact_met_someone_new)}</th>
                    <th scope="col">{td_string!(locale, impact_come_again)}</th>
                </tr>
            </thead>
            <tbody>
                {quarter.months.iter().map(|m| view! {
                    <Row label=month(locale, m.year, m.month) figures=m.figures total=false />
                }).collect_view()}
                <Row label=td_string!(locale, impact_quarter_total).to_string() figures=quarter.figures total=true />
            </tbody>
        </table>
        </div>
    }
}

#[component]
fn Row(label: String, figures: Figures, total: bool) -> impl IntoView {
    let locale = use_locale();
    view! {
        <tr class:total=total>
            <th scope="row">{label}</th>
            <td>{number(locale, figures.dates as i64)}</td>
            <td>{cell_text(locale, figures.people)}</td>
            <td>{share_text(locale, figures.new_to_area)}</td>
            <td>{share_text(locale, figures.met_someone_new)}</td>
            <td>{share_text(locale, figures.come_again)}</td>
        </tr>
    }
}

/// A count in words: about n, fewer than 5, or withheld.
pub fn cell_text(locale: Locale, cell: Cell) -> String {
    match cell {
        Cell::About(n) => number(locale, n as i64),
        Cell::FewerThan(n) => td_string!(
            locale,
            overview_fewer_than,
            count = number(locale, n as i64)
        )
        .to_string(),
        Cell::Withheld => td_string!(locale, impact_withheld).to_string(),
    }
}

fn share_text(locale: Locale, share: Option<u8>) -> String {
    match share {
        Some(percent) => {
            td_string!(locale, impact_percent, n = number(locale, percent.into())).to_string()
        }
        None => td_string!(locale, impact_too_few).to_string(),
    }
}
