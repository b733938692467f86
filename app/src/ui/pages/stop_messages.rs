//! `/messages/stop?token=…`: the link in every message from organisers.
//! Opening it changes nothing (mail scanners open links); the page has
//! one button. Confirmations, changes and cancellations still go out.

use crate::i18n::td_string;
use crate::ui::forms::{ErrorSummary, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn StopMessages() -> impl IntoView {
    let locale = use_locale();
    let (token, done, problem) =
        use_query_map().with_untracked(|q| (q.get("token"), q.get("done"), q.get("problem")));
    // A refused form (over a limit) comes back with its status and reason.
    let form = use_form_state().unwrap_or_default();
    if problem.is_some() {
        crate::ui::status::not_found();
    }
    view! {
        <Title text=td_string!(locale, messages_stop_title) />
        <Meta name="robots" content="noindex" />
        <Meta name="referrer" content="no-referrer" />
        <section class="stack narrow">
            <ErrorSummary errors=form.errors.clone() />
            <h1>{td_string!(locale, messages_stop_title)}</h1>
            {match (token, done, problem) {
                (_, Some(_), _) => view! {
                    <p class="notice" role="status">{td_string!(locale, messages_stopped)}</p>
                }.into_any(),
                (Some(token), None, None) => view! {
                    <p>{td_string!(locale, messages_stop_body)}</p>
                    <form method="post" action="/messages/stop">
                        <CsrfField />
                        <input type="hidden" name="token" value=token />
                        <button type="submit">{td_string!(locale, messages_stop_confirm)}</button>
                    </form>
                }.into_any(),
                _ => view! {
                    <p class="notice" role="alert">{td_string!(locale, follow_up_link_not_valid)}</p>
                }.into_any(),
            }}
        </section>
    }
}
