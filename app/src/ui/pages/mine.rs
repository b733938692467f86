//! `/my`: "My gatherings" — upcoming RSVPs (by account or this device) and
//! volunteering, each with a way to cancel. Kept offline by the service
//! worker like any visited page.

use crate::api::mine::my_gatherings;
use crate::i18n::td_string;
use crate::l10n::format::weekday_date_time;
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn MyGatherings() -> impl IntoView {
    let locale = use_locale();
    let language = code(locale).to_string();
    let items = Resource::new(|| (), move |_| my_gatherings(language.clone()));
    view! {
        <Title text=td_string!(locale, my_gatherings_title) />
        <Meta name="robots" content="noindex" />
        <section class="stack">
            <h1>{td_string!(locale, my_gatherings_title)}</h1>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match items.await {
                        Ok(items) if !items.is_empty() => view! {
                            <ul class="date-list">
                                {items.into_iter().map(|item| {
                                    let status = match item.status.as_str() {
                                        "going" => td_string!(locale, mine_going).to_string(),
                                        "waitlisted" => td_string!(locale, mine_waitlisted).to_string(),
                                        "pending" => td_string!(locale, mine_pending).to_string(),
                                        "requested" => td_string!(locale, mine_requested).to_string(),
                                        _ => td_string!(locale, mine_volunteering, role = crate::l10n::bidi::isolated(locale, item.role.as_deref().unwrap_or_default())).to_string(),
                                    };
                                    let label = if item.status == "volunteering" { td_string!(locale, volunteer_withdraw) } else { td_string!(locale, rsvp_cancel) };
                                    view! {
                                        <li>
                                            <span>
                                                <a href=format!("/events/{}", item.event_public_id)>{item.title}</a>
                                                " · " {weekday_date_time(locale, &item.starts_local)} " " {item.zone_abbreviation}
                                                " · " {status}
                                                {item.shift.clone().map(|shift| view! { " · " {td_string!(locale, volunteer_shift, shift = crate::l10n::bidi::isolated(locale, &shift).into_owned())} })}
                                                {item.door_code.clone().map(|code| view! { " · " {td_string!(locale, mine_door_code, code = code)} })}
                                            </span>
                                            {item.door_code.clone().zip(item.door_qr.clone()).map(|(code, qr)| view! {
                                                <details class="door-qr">
                                                    <summary>{td_string!(locale, mine_door_qr_show)}</summary>
                                                    <div role="img" aria-label=td_string!(locale, email_door_qr_label, code = code).to_string() inner_html=qr></div>
                                                </details>
                                            })}
                                            <form method="post" action=item.cancel_action>
                                                <CsrfField />
                                                <button type="submit" class="link-button">{label}</button>
                                            </form>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                        Ok(_) => view! {
                            <p>{td_string!(locale, mine_none)}</p>
                            <p><a href="/">{td_string!(locale, not_found_link)}</a></p>
                        }.into_any(),
                        Err(_) => view! { <p class="error" role="alert">{td_string!(locale, error_unavailable)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
