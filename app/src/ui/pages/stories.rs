//! `/events/{id}/stories`: guests' stories of a gathering, for its
//! organisers. A story its author lets be shown waits here until they
//! publish it (or not); a published one can be taken down. Stories for the
//! organisers only are read here and never published.

use super::follow_up::status_text;
use crate::api::follow_up::load_stories;
use crate::domain::follow_up::{ShownAs, StoryStatus};
use crate::i18n::td_string;
use crate::ui::components::refusal;
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use crate::views::follow_up::{StoriesView, StoryForOrganisers};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StoriesPage() -> impl IntoView {
    let locale = use_locale();
    let public_id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let done = use_query_map()
        .with_untracked(|q| q.get("done"))
        .unwrap_or_default();
    let stories = Resource::new(
        || (),
        move |_| load_stories(public_id.clone(), code(locale).to_string()),
    );
    view! {
        <Title text=td_string!(locale, stories_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let done = done.clone();
                Suspend::new(async move {
                    match stories.await {
                        Err(error) => refusal(error),
                        Ok(stories) => view! { <Stories stories done /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Stories(stories: StoriesView, done: String) -> impl IntoView {
    let locale = use_locale();
    let done = match done.as_str() {
        "publish" => Some(td_string!(locale, stories_done_publish)),
        "decline" => Some(td_string!(locale, stories_done_decline)),
        _ => None,
    };
    let base = format!("/events/{}/stories", stories.event_public_id);
    view! {
        <section class="stack narrow">
            <h1>{td_string!(locale, stories_title)}</h1>
            <p>{stories.title.clone()}</p>
            <p><a href=format!("/events/{}/manage", stories.event_public_id)>{td_string!(locale, door_back_to_manage)}</a></p>
            {done.map(|message| view! { <p class="notice" role="status">{message}</p> })}
            <p class="hint">{td_string!(locale, stories_hint)}</p>
            {if stories.stories.is_empty() {
                view! { <p>{td_string!(locale, stories_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="date-list">
                        {stories.stories.into_iter().map(|story| view! {
                            <StoryToDecide story base=base.clone() />
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn StoryToDecide(story: StoryForOrganisers, base: String) -> impl IntoView {
    let locale = use_locale();
    let shown_as = match story.shown_as {
        ShownAs::FirstName => td_string!(
            locale,
            stories_shown_with_name,
            name = story.first_name.clone().unwrap_or_default()
        )
        .to_string(),
        ShownAs::Anonymously => td_string!(locale, follow_up_shown_anonymous).to_string(),
        ShownAs::NotPublished => td_string!(locale, follow_up_shown_not_published).to_string(),
    };
    let decisions: Vec<(&str, &'static str)> = match story.status {
        StoryStatus::Waiting => vec![
            ("publish", td_string!(locale, stories_publish)),
            ("decline", td_string!(locale, stories_decline)),
        ],
        StoryStatus::Published => vec![("decline", td_string!(locale, stories_take_down))],
        StoryStatus::Declined => vec![("publish", td_string!(locale, stories_publish))],
        StoryStatus::Private => Vec::new(),
    };
    view! {
        <li class="stack">
            <blockquote class="story" lang=story.language.clone() dir="auto">{story.body.clone()}</blockquote>
            <p>{shown_as} " · " <strong>{status_text(locale, story.status)}</strong></p>
            <div class="field-row">
                {decisions.into_iter().map(|(decision, label)| view! {
                    <form method="post" action=format!("{base}/{}", story.public_id)>
                        <CsrfField />
                        <input type="hidden" name="decision" value=decision />
                        <button type="submit" class=if decision == "publish" { "" } else { "secondary" }>{label}</button>
                    </form>
                }).collect_view()}
            </div>
        </li>
    }
}
