//! "Help out" on a gathering's page: each volunteer role with its open
//! slots (counts only), a sign-up button for signed-in residents, and a
//! withdraw button for their own sign-ups.

use crate::domain::ids::OccurrenceId;
use crate::i18n::td_string;
use crate::l10n::format::weekday_date_time;
use crate::ui::forms::{ErrorSummary, FormState};
use crate::ui::locale::use_locale;
use crate::ui::request::{CsrfField, viewer};
use crate::views::gathering::{DateView, GatheringDetails};
use leptos::prelude::*;

#[component]
pub fn VolunteerPanel(details: GatheringDetails) -> impl IntoView {
    let locale = use_locale();
    if details.roles.is_empty() {
        return ().into_any();
    }
    let signed_in = viewer().is_some();
    let open: Vec<DateView> = details.dates.iter().filter(|d| d.open).cloned().collect();
    let when = move |id: OccurrenceId| {
        details
            .dates
            .iter()
            .find(|d| d.occurrence_id == id)
            .map(|d| {
                format!(
                    "{} {}",
                    weekday_date_time(locale, &d.starts_local),
                    d.zone_abbreviation
                )
            })
            .unwrap_or_default()
    };
    view! {
        <section id="volunteer" class="volunteer stack" aria-labelledby="volunteer-heading">
            <h2 id="volunteer-heading">{td_string!(locale, volunteer_heading)}</h2>
            {use_context::<FormState>()
                .map(|form| form.errors.into_iter().filter(|e| e.field == "volunteer").collect::<Vec<_>>())
                .filter(|errors| !errors.is_empty())
                .map(|errors| view! { <ErrorSummary errors /> })}
            <ul class="roles stack">
                {details.roles.iter().map(|role| {
                    let dates: Vec<_> = role.dates.iter().filter(|d| open.iter().any(|o| o.occurrence_id == d.occurrence_id)).cloned().collect();
                    view! {
                        <li class="stack">
                            <h3>{role.name.clone()}</h3>
                            {(!role.description.is_empty()).then(|| view! { <p>{role.description.clone()}</p> })}
                            {role.shift.clone().map(|shift| view! { <p>{td_string!(locale, volunteer_shift, shift = crate::l10n::bidi::isolated(locale, &shift).into_owned())}</p> })}
                            <ul class="date-list">
                                {dates.into_iter().map(|date| {
                                    let label = when(date.occurrence_id);
                                    let slots = td_string!(locale, volunteer_open_slots, count = date.open_slots, slots = crate::l10n::format::number(locale, i64::from(date.open_slots))).to_string();
                                    let action = match (&date.mine, signed_in, date.open_slots) {
                                        (Some(mine), _, _) => view! {
                                            <form method="post" action=format!("/signups/{mine}/withdraw")>
                                                <CsrfField />
                                                <span class="tag">{td_string!(locale, volunteer_you)}</span>
                                                <button type="submit" class="link-button">{td_string!(locale, volunteer_withdraw)}</button>
                                            </form>
                                        }.into_any(),
                                        (None, true, open) if open > 0 => view! {
                                            <form method="post" action=format!("/roles/{}/signup", role.id)>
                                                <CsrfField />
                                                <input type="hidden" name="occurrence" value=date.occurrence_id.to_string() />
                                                <button type="submit" class="secondary">{td_string!(locale, volunteer_sign_up)}</button>
                                            </form>
                                        }.into_any(),
                                        (None, false, open) if open > 0 => view! {
                                            <a href=format!("/sign-in?next=/events/{}%23volunteer", details.public_id)>{td_string!(locale, volunteer_sign_in)}</a>
                                        }.into_any(),
                                        _ => ().into_any(),
                                    };
                                    view! { <li><span>{label} " · " {slots}</span>{action}</li> }
                                }).collect_view()}
                            </ul>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}
