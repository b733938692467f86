//! What Common Ground is, and credit for the data it uses.

use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn About() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, about_title) />
        <Meta name="description" content=td_string!(locale, meta_description) />
        <section class="stack">
            <h1>{td_string!(locale, about_title)}</h1>
            <p>{td_string!(locale, about_body)}</p>
            <h2>{td_string!(locale, about_data_heading)}</h2>
            <p>
                {td_string!(locale, about_geonames)} " "
                <a href="https://www.geonames.org/" rel="noopener">"GeoNames"</a>
                " · "
                <a href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">"CC BY 4.0"</a>
            </p>
            <p>
                {td_string!(locale, about_osm)} " "
                <a href="https://www.openstreetmap.org/copyright" rel="noopener">"© OpenStreetMap"</a>
            </p>
        </section>
    }
}
