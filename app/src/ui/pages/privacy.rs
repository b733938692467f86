//! `/privacy`: what this installation keeps about people, why, who sees
//! it and for how long — every number read from its real settings
//! (`backend::privacy::facts`), so the page changes when they do.

use crate::api::privacy::load_privacy_facts;
use crate::i18n::td_string;
use crate::l10n::format::{day, number};
use crate::ui::components::refusal;
use crate::ui::locale::use_locale;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn PrivacyPage() -> impl IntoView {
    let locale = use_locale();
    let facts = Resource::new(|| (), |_| load_privacy_facts());
    view! {
        <Title text=td_string!(locale, privacy_title) />
        <Meta name="description" content=td_string!(locale, privacy_intro) />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match facts.await {
                    Err(error) => refusal(error),
                    Ok(facts) => {
                        let n = |value: i64| number(locale, value);
                        let forget_after = i64::from(facts.forget_after_days);
                        let days = n(forget_after);
                        let last_run = facts
                            .last_forgotten_on
                            .as_deref()
                            .and_then(|on| on.parse().ok())
                            .map(|on| day(locale, on));
                        view! {
                            <section class="stack privacy">
                                <h1>{td_string!(locale, privacy_title)}</h1>
                                <p>{td_string!(locale, privacy_intro)}</p>

                                <h2>{td_string!(locale, privacy_replies_heading)}</h2>
                                <p>{td_string!(locale, privacy_replies_what)}</p>
                                <p>{td_string!(locale, privacy_replies_who)}</p>
                                <p><strong>{td_string!(locale, privacy_replies_how_long, count = forget_after, days = days.clone())}</strong></p>
                                {last_run.map(|on| view! { <p class="hint">{td_string!(locale, privacy_last_run, date = on)}</p> })}

                                <h2>{td_string!(locale, privacy_volunteers_heading)}</h2>
                                <p>{td_string!(locale, privacy_volunteers_body, count = forget_after, days = days.clone())}</p>

                                <h2>{td_string!(locale, privacy_accounts_heading)}</h2>
                                <p>{td_string!(locale, privacy_accounts_what)}</p>
                                <p>
                                    {td_string!(locale, privacy_sessions_idle, count = facts.session_idle_days, days = n(facts.session_idle_days))} " "
                                    {td_string!(locale, privacy_sessions_longest, count = facts.session_max_days, days = n(facts.session_max_days))} " "
                                    {td_string!(locale, privacy_sign_in_link, count = facts.sign_in_link_minutes, minutes = n(facts.sign_in_link_minutes))}
                                </p>
                                <p>{td_string!(locale, privacy_accounts_yours)} " " <a href="/account">{td_string!(locale, privacy_accounts_link)}</a></p>

                                <h2>{td_string!(locale, privacy_networks_heading)}</h2>
                                <p>{td_string!(locale, privacy_networks_body, count = facts.network_hours, hours = n(facts.network_hours))}</p>
                                <p>{td_string!(locale, privacy_emails_body, count = facts.emails_kept_days, days = n(facts.emails_kept_days))}</p>
                                <p>{td_string!(locale, privacy_logs_body)}</p>
                                <p>
                                    {match facts.map_tiles_from.clone() {
                                        Some(host) => td_string!(locale, privacy_maps_from, host = crate::l10n::bidi::isolated(locale, &host)).to_string(),
                                        None => td_string!(locale, privacy_maps_none).to_string(),
                                    }}
                                </p>

                                <h2>{td_string!(locale, privacy_never_heading)}</h2>
                                <p>{td_string!(locale, privacy_never_body)}</p>
                            </section>
                        }
                        .into_any()
                    }
                }
            })}
        </Suspense>
    }
}
