//! `/rsvps/cancel?token=…`: the cancel link in every RSVP email. Opening it
//! changes nothing (mail scanners open links); the page has one button.

use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn CancelReply() -> impl IntoView {
    let locale = use_locale();
    let (token, problem) = use_query_map().with_untracked(|q| (q.get("token"), q.get("problem")));
    view! {
        <Title text=td_string!(locale, rsvp_cancel_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, rsvp_cancel_title)}</h1>
            {match (token, problem) {
                (Some(token), None) => view! {
                    <p>{td_string!(locale, rsvp_cancel_body)}</p>
                    <form method="post" action="/rsvps/cancel">
                        <CsrfField />
                        <input type="hidden" name="token" value=token />
                        <button type="submit">{td_string!(locale, rsvp_cancel_confirm)}</button>
                    </form>
                }.into_any(),
                _ => view! { <p class="notice" role="alert">{td_string!(locale, rsvp_problem_link)}</p> }.into_any(),
            }}
        </section>
    }
}
