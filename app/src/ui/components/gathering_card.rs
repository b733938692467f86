//! One upcoming gathering in a list: the whole card is one large tap target,
//! with its organisers' picture, or else the drawing of its kind, so that a
//! list never looks empty.

use crate::domain::category::illustration_path;
use crate::i18n::td_string;
use crate::l10n::{format, format::weekday_date_time, labels::category_label};
use crate::ui::locale::use_locale;
use crate::views::search::GatheringCard;
use leptos::prelude::*;

#[component]
pub fn GatheringCardView(
    card: GatheringCard,
    /// Whether the page's map draws this card's place (`MapPanel`'s
    /// `cards`): the card then carries its coordinates, to about a metre.
    #[prop(optional)]
    on_map: bool,
) -> impl IntoView {
    let locale = use_locale();
    let href = format!("/events/{}", card.public_id);
    let (latitude, longitude) = match (on_map, card.latitude, card.longitude) {
        (true, Some(latitude), Some(longitude)) => (
            Some(format!("{latitude:.5}")),
            Some(format!("{longitude:.5}")),
        ),
        _ => (None, None),
    };
    view! {
        <li class="card" data-lat=latitude data-lng=longitude>
            {match card.picture.clone() {
                // The organisers' picture, cropped to the card's box; its
                // description is theirs.
                Some(picture) => view! {
                    <img class="card-picture" src=picture.smallest().to_string() srcset=picture.srcset() sizes="96px"
                        alt=picture.alt.clone() width="96" height="54" loading="lazy" decoding="async" />
                }.into_any(),
                // Decorative: the tags below name the kind in words.
                None => view! {
                    <img class="card-picture" src=illustration_path(card.categories) alt="" width="96" height="54"
                        loading="lazy" decoding="async" />
                }.into_any(),
            }}
            <h3 class="card-title" lang=card.title_language><a href=href>{card.title}</a></h3>
            <p class="card-when">
                <time datetime=card.starts_at_utc>{weekday_date_time(locale, &card.starts_local)}</time> " " <abbr>{card.zone_abbreviation}</abbr>
            </p>
            <p class="card-where">
                {card.distance_m.map(|metres| view! {
                    <span class="distance">{td_string!(locale, distance_away, distance = format::distance(locale, metres))}</span> " · "
                })}
                // Each name in its own direction (a Latin name on an Arabic
                // page, or the other way round).
                <bdi>{card.place_name}</bdi> " · " <bdi>{card.host_name}</bdi>
            </p>
            {(!card.sponsors.is_empty()).then(|| view! {
                <p class="sponsored-label">{td_string!(locale, sponsored_by, office = crate::l10n::bidi::isolated(locale, &card.sponsors.join(", ")).into_owned())}</p>
            })}
            <ul class="tags" aria-label=td_string!(locale, categories_label)>
                {card.categories.iter().map(|c| view! { <li class="tag">{category_label(locale, c)}</li> }).collect_view()}
                {card.is_free.then(|| view! { <li class="tag tag-free">{td_string!(locale, free)}</li> })}
            </ul>
        </li>
    }
}
