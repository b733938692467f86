//! Seeing what is held about oneself: `/account/data` for a signed-in
//! person, `/my-data` for a guest without an account (ask for a link by
//! email, then open it), and `/account/deleted` after deleting an account.

use crate::api::ApiError;
use crate::api::privacy::{load_guest_data, load_my_data};
use crate::i18n::td_string;
use crate::ui::components::{MyDataView, refusal};
use crate::ui::forms::{ErrorSummary, FieldMessage, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn AccountDataPage() -> impl IntoView {
    let locale = use_locale();
    let language = code(locale).to_string();
    let data = Resource::new(|| (), move |_| load_my_data(language.clone()));
    view! {
        <Title text=td_string!(locale, my_data_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match data.await {
                    Err(error) => refusal(error),
                    Ok(data) => view! {
                        <section class="stack">
                            <h1>{td_string!(locale, my_data_title)}</h1>
                            <p>{td_string!(locale, my_data_intro)}</p>
                        </section>
                        <MyDataView data json_url="/account/data.json".to_string() />
                    }
                    .into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
pub fn GuestDataPage() -> impl IntoView {
    let locale = use_locale();
    let (token, sent) =
        use_query_map().with_untracked(|q| (q.get("token"), q.get("sent").is_some()));
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return view! { <GuestLinkForm sent /> }.into_any();
    };
    let language = code(locale).to_string();
    let json_url = format!("/my-data.json?token={token}");
    let data = Resource::new(
        || (),
        move |_| load_guest_data(token.clone(), language.clone()),
    );
    view! {
        <Title text=td_string!(locale, my_data_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let json_url = json_url.clone();
                Suspend::new(async move {
                    match data.await {
                        Err(ApiError::NotFound) => view! {
                            <section class="stack narrow">
                                <h1>{td_string!(locale, my_data_title)}</h1>
                                <p class="notice">{td_string!(locale, my_data_link_expired)}</p>
                            </section>
                            <GuestLinkForm sent=false />
                        }
                        .into_any(),
                        Err(error) => refusal(error),
                        Ok(data) => view! {
                            <section class="stack">
                                <h1>{td_string!(locale, my_data_title)}</h1>
                                <p>{td_string!(locale, my_data_guest_intro)}</p>
                            </section>
                            <MyDataView data json_url />
                        }
                        .into_any(),
                    }
                })
            }}
        </Suspense>
    }
    .into_any()
}

/// Asking for a link to what is held about an email address.
#[component]
fn GuestLinkForm(sent: bool) -> impl IntoView {
    let locale = use_locale();
    let form = use_form_state().unwrap_or_default();
    let error = form.error("email");
    view! {
        <Title text=td_string!(locale, my_data_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, my_data_title)}</h1>
            {sent.then(|| view! { <p class="notice" role="status">{td_string!(locale, my_data_link_sent)}</p> })}
            <p>{td_string!(locale, my_data_ask_intro)}</p>
            <form class="stack" method="post" action="/my-data" novalidate>
                <ErrorSummary errors=form.errors.clone() />
                <CsrfField />
                <div class="field">
                    <label for="email">{td_string!(locale, sign_in_email_label)}</label>
                    <input id="email" name="email" type="email" autocomplete="email" dir="ltr" required value=form.value("email")
                        aria-invalid=error.as_ref().map(|_| "true")
                        aria-describedby=error.as_ref().map(|_| "email-error") />
                    <FieldMessage field="email" message=error />
                </div>
                <button type="submit">{td_string!(locale, my_data_ask)}</button>
            </form>
            <p><a href="/account">{td_string!(locale, my_data_have_account)}</a></p>
        </section>
    }
}

#[component]
pub fn AccountDeleted() -> impl IntoView {
    let locale = use_locale();
    view! {
        <Title text=td_string!(locale, account_deleted_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, account_deleted_title)}</h1>
            <p role="status">{td_string!(locale, account_deleted_body)}</p>
            <p><a href="/">{td_string!(locale, account_deleted_home)}</a></p>
        </section>
    }
}
