//! `/account`: the signed-in person's own details. Only a display name,
//! optional: nobody is asked anything else about themselves.

use crate::api::ApiError;
use crate::i18n::td_string;
use crate::l10n::format;
use crate::ui::components::refusal;
use crate::ui::forms::{ErrorSummary, FieldMessage, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::{CsrfField, viewer};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn Account() -> impl IntoView {
    let locale = use_locale();
    let Some(viewer) = viewer() else {
        return refusal(ApiError::SignInRequired);
    };
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let form = use_form_state().unwrap_or_default();
    let name = form
        .value("display_name")
        .or(viewer.display_name.clone())
        .unwrap_or_default();
    let error = form.error("display_name");
    let offices = Resource::new(|| (), |_| crate::api::offices::my_offices());
    let blockers = Resource::new(|| (), |_| crate::api::privacy::deletion_blockers());
    let calendar_since = Resource::new(|| (), |_| crate::api::mine::load_calendar_link_since());
    let calendar_sent = use_query_map().with_untracked(|q| q.get("calendar").is_some());
    let tokens = Resource::new(|| (), |_| crate::api::mine::load_api_tokens());
    let token_name = form.value("token_name").unwrap_or_default();
    let token_error = form.error("token_name");
    let email = viewer.email.clone();
    let closed = use_query_map().with_untracked(|q| q.get("closed").is_some());
    let confirm_error = form.error("confirm");
    view! {
        <Title text=td_string!(locale, account_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack narrow">
            <h1>{td_string!(locale, account_title)}</h1>
            {saved.then(|| view! { <p class="notice" role="status">{td_string!(locale, gathering_saved)}</p> })}
            <p>{td_string!(locale, account_email, email = viewer.email.clone())}</p>
            <form class="stack" method="post" action="/account" novalidate>
                <ErrorSummary errors=form.errors.clone() />
                <CsrfField />
                <div class="field">
                    <label for="display_name">{td_string!(locale, account_display_name)}</label>
                    <input id="display_name" name="display_name" maxlength="80" autocomplete="nickname" value=name
                        aria-invalid=error.as_ref().map(|_| "true")
                        aria-describedby=format!("display_name-hint{}", if error.is_some() { " display_name-error" } else { "" }) />
                    <p id="display_name-hint" class="hint">{td_string!(locale, account_display_name_hint)}</p>
                    <FieldMessage field="display_name" message=error />
                </div>
                <button type="submit">{td_string!(locale, form_save)}</button>
            </form>
        </section>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let offices = offices.await.unwrap_or_default();
                (!offices.is_empty()).then(|| view! {
                    <section class="stack narrow">
                        <h2>{td_string!(locale, account_offices)}</h2>
                        <ul class="link-list">
                            {offices.into_iter().map(|office| view! {
                                <li><a href=format!("/offices/{}", office.slug)>{office.name}</a></li>
                            }).collect_view()}
                        </ul>
                    </section>
                })
            })}
        </Suspense>
        <section class="stack narrow" id="calendar" aria-labelledby="calendar-heading">
            <h2 id="calendar-heading">{td_string!(locale, my_calendar_heading)}</h2>
            <p>{td_string!(locale, my_calendar_explained)}</p>
            {calendar_sent.then(|| view! {
                <p class="notice" role="status">{td_string!(locale, my_calendar_sent, email = email.clone())}</p>
            })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let since = calendar_since.await.ok().flatten();
                    view! {
                        {since.map(|day| view! {
                            <p>{td_string!(locale, my_calendar_active_since, day = format::day(locale, day))}</p>
                            <form method="post" action="/account/calendar-link/stop">
                                <CsrfField />
                                <button type="submit" class="secondary">{td_string!(locale, my_calendar_stop)}</button>
                            </form>
                        })}
                        <form method="post" action="/account/calendar-link">
                            <CsrfField />
                            <button type="submit">
                                {if since.is_some() { td_string!(locale, my_calendar_send_new) } else { td_string!(locale, my_calendar_send) }}
                            </button>
                        </form>
                    }
                })}
            </Suspense>
        </section>
        <section class="stack narrow" id="api-tokens" aria-labelledby="api-tokens-heading">
            <h2 id="api-tokens-heading">{td_string!(locale, api_tokens_heading)}</h2>
            <p>{td_string!(locale, api_tokens_explained)} " " <a href="/api/v1/docs">{td_string!(locale, api_docs_title)}</a></p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let tokens = tokens.await.unwrap_or_default();
                    if tokens.is_empty() {
                        view! { <p>{td_string!(locale, api_tokens_none)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="date-list">
                                {tokens.into_iter().map(|token| view! {
                                    <li>
                                        <span>
                                            <strong>{token.name}</strong> " · " <code>{token.scopes.join(" ")}</code>
                                            <br />
                                            {td_string!(locale, api_tokens_created_on, day = format::day(locale, token.created_on))}
                                            " · "
                                            {match token.last_used_on {
                                                Some(day) => td_string!(locale, api_tokens_last_used, day = format::day(locale, day)).to_string(),
                                                None => td_string!(locale, api_tokens_never_used).to_string(),
                                            }}
                                        </span>
                                        <form method="post" action=format!("/account/api-tokens/{}/revoke", token.id)>
                                            <CsrfField />
                                            <button type="submit" class="secondary">{td_string!(locale, api_tokens_revoke)}</button>
                                        </form>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }
                })}
            </Suspense>
            <form class="stack" method="post" action="/account/api-tokens" novalidate>
                <CsrfField />
                <div class="field">
                    <label for="token_name">{td_string!(locale, api_tokens_name)}</label>
                    <input id="token_name" name="token_name" maxlength="80" value=token_name
                        aria-invalid=token_error.as_ref().map(|_| "true")
                        aria-describedby=token_error.as_ref().map(|_| "token_name-error") />
                    <FieldMessage field="token_name" message=token_error />
                </div>
                <fieldset>
                    <legend>{td_string!(locale, api_tokens_scopes)}</legend>
                    <label class="choice">
                        <input type="checkbox" name="scope" value="replies:read" />
                        {td_string!(locale, api_tokens_scope_replies)}
                    </label>
                    <label class="choice">
                        <input type="checkbox" name="scope" value="gatherings:write" />
                        {td_string!(locale, api_tokens_scope_gatherings)}
                    </label>
                </fieldset>
                <button type="submit">{td_string!(locale, api_tokens_create)}</button>
            </form>
        </section>
        <section class="stack narrow" id="delete" aria-labelledby="your-data-heading">
            <h2 id="your-data-heading">{td_string!(locale, account_your_data)}</h2>
            <p><a href="/account/data">{td_string!(locale, my_data_title)}</a></p>
            <p><a href="/privacy">{td_string!(locale, privacy_title)}</a></p>
            {closed.then(|| view! { <p class="notice" role="status">{td_string!(locale, host_closed_done)}</p> })}
            <h3>{td_string!(locale, delete_heading)}</h3>
            <p>{td_string!(locale, delete_explained)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let hosts = blockers.await.unwrap_or_default();
                    (!hosts.is_empty()).then(|| view! {
                        <div class="stack">
                            <p class="notice">{td_string!(locale, delete_sole_owner_intro)}</p>
                            <ul class="date-list">
                                {hosts.into_iter().map(|(slug, name)| {
                                    view! {
                                        <li class="stack">
                                            <strong>{name}</strong>
                                            <a href=format!("/hosts/{slug}/team")>{td_string!(locale, delete_invite_owner)}</a>
                                            <form class="stack" method="post" action=format!("/hosts/{slug}/close")>
                                                <CsrfField />
                                                <label class="choice">
                                                    <input type="checkbox" name="confirm" value="yes" required />
                                                    {td_string!(locale, host_close_confirm)}
                                                </label>
                                                <button type="submit" class="secondary">{td_string!(locale, host_close)}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </div>
                    })
                })}
            </Suspense>
            <form class="stack" method="post" action="/account/delete" novalidate>
                <CsrfField />
                <label class="choice">
                    <input type="checkbox" id="confirm" name="confirm" value="yes"
                        aria-invalid=confirm_error.as_ref().map(|_| "true")
                        aria-describedby=confirm_error.as_ref().map(|_| "confirm-error") />
                    {td_string!(locale, delete_confirm)}
                </label>
                <FieldMessage field="confirm" message=confirm_error />
                <button type="submit" class="danger">{td_string!(locale, delete_button)}</button>
            </form>
        </section>
    }
    .into_any()
}
