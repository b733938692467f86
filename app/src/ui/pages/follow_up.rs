//! `/follow-up?token=…`: the link in the email the day after a date. Three
//! optional questions and an optional story, answered once, without an
//! account; afterwards the page shows the story and lets its author
//! withdraw it. Plain forms that work without JavaScript.

use crate::api::follow_up::load_survey;
use crate::domain::follow_up::{
    ComeAgain, Comfortable, FIRST_NAME_MAX_CHARS, MetSomeoneNew, STORY_MAX_CHARS, ShownAs,
    StoryStatus,
};
use crate::i18n::{Locale, td_string};
use crate::l10n::format::weekday_date_time;
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use crate::views::follow_up::{OwnStory, SurveyState, SurveyView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn FollowUpPage() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let token = query.with_untracked(|q| q.get("token")).unwrap_or_default();
    let done = query.with_untracked(|q| q.get("done")).unwrap_or_default();
    let survey = {
        let token = token.clone();
        Resource::new(
            || (),
            move |_| load_survey(token.clone(), code(locale).to_string()),
        )
    };
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, follow_up_title) />
        <Meta name="robots" content="noindex" />
        <Meta name="referrer" content="no-referrer" />
        <Suspense fallback=|| ()>
            {move || {
                let (token, done, form) = (token.clone(), done.clone(), form.clone());
                Suspend::new(async move {
                    match survey.await {
                        // A withdrawn story may have been all the link still held.
                        Err(_) if done == "withdrawn" => view! {
                            <section class="stack narrow">
                                <h1>{td_string!(locale, follow_up_title)}</h1>
                                <p class="notice" role="status">{td_string!(locale, follow_up_withdrawn)}</p>
                            </section>
                        }.into_any(),
                        Err(_) => {
                            // A refused form (over a limit) keeps its own
                            // status and says why.
                            if form.status.is_none() {
                                crate::ui::status::not_found();
                            }
                            view! {
                                <section class="stack narrow">
                                    <ErrorSummary errors=form.errors.clone() />
                                    <h1>{td_string!(locale, follow_up_title)}</h1>
                                    <p class="notice" role="alert">{td_string!(locale, follow_up_link_not_valid)}</p>
                                </section>
                            }.into_any()
                        }
                        Ok(survey) => view! {
                            <section class="stack narrow">
                                <ErrorSummary errors=form.errors.clone() />
                                <Survey survey token done form />
                            </section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Survey(survey: SurveyView, token: String, done: String, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let when = format!(
        "{} {}",
        weekday_date_time(locale, &survey.starts_local),
        survey.zone_abbreviation
    );
    let done = match done.as_str() {
        "answered" => Some(td_string!(locale, follow_up_thanks)),
        "withdrawn" => Some(td_string!(locale, follow_up_withdrawn)),
        _ => None,
    };
    let body = match survey.state {
        SurveyState::Open => view! { <Questions token=token.clone() form /> }.into_any(),
        SurveyState::Answered if done.is_some() => ().into_any(),
        SurveyState::Answered => {
            view! { <p>{td_string!(locale, follow_up_answered)}</p> }.into_any()
        }
        SurveyState::Over => view! { <p>{td_string!(locale, follow_up_over)}</p> }.into_any(),
    };
    view! {
        <h1>{td_string!(locale, follow_up_title)}</h1>
        <p>
            <a href=format!("/events/{}", survey.event_public_id)>{survey.title.clone()}</a>
            " · " {when}
        </p>
        {done.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        {body}
        {survey.story.map(|story| view! { <OwnStoryPanel story token /> })}
    }
}

/// The questions, each optional, and the story.
#[component]
fn Questions(token: String, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let value = |name: &str| form.value(name).unwrap_or_default();
    let story_error = form.error("story");
    let first_name_error = form.error("first_name");
    let met = [
        (MetSomeoneNew::Yes, td_string!(locale, follow_up_yes)),
        (MetSomeoneNew::No, td_string!(locale, follow_up_no)),
        (
            MetSomeoneNew::NotSure,
            td_string!(locale, follow_up_not_sure),
        ),
    ]
    .map(|(answer, label)| (answer.as_str(), label.to_string()));
    let comfortable = Comfortable::ALL
        .iter()
        .map(|answer| (answer.as_str(), comfortable_label(locale, *answer)));
    let again = [
        (ComeAgain::Yes, td_string!(locale, follow_up_yes)),
        (ComeAgain::No, td_string!(locale, follow_up_no)),
    ]
    .map(|(answer, label)| (answer.as_str(), label.to_string()));
    let shown_as = value("shown_as");
    let shown_as = ShownAs::parse(&shown_as).unwrap_or(ShownAs::NotPublished);
    let ways = [
        (
            ShownAs::FirstName,
            td_string!(locale, follow_up_shown_first_name),
        ),
        (
            ShownAs::Anonymously,
            td_string!(locale, follow_up_shown_anonymous),
        ),
        (
            ShownAs::NotPublished,
            td_string!(locale, follow_up_shown_not_published),
        ),
    ];
    let story = value("story");
    view! {
        <p class="hint">{td_string!(locale, follow_up_privacy_hint)}</p>
        <form class="stack" method="post" action="/follow-up" novalidate>
            <CsrfField />
            <input type="hidden" name="token" value=token />
            <Choices legend=td_string!(locale, follow_up_met_someone_new).to_string()
                name="met_someone_new" choices=met.to_vec() chosen=value("met_someone_new") />
            <Choices legend=td_string!(locale, follow_up_comfortable).to_string()
                name="comfortable" choices=comfortable.collect() chosen=value("comfortable") />
            <Choices legend=td_string!(locale, follow_up_come_again).to_string()
                name="come_again" choices=again.to_vec() chosen=value("come_again") />
            <div class="field">
                <label for="story">{td_string!(locale, follow_up_story_label)}</label>
                <p id="story-hint" class="hint">{td_string!(locale, follow_up_story_hint, count = STORY_MAX_CHARS, most = crate::l10n::format::number(locale, STORY_MAX_CHARS as i64))}</p>
                <textarea id="story" name="story" rows="5" maxlength=STORY_MAX_CHARS.to_string()
                    aria-invalid=story_error.as_ref().map(|_| "true")
                    aria-describedby=if story_error.is_some() { "story-hint story-error" } else { "story-hint" }>{crate::domain::text::escape_html(&story)}</textarea>
                <FieldMessage field="story" message=story_error.clone() />
            </div>
            <fieldset>
                <legend>{td_string!(locale, follow_up_shown_as)}</legend>
                {ways.into_iter().map(|(way, label)| view! {
                    <label class="choice">
                        <input type="radio" name="shown_as" value=way.as_str() checked=way == shown_as />
                        {label}
                    </label>
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="first_name">{td_string!(locale, follow_up_first_name)}</label>
                <input id="first_name" name="first_name" maxlength=FIRST_NAME_MAX_CHARS.to_string()
                    autocomplete="given-name" value=value("first_name")
                    aria-invalid=first_name_error.as_ref().map(|_| "true")
                    aria-describedby=first_name_error.as_ref().map(|_| "first_name-error") />
                <FieldMessage field="first_name" message=first_name_error.clone() />
            </div>
            <button type="submit">{td_string!(locale, follow_up_send)}</button>
        </form>
    }
}

/// How an answer to "how comfortable would you feel meeting them again?"
/// reads: its ends named, the steps between as numbers.
pub(super) fn comfortable_label(locale: Locale, answer: Comfortable) -> String {
    match answer {
        Comfortable::One => td_string!(locale, follow_up_comfortable_1).to_string(),
        Comfortable::Five => td_string!(locale, follow_up_comfortable_5).to_string(),
        other => crate::l10n::format::number(locale, other.as_str().parse().unwrap_or(0)),
    }
}

/// One optional question as radio buttons, none chosen at first.
#[component]
fn Choices(
    legend: String,
    name: &'static str,
    choices: Vec<(&'static str, String)>,
    chosen: String,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>{legend}</legend>
            {choices.into_iter().map(|(answer, label)| view! {
                <label class="choice">
                    <input type="radio" name=name value=answer checked=chosen == answer />
                    {label}
                </label>
            }).collect_view()}
        </fieldset>
    }
}

/// The story written with this link, where it stands, and a way to take
/// it back.
#[component]
fn OwnStoryPanel(story: OwnStory, token: String) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="stack" aria-labelledby="own-story">
            <h2 id="own-story">{td_string!(locale, follow_up_story_heading)}</h2>
            <blockquote class="story">{story.body}</blockquote>
            <p>{status_text(locale, story.status)}</p>
            <form method="post" action="/follow-up/withdraw">
                <CsrfField />
                <input type="hidden" name="token" value=token />
                <button type="submit" class="secondary">{td_string!(locale, follow_up_withdraw)}</button>
            </form>
        </section>
    }
}

/// Where a story stands, in words.
pub fn status_text(locale: Locale, status: StoryStatus) -> &'static str {
    match status {
        StoryStatus::Waiting => td_string!(locale, story_status_waiting),
        StoryStatus::Published => td_string!(locale, story_status_published),
        StoryStatus::Declined => td_string!(locale, story_status_declined),
        StoryStatus::Private => td_string!(locale, story_status_private),
    }
}
