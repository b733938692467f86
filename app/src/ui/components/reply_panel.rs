//! "Are you coming?" on a gathering's page: counts for everyone (never
//! names), the viewer's own RSVPs with a cancel button, and the ways to say
//! one is coming that the organisers allow. Plain forms: they work without
//! JavaScript.

use crate::domain::follow_up::WANTED_FIELD;
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyMode;
use crate::domain::reply::ReplyStatus;
use crate::domain::time_around::FIELD;
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{self, weekday_date_time};
use crate::ui::components::TimeAroundQuestion;
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState};
use crate::ui::locale::use_locale;
use crate::ui::request::{CsrfField, viewer};
use crate::views::gathering::{DateView, GatheringDetails};
use leptos::prelude::*;

/// Counts as the public sees them, e.g. "12 going · 3 places left".
pub fn counts_text(locale: Locale, date: &DateView) -> String {
    let mut parts = vec![
        td_string!(
            locale,
            rsvp_going_count,
            count = date.going,
            people = format::number(locale, i64::from(date.going))
        )
        .to_string(),
    ];
    match date.spots_left {
        Some(0) => parts.push(td_string!(locale, rsvp_full).to_string()),
        Some(left) => parts.push(
            td_string!(
                locale,
                event_spots_left,
                count = left,
                places = format::number(locale, i64::from(left))
            )
            .to_string(),
        ),
        None => {}
    }
    if date.waitlisted > 0 {
        parts.push(
            td_string!(
                locale,
                rsvp_waitlisted_count,
                count = date.waitlisted,
                people = format::number(locale, i64::from(date.waitlisted))
            )
            .to_string(),
        );
    }
    parts.join(" · ")
}

fn notice(locale: Locale, outcome: &str) -> Option<&'static str> {
    Some(match outcome {
        "going" => td_string!(locale, rsvp_notice_going),
        "waitlisted" => td_string!(locale, rsvp_notice_waitlisted),
        "pending" => td_string!(locale, rsvp_notice_pending),
        "requested" => td_string!(locale, rsvp_notice_requested),
        "cancelled" => td_string!(locale, rsvp_notice_cancelled),
        "changed" => td_string!(locale, rsvp_notice_changed),
        _ => return None,
    })
}

#[component]
pub fn ReplyPanel(
    details: GatheringDetails,
    outcome: Option<String>,
    form: FormState,
) -> impl IntoView {
    let locale = use_locale();
    let when = move |date: &DateView| {
        format!(
            "{} {}",
            weekday_date_time(locale, &date.starts_local),
            date.zone_abbreviation
        )
    };
    let open: Vec<DateView> = details.dates.iter().filter(|d| d.open).cloned().collect();
    let signed_in = viewer().is_some();
    let modes = details.rsvp_modes;
    let action = format!("/events/{}/rsvp", details.public_id);
    let max_party = details.max_guests + 1;
    let own = details.own_rsvps.clone();
    let date_label = {
        let dates = details.dates.clone();
        move |occurrence_id: OccurrenceId| {
            dates
                .iter()
                .find(|d| d.occurrence_id == occurrence_id)
                .map(when)
                .unwrap_or_default()
        }
    };
    view! {
        <section id="rsvp" class="rsvp stack" aria-labelledby="rsvp-heading">
            <h2 id="rsvp-heading">{td_string!(locale, rsvp_heading)}</h2>
            {outcome.as_deref().and_then(|o| notice(locale, o)).map(|text| view! {
                <p class="notice" role="status">{text}</p>
            })}
            <ErrorSummary errors=form.errors.iter().filter(|e| e.field != "volunteer" && e.field != "sponsor").cloned().collect() />
            {details.dates.first().map(|date| view! { <p class="counts">{counts_text(locale, date)}</p> })}
            {details.requires_approval.then(|| view! { <p class="hint">{td_string!(locale, rsvp_approval_note)}</p> })}
            {(!own.is_empty()).then(|| view! {
                <ul class="date-list">
                    {own.iter().map(|rsvp| {
                        let status = match rsvp.status {
                            ReplyStatus::Going => td_string!(locale, rsvp_you_going, count = rsvp.party, people = format::number(locale, i64::from(rsvp.party))).to_string(),
                            ReplyStatus::Waitlisted => td_string!(locale, rsvp_you_waitlisted, count = rsvp.party, people = format::number(locale, i64::from(rsvp.party))).to_string(),
                            ReplyStatus::Requested => td_string!(locale, mine_requested).to_string(),
                            _ => td_string!(locale, rsvp_you_pending).to_string(),
                        };
                        // Waiting while some places are left: coming with
                        // fewer people is one change away.
                        let left = details
                            .dates
                            .iter()
                            .find(|d| d.occurrence_id == rsvp.occurrence_id)
                            .and_then(|d| d.spots_left)
                            .filter(|left| *left > 0 && rsvp.status == ReplyStatus::Waitlisted);
                        let party_id = format!("party-{}", rsvp.public_id);
                        view! {
                            <li>
                                <span>{date_label(rsvp.occurrence_id)} " · " {status}</span>
                                {left.map(|count| view! {
                                    <span class="hint">{td_string!(locale, rsvp_come_with_fewer, count = format::number(locale, i64::from(count)))}</span>
                                })}
                                {(max_party > 1).then(|| view! {
                                    <form class="party-change" method="post" action=format!("/rsvps/{}/party", rsvp.public_id)>
                                        <CsrfField />
                                        <input type="hidden" name="event" value=details.public_id.clone() />
                                        <label for=party_id.clone()>{td_string!(locale, rsvp_party, max = format::number(locale, i64::from(max_party)))}</label>
                                        <input id=party_id name="party" type="number" inputmode="numeric" min="1"
                                            max=max_party.to_string() value=rsvp.party.to_string() />
                                        <button type="submit" class="secondary">{td_string!(locale, rsvp_change_party)}</button>
                                    </form>
                                })}
                                <form method="post" action=format!("/rsvps/{}/cancel", rsvp.public_id)>
                                    <CsrfField />
                                    <button type="submit" class="link-button">{td_string!(locale, rsvp_cancel)}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {if modes.is_empty() {
                view! { <p>{td_string!(locale, rsvp_just_come)}</p> }.into_any()
            } else if open.is_empty() {
                view! { <p>{td_string!(locale, rsvp_closed)}</p> }.into_any()
            } else {
                let forms = move |how: &'static str| {
                    join_form(locale, how, &action, &open, max_party, &form, when)
                };
                view! {
                    {(signed_in && modes.contains(ReplyMode::Account)).then(|| forms("account"))}
                    {(!signed_in && modes.contains(ReplyMode::Anonymous)).then(|| forms("anonymous"))}
                    {(!signed_in && modes.contains(ReplyMode::Email)).then(|| forms("email"))}
                    {(!signed_in && modes == crate::domain::reply::ReplyModes::from_bits(1)).then(|| view! {
                        <p><a href="/sign-in">{td_string!(locale, rsvp_sign_in_first)}</a></p>
                    })}
                }
                .into_any()
            }}
        </section>
    }
}

/// One way of saying "I'm coming": which date, how many, and for email the
/// address (and an optional name).
fn join_form(
    locale: Locale,
    how: &'static str,
    action: &str,
    open: &[DateView],
    max_party: i32,
    form: &FormState,
    when: impl Fn(&DateView) -> String,
) -> AnyView {
    let posted_here = form.value("how").as_deref() == Some(how);
    let value = |name: &str| if posted_here { form.value(name) } else { None };
    let party_error = if posted_here {
        form.error(&format!("{how}-party"))
    } else {
        None
    };
    let email_error = if posted_here {
        form.error("email")
    } else {
        None
    };
    let (legend, button, hint) = match how {
        "account" => (
            td_string!(locale, rsvp_as_account),
            td_string!(locale, rsvp_coming),
            None,
        ),
        "anonymous" => (
            td_string!(locale, rsvp_as_anonymous),
            td_string!(locale, rsvp_coming_anonymous),
            Some(td_string!(locale, rsvp_anonymous_hint)),
        ),
        _ => (
            td_string!(locale, rsvp_as_email),
            td_string!(locale, rsvp_coming_email),
            Some(td_string!(locale, rsvp_email_hint)),
        ),
    };
    let chosen = value("occurrence");
    // Only a reply with an address can be written to afterwards.
    view! {
        <form class="stack join-form" method="post" action=action.to_string() novalidate>
            <fieldset class="stack">
                <legend>{legend}</legend>
                <CsrfField />
                <input type="hidden" name="how" value=how />
                {if open.len() == 1 {
                    view! {
                        <input type="hidden" name="occurrence" value=open[0].occurrence_id.to_string() />
                        <p>{when(&open[0])} " · " {counts_text(locale, &open[0])}</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for=format!("{how}-occurrence")>{td_string!(locale, rsvp_which_date)}</label>
                            <select id=format!("{how}-occurrence") name="occurrence">
                                {open.iter().map(|date| {
                                    let id = date.occurrence_id.to_string();
                                    let selected = chosen.as_deref() == Some(id.as_str());
                                    view! {
                                        <option value=id selected=selected>{format!("{} · {}", when(date), counts_text(locale, date))}</option>
                                    }
                                }).collect_view()}
                            </select>
                        </div>
                    }.into_any()
                }}
                {(max_party > 1).then(|| view! {
                    <div class="field">
                        <label for=format!("{how}-party")>{td_string!(locale, rsvp_party, max = format::number(locale, i64::from(max_party)))}</label>
                        <input id=format!("{how}-party") name="party" type="number" inputmode="numeric" min="1" max=max_party.to_string()
                            value=value("party").unwrap_or_else(|| "1".into())
                            aria-invalid=party_error.as_ref().map(|_| "true")
                            aria-describedby=party_error.as_ref().map(|_| format!("{how}-party-error")) />
                        <FieldMessage field=format!("{how}-party") message=party_error.clone() />
                    </div>
                })}
                {(how == "email").then(|| view! {
                    <div class="field">
                        <label for="email">{td_string!(locale, sign_in_email_label)}</label>
                        <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required
                            value=value("email")
                            aria-invalid=email_error.as_ref().map(|_| "true")
                            aria-describedby=email_error.as_ref().map(|_| "email-error") />
                        <FieldMessage field="email" message=email_error.clone() />
                    </div>
                    <div class="field">
                        <label for="name">{td_string!(locale, rsvp_name)}</label>
                        <input id="name" name="name" maxlength="80" autocomplete="nickname" value=value("name") />
                    </div>
                })}
                <TimeAroundQuestion id_prefix=how.to_string() chosen=value(FIELD) />
                {(how != "anonymous").then(|| view! {
                    <label class="choice">
                        <input type="checkbox" name=WANTED_FIELD value="1" checked=value(WANTED_FIELD).is_some() />
                        {td_string!(locale, reply_follow_up_label)}
                    </label>
                })}
                {hint.map(|hint| view! { <p class="hint">{hint}</p> })}
                <button type="submit">{button}</button>
            </fieldset>
        </form>
    }
    .into_any()
}
