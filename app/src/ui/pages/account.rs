//! `/account`: the signed-in person's own details. Only a display name,
//! optional: nobody is asked anything else about themselves.

use crate::api::ApiError;
use crate::i18n::td_string;
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
    }
    .into_any()
}
