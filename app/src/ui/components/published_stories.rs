//! Guests' stories that organisers published, on a gathering's page and,
//! with the gathering each is about, on its host's page. Each story keeps
//! the language it was written in (`lang`, `dir`).

use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use crate::views::follow_up::PublishedStory;
use leptos::prelude::*;

#[component]
pub fn PublishedStories(
    stories: Vec<PublishedStory>,
    /// Name the gathering of each story (on a host's page).
    with_gathering: bool,
) -> impl IntoView {
    let locale = use_locale();
    (!stories.is_empty()).then(|| {
        view! {
            <section class="stack stories" aria-labelledby="stories-heading">
                <h2 id="stories-heading">{td_string!(locale, stories_title)}</h2>
                {stories.into_iter().map(|story| {
                    let by = story
                        .first_name
                        .clone()
                        .unwrap_or_else(|| td_string!(locale, story_anonymous).to_string());
                    view! {
                        <figure class="story">
                            <blockquote lang=story.language.clone() dir="auto">{story.body.clone()}</blockquote>
                            <figcaption>
                                "— " <bdi>{by}</bdi>
                                {with_gathering.then(|| view! {
                                    ", " <a href=format!("/events/{}", story.event_public_id)>{story.event_title.clone()}</a>
                                })}
                            </figcaption>
                        </figure>
                    }
                }).collect_view()}
            </section>
        }
    })
}
