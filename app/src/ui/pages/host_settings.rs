//! `/hosts/<slug>/edit`: the owners edit their host's page (name,
//! description, links) and its logo. Plain forms; the logo is uploaded as
//! `multipart/form-data`, which needs no JavaScript either.

use crate::api::hosting::load_host_settings;
use crate::domain::logo::MAX_KILOBYTES;
use crate::i18n::td_string;
use crate::ui::components::{HostFields, refusal};
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::hosting::LogoView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn HostSettingsPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let settings = Resource::new(|| (), move |_| load_host_settings(slug.clone()));
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, host_edit_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match settings.await {
                        Err(error) => refusal(error),
                        Ok(settings) => {
                            let base = format!("/hosts/{}", settings.slug);
                            view! {
                                <section class="stack narrow">
                                    <p><a href=base.clone()>{settings.name.clone()}</a></p>
                                    <h1>{td_string!(locale, host_edit_title)}</h1>
                                    {saved.then(|| view! { <p class="notice" role="status">{td_string!(locale, host_saved)}</p> })}
                                    <ErrorSummary errors=form.errors.clone() />
                                    <form class="stack" method="post" action=format!("{base}/edit") novalidate>
                                        <CsrfField />
                                        <HostFields form=details_only(&form)
                                            initial=[settings.name.clone(), settings.description.clone(), settings.links.clone()] />
                                        <button type="submit">{td_string!(locale, host_save)}</button>
                                    </form>
                                </section>
                                <LogoSection base=base.clone() logo=settings.logo.clone() error=form.error("logo") />
                                <ForgetSection base days=settings.forget_guests_after_days most=settings.installation_forget_days form=form.clone() />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// How soon the host's guests are forgotten: sooner than the installation
/// if the host wants, never later.
#[component]
fn ForgetSection(base: String, days: Option<i32>, most: i32, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let error = form.error("forget_after_days");
    let value = form
        .value("forget_after_days")
        .unwrap_or_else(|| days.map(|d| d.to_string()).unwrap_or_default());
    view! {
        <section class="stack narrow" aria-labelledby="forget-heading">
            <h2 id="forget-heading">{td_string!(locale, host_forget_heading)}</h2>
            <form class="stack" method="post" action=format!("{base}/privacy") novalidate>
                <CsrfField />
                <div class="field">
                    <label for="forget_after_days">{td_string!(locale, host_forget_label)}</label>
                    <input id="forget_after_days" name="forget_after_days" type="number" min="0" max=most.to_string()
                        inputmode="numeric" value=value
                        aria-invalid=error.as_ref().map(|_| "true")
                        aria-describedby=format!("forget_after_days-hint{}", if error.is_some() { " forget_after_days-error" } else { "" }) />
                    <p id="forget_after_days-hint" class="hint">{td_string!(locale, host_forget_hint, count = most, most = crate::l10n::format::number(locale, most as i64))}</p>
                    <FieldMessage field="forget_after_days" message=error />
                </div>
                <button type="submit" class="secondary">{td_string!(locale, host_save)}</button>
            </form>
        </section>
    }
}

/// The text fields show what was typed only when that form came back.
fn details_only(form: &FormState) -> FormState {
    if form.error("logo").is_some() || form.error("forget_after_days").is_some() {
        FormState::default()
    } else {
        form.clone()
    }
}

#[component]
fn LogoSection(base: String, logo: Option<LogoView>, error: Option<String>) -> impl IntoView {
    let locale = use_locale();
    view! {
        <section class="stack narrow" aria-labelledby="logo-heading">
            <h2 id="logo-heading">{td_string!(locale, host_logo)}</h2>
            {logo.map(|logo| view! {
                <div class="host-logo-row">
                    <img class="host-logo" src=logo.url alt=td_string!(locale, host_logo_current)
                        width=logo.width height=logo.height />
                    <form method="post" action=format!("{base}/logo/remove")>
                        <CsrfField />
                        <button type="submit" class="secondary">{td_string!(locale, host_logo_remove)}</button>
                    </form>
                </div>
            })}
            <form class="stack" method="post" action=format!("{base}/logo") enctype="multipart/form-data">
                <CsrfField />
                <div class="field">
                    <label for="logo">{td_string!(locale, host_logo_choose)}</label>
                    <input id="logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp"
                        aria-invalid=error.as_ref().map(|_| "true")
                        aria-describedby=if error.is_some() { "logo-hint logo-error" } else { "logo-hint" } />
                    <p id="logo-hint" class="hint">{td_string!(locale, host_logo_hint, kilobytes = MAX_KILOBYTES)}</p>
                    <FieldMessage field="logo" message=error />
                </div>
                <button type="submit">{td_string!(locale, host_logo_upload)}</button>
            </form>
        </section>
    }
}
