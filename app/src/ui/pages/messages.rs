//! `/events/{id}/messages`: the organisers write to the people of one date
//! (those coming, the waiting list, or volunteers) and read every message
//! sent. A plain form that works without JavaScript.

use crate::api::messages::load_messages;
use crate::domain::organiser_message::{Audience, BODY_MAX_CHARS};
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{day, number, weekday_date_time};
use crate::ui::components::refusal;
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use crate::views::messages::{MessagesView, SentMessage};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn MessagesPage() -> impl IntoView {
    let locale = use_locale();
    let public_id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let sent_to = use_query_map()
        .with_untracked(|q| q.get("sent"))
        .and_then(|n| n.parse::<i64>().ok());
    let messages = Resource::new(
        || (),
        move |_| load_messages(public_id.clone(), code(locale).to_string()),
    );
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, messages_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match messages.await {
                        Err(error) => refusal(error),
                        Ok(messages) => view! { <Messages messages form sent_to /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Messages(messages: MessagesView, form: FormState, sent_to: Option<i64>) -> impl IntoView {
    let locale = use_locale();
    let base = format!("/events/{}", messages.event_public_id);
    view! {
        <section class="stack narrow">
            <ErrorSummary errors=form.errors.clone() />
            <h1>{td_string!(locale, messages_title)}</h1>
            <p>{messages.title.clone()}</p>
            <p><a href=format!("{base}/manage")>{td_string!(locale, door_back_to_manage)}</a></p>
            {sent_to.map(|n| view! {
                <p class="notice" role="status">{td_string!(locale, messages_done, count = number(locale, n))}</p>
            })}
            {if messages.dates.is_empty() {
                view! { <p>{td_string!(locale, messages_no_dates)}</p> }.into_any()
            } else {
                view! { <Write base=base.clone() messages=messages.clone() form /> }.into_any()
            }}
            <h2>{td_string!(locale, messages_sent_heading)}</h2>
            {if messages.sent.is_empty() {
                view! { <p>{td_string!(locale, messages_none)}</p> }.into_any()
            } else {
                view! {
                    <ul class="date-list">
                        {messages.sent.into_iter().map(|message| view! { <Sent message /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The form: which date, to whom, what.
#[component]
fn Write(base: String, messages: MessagesView, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let chosen_date = form.value("occurrence");
    let chosen_audience = form.value("audience").unwrap_or_else(|| "coming".into());
    let body_error = form.error("body");
    let audience_error = form.error("audience");
    let mut audiences = vec![
        (
            Audience::Coming,
            td_string!(locale, messages_to_coming).to_string(),
        ),
        (
            Audience::Waiting,
            td_string!(locale, messages_to_waiting).to_string(),
        ),
    ];
    if !messages.roles.is_empty() {
        audiences.push((
            Audience::Volunteers(None),
            td_string!(locale, messages_to_volunteers).to_string(),
        ));
        for (role, name) in &messages.roles {
            let label = td_string!(
                locale,
                messages_to_role,
                role = crate::l10n::bidi::isolated(locale, name)
            )
            .to_string();
            audiences.push((Audience::Volunteers(Some(*role)), label));
        }
    }
    let body = form.value("body").unwrap_or_default();
    view! {
        <form class="stack" method="post" action=format!("{base}/messages") novalidate>
            <CsrfField />
            <div class="field">
                <label for="message-date">{td_string!(locale, rsvp_which_date)}</label>
                <select id="message-date" name="occurrence">
                    {messages.dates.iter().map(|(id, local)| {
                        let id = id.to_string();
                        let selected = chosen_date.as_deref() == Some(id.as_str());
                        view! { <option value=id selected=selected>{weekday_date_time(locale, local)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <fieldset id="audience">
                <legend>{td_string!(locale, messages_to)}</legend>
                {audiences.into_iter().map(|(audience, label)| {
                    let value = audience.form_value();
                    let checked = value == chosen_audience;
                    view! {
                        <label class="choice">
                            <input type="radio" name="audience" value=value checked=checked />
                            {label}
                        </label>
                    }
                }).collect_view()}
                <FieldMessage field="audience" message=audience_error />
            </fieldset>
            <div class="field">
                <label for="body">{td_string!(locale, messages_body_label)}</label>
                <p id="body-hint" class="hint">{td_string!(locale, messages_body_hint)}</p>
                <textarea id="body" name="body" rows="6" maxlength=BODY_MAX_CHARS.to_string() required
                    aria-invalid=body_error.as_ref().map(|_| "true")
                    aria-describedby=if body_error.is_some() { "body-hint body-error" } else { "body-hint" }>{crate::domain::text::escape_html(&body)}</textarea>
                <FieldMessage field="body" message=body_error.clone() />
            </div>
            <button type="submit">{td_string!(locale, messages_send)}</button>
        </form>
    }
}

#[component]
fn Sent(message: SentMessage) -> impl IntoView {
    let locale = use_locale();
    let to = audience_text(locale, message.audience, message.role.as_deref());
    view! {
        <li class="stack">
            <p class="hint">
                {day(locale, message.sent_at.date_naive())} " · "
                {td_string!(locale, messages_sent_line, date = weekday_date_time(locale, &message.date_local), to = to, count = number(locale, message.recipients.into()))}
            </p>
            <p class="message-body" dir="auto">{message.body}</p>
        </li>
    }
}

fn audience_text(locale: Locale, audience: Audience, role: Option<&str>) -> String {
    match (audience, role) {
        (Audience::Coming, _) => td_string!(locale, messages_to_coming).to_string(),
        (Audience::Waiting, _) => td_string!(locale, messages_to_waiting).to_string(),
        (Audience::Volunteers(Some(_)), Some(role)) => td_string!(
            locale,
            messages_to_role,
            role = crate::l10n::bidi::isolated(locale, role)
        )
        .to_string(),
        (Audience::Volunteers(_), _) => td_string!(locale, messages_to_volunteers).to_string(),
    }
}
