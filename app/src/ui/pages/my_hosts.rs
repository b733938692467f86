//! `/hosts`: the hosts the signed-in organiser belongs to, and a form to
//! create one.

use crate::api::hosting::my_hosts;
use crate::i18n::td_string;
use crate::ui::components::{HostFields, refusal};
use crate::ui::forms::{ErrorSummary, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn MyHosts() -> impl IntoView {
    let locale = use_locale();
    let hosts = Resource::new(|| (), |_| my_hosts());
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, my_hosts_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match hosts.await {
                        Err(error) => refusal(error),
                        Ok(hosts) => view! {
                            <section class="stack">
                                <h1>{td_string!(locale, my_hosts_title)}</h1>
                                {if hosts.is_empty() {
                                    view! { <p>{td_string!(locale, my_hosts_none)}</p> }.into_any()
                                } else {
                                    view! {
                                        <ul class="link-list">
                                            {hosts.into_iter().map(|host| view! {
                                                <li><a href=format!("/hosts/{}", host.slug)>{host.name}</a></li>
                                            }).collect_view()}
                                        </ul>
                                    }.into_any()
                                }}
                            </section>
                            <section class="stack narrow">
                                <h2>{td_string!(locale, host_create_heading)}</h2>
                                <form class="stack" method="post" action="/hosts" novalidate>
                                    <ErrorSummary errors=form.errors.clone() />
                                    <CsrfField />
                                    <HostFields form=form.clone() />
                                    <button type="submit">{td_string!(locale, host_create)}</button>
                                </form>
                            </section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}
