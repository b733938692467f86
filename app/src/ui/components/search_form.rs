//! The search form: where, and the filters. A plain GET form, so every
//! search is a link and works without JavaScript; problems are listed at
//! the top and tied to their fields (`aria-describedby`, `aria-invalid`).

use crate::domain::accessibility::AccessibilityFeature;
use crate::domain::category::Category;
use crate::domain::flags::{Flag, FlagSet};
use crate::domain::language::SpokenLanguage;
use crate::domain::search::{SearchError, SearchRequest, SortOrder, When, format_km};
use crate::i18n::{Locale, td_string};
use crate::l10n::labels::{access_label, category_label};
use crate::l10n::refusals::Explain;
use crate::ui::locale::use_locale;
use leptos::prelude::*;

const RADII_KM: [f64; 7] = [1.0, 2.0, 5.0, 10.0, 25.0, 50.0, 100.0];

#[component]
pub fn SearchForm(
    request: SearchRequest,
    /// What the place field shows: the typed name, or what was found.
    place_text: String,
    /// The chosen city, kept while the field still shows its name.
    city: Option<u32>,
    errors: Vec<SearchError>,
) -> impl IntoView {
    let locale = use_locale();
    let error_for = |field: &'static str| errors.iter().copied().find(|e| e.field() == field);
    let place_error = error_for("place");
    let when_error = error_for("when");
    let radius_error = error_for("radius");
    let filters = &request.filters;
    let filters_open = !filters.categories.is_empty()
        || !filters.languages.is_empty()
        || !filters.accessibility.is_empty()
        || filters.free_only
        || filters.family_friendly
        || request.when != When::Upcoming
        || request.sort != SortOrder::Soonest
        || !errors.iter().all(|e| e.field() == "place");
    let (date_from, date_to) = match request.when {
        When::Dates { from, to } => (from.to_string(), to.to_string()),
        _ => Default::default(),
    };

    view! {
        <form class="search stack" method="get" action="/" role="search">
            {(!errors.is_empty()).then(|| view! {
                <div class="error-summary" role="alert">
                    <p>{td_string!(locale, error_summary)}</p>
                    <ul>
                        {errors.iter().map(|&error| view! {
                            <li><a href=format!("#{}", error.field())>{error.explain(locale)}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            })}
            <div class="field">
                <label for="place">{td_string!(locale, search_place_label)}</label>
                <div class="place-row">
                    <input id="place" name="place" type="search" value=place_text.clone()
                        autocomplete="off" list="place-suggestions" enterkeyhint="search"
                        placeholder=td_string!(locale, search_place_placeholder)
                        aria-invalid=place_error.map(|_| "true")
                        aria-describedby=place_error.map(|_| "place-error") />
                    <button type="submit">{td_string!(locale, search_button)}</button>
                </div>
                <datalist id="place-suggestions"></datalist>
                <script type="module" src="/places.js"></script>
                {place_error.map(|e| view! { <p id="place-error" class="field-error">{e.explain(locale)}</p> })}
                {city.map(|id| view! {
                    <input type="hidden" name="city" value=id.to_string() />
                    <input type="hidden" name="cityname" value=place_text.clone() />
                })}
            </div>
            <details class="filters" open=filters_open>
                <summary>{td_string!(locale, filters)}</summary>
                <div class="stack">
                    <fieldset id="when" aria-describedby=when_error.map(|_| "when-error")>
                        <legend>{td_string!(locale, when_label)}</legend>
                        {[When::Upcoming, When::Today, When::Weekend, When::NextSevenDays]
                            .into_iter()
                            .map(|when| view! {
                                <label class="choice">
                                    <input type="radio" name="when" value=when.slug() checked=request.when == when />
                                    {when_label(locale, when)}
                                </label>
                            })
                            .collect_view()}
                        <label class="choice">
                            <input type="radio" name="when" value="dates" checked=matches!(request.when, When::Dates { .. }) />
                            {td_string!(locale, when_dates)}
                        </label>
                        <div class="date-range">
                            <label>{td_string!(locale, date_from)} <input type="date" name="from" value=date_from /></label>
                            <label>{td_string!(locale, date_to)} <input type="date" name="to" value=date_to /></label>
                        </div>
                        {when_error.map(|e| view! { <p id="when-error" class="field-error">{e.explain(locale)}</p> })}
                    </fieldset>
                    <div class="field">
                        <label for="radius">{td_string!(locale, radius_label)}</label>
                        <select id="radius" name="radius" aria-invalid=radius_error.map(|_| "true")>
                            {RADII_KM.into_iter().map(|km| view! {
                                <option value=format_km(km) selected=request.radius_km == km>
                                    {crate::l10n::format::distance(locale, (km * 1000.0) as u32)}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    <fieldset id="sort">
                        <legend>{td_string!(locale, sort_label)}</legend>
                        <label class="choice">
                            <input type="radio" name="sort" value="soonest" checked=request.sort == SortOrder::Soonest />
                            {td_string!(locale, sort_soonest)}
                        </label>
                        <label class="choice">
                            <input type="radio" name="sort" value="nearest" checked=request.sort == SortOrder::Nearest />
                            {td_string!(locale, sort_nearest)}
                        </label>
                    </fieldset>
                    {flag_choices(
                        "category",
                        td_string!(locale, categories_label),
                        filters.categories,
                        Category::slug,
                        move |c| category_label(locale, c),
                    )}
                    <div class="field">
                        <label for="spoken">{td_string!(locale, language_spoken_label)}</label>
                        <select id="spoken" name="language">
                            <option value="">{td_string!(locale, any_language)}</option>
                            {SpokenLanguage::all().map(|language| view! {
                                <option value=language.code() lang=language.code()
                                    selected=filters.languages.contains(&language)>
                                    {language.own_name()}
                                </option>
                            }).collect_view()}
                        </select>
                    </div>
                    {flag_choices(
                        "access",
                        td_string!(locale, accessibility_label),
                        filters.accessibility,
                        AccessibilityFeature::slug,
                        move |f| access_label(locale, f),
                    )}
                    <label class="choice">
                        <input type="checkbox" name="free" value="1" checked=filters.free_only />
                        {td_string!(locale, free_only)}
                    </label>
                    <label class="choice">
                        <input type="checkbox" name="family" value="1" checked=filters.family_friendly />
                        {td_string!(locale, family_friendly)}
                    </label>
                    <button type="submit">{td_string!(locale, show_results)}</button>
                </div>
            </details>
        </form>
    }
}

/// A fieldset of checkboxes, one per value of a flag set, submitted as
/// repeated `name=slug` pairs. `name` is also the fieldset's id, which the
/// error summary links to.
pub fn flag_choices<F: Flag>(
    name: &'static str,
    legend: &'static str,
    chosen: FlagSet<F>,
    slug: fn(F) -> &'static str,
    label: impl Fn(F) -> &'static str,
) -> impl IntoView {
    view! {
        <fieldset id=name>
            <legend>{legend}</legend>
            {F::ALL.iter().map(|&value| view! {
                <label class="choice">
                    <input type="checkbox" name=name value=slug(value) checked=chosen.contains(value) />
                    {label(value)}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

fn when_label(locale: Locale, when: When) -> &'static str {
    match when {
        When::Upcoming => td_string!(locale, when_upcoming),
        When::Today => td_string!(locale, when_today),
        When::Weekend => td_string!(locale, when_weekend),
        When::NextSevenDays => td_string!(locale, when_week),
        When::Dates { .. } => td_string!(locale, when_dates),
    }
}
