//! Signing in by email link: the form, and the "check your email" page.

use crate::i18n::{Locale, td_string};
use crate::ui::forms::{ErrorSummary, FieldMessage, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignIn() -> impl IntoView {
    let locale = use_locale();
    let query = use_query_map();
    let (next, problem) = query.with_untracked(|q| (q.get("next"), q.get("problem")));
    let form = use_form_state().unwrap_or_default();
    let email_error = form.error("email");
    let next = form.value("next").or(next).unwrap_or_else(|| "/".into());
    view! {
        <Title text=td_string!(locale, sign_in_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, sign_in_title)}</h1>
            {problem.and_then(|p| link_problem(locale, &p)).map(|message| view! {
                <p class="notice" role="alert">{message}</p>
            })}
            <p>{td_string!(locale, sign_in_intro)}</p>
            <form class="stack" method="post" action="/sign-in" novalidate>
                <ErrorSummary errors=form.errors.clone() />
                <CsrfField />
                <input type="hidden" name="next" value=next />
                <div class="field">
                    <label for="email">{td_string!(locale, sign_in_email_label)}</label>
                    <input id="email" name="email" type="email" autocomplete="email" required
                        inputmode="email" value=form.value("email")
                        aria-invalid=email_error.as_ref().map(|_| "true")
                        aria-describedby=email_error.as_ref().map(|_| "email-error") />
                    <FieldMessage field="email" message=email_error />
                </div>
                <button type="submit">{td_string!(locale, sign_in_send_link)}</button>
            </form>
            <p class="hint">{td_string!(locale, sign_in_privacy)}</p>
        </section>
    }
}

/// Why an emailed link did not work, said so the person knows what to do.
fn link_problem(locale: Locale, problem: &str) -> Option<&'static str> {
    Some(match problem {
        "used" => td_string!(locale, sign_in_link_used),
        "expired" => td_string!(locale, sign_in_link_expired),
        "other_browser" => td_string!(locale, sign_in_link_other_browser),
        "suspended" => td_string!(locale, sign_in_suspended),
        "invalid" => td_string!(locale, sign_in_link_invalid),
        _ => return None,
    })
}

#[component]
pub fn SignInSent() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, sign_in_sent_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, sign_in_sent_title)}</h1>
            // The same words whether or not the address has an account.
            <p>{td_string!(locale, sign_in_sent_body)}</p>
            <p>{td_string!(locale, sign_in_sent_same_browser)}</p>
            <p><a href="/sign-in">{td_string!(locale, sign_in_try_again)}</a></p>
        </section>
    }
}
