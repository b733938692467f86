//! One upcoming gathering in a list: the whole card is one large tap target.

use crate::api::discover::GatheringCard;
use crate::domain::category::Category;
use leptos::prelude::*;

fn category_label(category: Category) -> &'static str {
    match category {
        Category::Food => "Food",
        Category::Music => "Music",
        Category::Art => "Art",
        Category::Sport => "Sport",
        Category::Other => "Other",
    }
}

#[component]
pub fn GatheringCardView(card: GatheringCard) -> impl IntoView {
    let href = format!("/events/{}", card.public_id);
    view! {
        <li class="card">
            <h3 class="card-title"><a href=href>{card.title}</a></h3>
            <p class="card-when">
                <time datetime=card.starts_at_utc>{card.starts_local}</time> " " <abbr>{card.zone_abbreviation}</abbr>
            </p>
            <p class="card-where">{card.place_name} " · " {card.host_name}</p>
            <ul class="tags" aria-label="Categories">
                {card.categories.iter().map(|c| view! { <li class="tag">{category_label(c)}</li> }).collect_view()}
                {card.is_free.then(|| view! { <li class="tag tag-free">"Free"</li> })}
            </ul>
        </li>
    }
}
