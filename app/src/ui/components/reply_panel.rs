//! "Are you coming?" on a gathering's page: counts for everyone (never
//! names), the viewer's own RSVPs with a cancel button, and one form to say
//! one is coming: the date and the party size asked once, then how to reply
//! (on this device without a name, with an email address, or signed in) as
//! a choice within the same form. A plain form: it works without
//! JavaScript, and the email fields show once email is chosen (CSS only).

use crate::domain::follow_up::WANTED_FIELD;
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use crate::domain::reply::{ReplyMode, ReplyModes};
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
                let ways = reply_ways(modes, signed_in);
                if ways.is_empty() {
                    // Signed in, where the organisers take no replies from
                    // accounts: as before, nothing to fill in.
                    ().into_any()
                } else if ways == [Way::SignIn] {
                    view! { <p><a href="/sign-in">{td_string!(locale, rsvp_sign_in_first)}</a></p> }.into_any()
                } else {
                    join_form(locale, &ways, &action, &open, max_party, &form, when)
                }
            }}
        </section>
    }
}

/// A way of replying, as the form's `how` field names it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Way {
    /// As the signed-in viewer.
    Account,
    /// On this device, without a name: only counted.
    Device,
    /// With an email address (confirmed by a link).
    Email,
    /// With an account the viewer is not signed in to yet: the reply asks
    /// them to sign in first.
    SignIn,
}

impl Way {
    fn how(self) -> &'static str {
        match self {
            Way::Account | Way::SignIn => "account",
            Way::Device => "anonymous",
            Way::Email => "email",
        }
    }
}

/// The ways the organisers allow, for this viewer, the default first: a
/// signed-in viewer replies as themselves; anyone else on this device,
/// with an email address, or by signing in.
fn reply_ways(modes: ReplyModes, signed_in: bool) -> Vec<Way> {
    if signed_in {
        return if modes.contains(ReplyMode::Account) {
            vec![Way::Account]
        } else {
            Vec::new()
        };
    }
    [
        (ReplyMode::Anonymous, Way::Device),
        (ReplyMode::Email, Way::Email),
        (ReplyMode::Account, Way::SignIn),
    ]
    .into_iter()
    .filter(|(mode, _)| modes.contains(*mode))
    .map(|(_, way)| way)
    .collect()
}

/// "I'm coming": which date, how many, and how to reply, once.
fn join_form(
    locale: Locale,
    ways: &[Way],
    action: &str,
    open: &[DateView],
    max_party: i32,
    form: &FormState,
    when: impl Fn(&DateView) -> String,
) -> AnyView {
    // Values come back only when this form was the one sent (the page has
    // other forms).
    let sent_here = form.value("how").is_some();
    let value = |name: &str| if sent_here { form.value(name) } else { None };
    let error = |field: &str| if sent_here { form.error(field) } else { None };
    let party_error = error("party");
    let email_error = error("email");
    let chosen_how = value("how").unwrap_or_else(|| ways[0].how().to_string());
    let chosen_date = value("occurrence");
    let offers_email = ways.contains(&Way::Email);
    // Only a reply with an address can be written to afterwards: asked with
    // the email fields, or of a signed-in viewer.
    let wanted = value(WANTED_FIELD).is_some();
    let follow_up_wanted = move || {
        view! {
            <label class="choice">
                <input type="checkbox" name=WANTED_FIELD value="1" checked=wanted />
                {td_string!(locale, reply_follow_up_label)}
            </label>
        }
    };
    view! {
        <form class="stack join-form" method="post" action=action.to_string() novalidate>
            <fieldset class="stack">
                <legend>{td_string!(locale, rsvp_as_account)}</legend>
                <CsrfField />
                {if open.len() == 1 {
                    view! {
                        <input type="hidden" name="occurrence" value=open[0].occurrence_id.to_string() />
                        <p>{when(&open[0])} " · " {counts_text(locale, &open[0])}</p>
                    }.into_any()
                } else {
                    view! {
                        <div class="field">
                            <label for="occurrence">{td_string!(locale, rsvp_which_date)}</label>
                            <select id="occurrence" name="occurrence">
                                {open.iter().map(|date| {
                                    let id = date.occurrence_id.to_string();
                                    let selected = chosen_date.as_deref() == Some(id.as_str());
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
                        <label for="party">{td_string!(locale, rsvp_party, max = format::number(locale, i64::from(max_party)))}</label>
                        <input id="party" name="party" type="number" inputmode="numeric" min="1" max=max_party.to_string()
                            value=value("party").unwrap_or_else(|| "1".into())
                            aria-invalid=party_error.as_ref().map(|_| "true")
                            aria-describedby=party_error.as_ref().map(|_| "party-error") />
                        <FieldMessage field="party".to_string() message=party_error.clone() />
                    </div>
                })}
                {if ways.len() == 1 {
                    view! {
                        <input type="hidden" name="how" value=ways[0].how() />
                        {way_hint(locale, ways[0]).map(|hint| view! { <p class="hint">{hint}</p> })}
                    }.into_any()
                } else {
                    view! {
                        <fieldset class="reply-ways">
                            <legend>{td_string!(locale, rsvp_how_legend)}</legend>
                            {ways.iter().map(|&way| {
                                let id = format!("how-{}", way.how());
                                let hint_id = format!("{id}-hint");
                                let hint = way_hint(locale, way);
                                view! {
                                    <div class="reply-way">
                                        <label class="choice">
                                            <input type="radio" id=id name="how" value=way.how()
                                                checked=chosen_how == way.how()
                                                aria-describedby=hint.map(|_| hint_id.clone()) />
                                            {way_label(locale, way)}
                                        </label>
                                        {hint.map(|hint| view! { <p id=hint_id class="hint">{hint}</p> })}
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                    }.into_any()
                }}
                {offers_email.then(|| view! {
                    <div class="reply-by-email stack">
                        <div class="field">
                            <label for="email">{td_string!(locale, sign_in_email_label)}</label>
                            <input id="email" name="email" type="email" autocomplete="email" inputmode="email"
                                value=value("email")
                                aria-invalid=email_error.as_ref().map(|_| "true")
                                aria-describedby=email_error.as_ref().map(|_| "email-error") />
                            <FieldMessage field="email" message=email_error.clone() />
                        </div>
                        <div class="field">
                            <label for="name">{td_string!(locale, rsvp_name)}</label>
                            <input id="name" name="name" maxlength="80" autocomplete="nickname" value=value("name") />
                        </div>
                        {follow_up_wanted()}
                    </div>
                })}
                {ways.contains(&Way::Account).then(follow_up_wanted)}
                <TimeAroundQuestion id_prefix="rsvp".to_string() chosen=value(FIELD) />
                <button type="submit">{td_string!(locale, rsvp_coming)}</button>
            </fieldset>
        </form>
    }
    .into_any()
}

fn way_label(locale: Locale, way: Way) -> &'static str {
    match way {
        Way::Account => td_string!(locale, rsvp_as_account),
        Way::Device => td_string!(locale, rsvp_how_anonymous),
        Way::Email => td_string!(locale, rsvp_how_email),
        Way::SignIn => td_string!(locale, rsvp_how_account),
    }
}

fn way_hint(locale: Locale, way: Way) -> Option<&'static str> {
    match way {
        Way::Device => Some(td_string!(locale, rsvp_anonymous_hint)),
        Way::Email => Some(td_string!(locale, rsvp_email_hint)),
        Way::Account | Way::SignIn => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{Way, reply_ways};
    use crate::domain::reply::{ReplyMode, ReplyModes};

    #[test]
    fn this_device_comes_first_and_a_signed_in_viewer_replies_as_themselves() {
        let all = ReplyModes::from_bits(7);
        assert_eq!(
            reply_ways(all, false),
            [Way::Device, Way::Email, Way::SignIn]
        );
        assert_eq!(reply_ways(all, true), [Way::Account]);
        let email_only: ReplyModes = [ReplyMode::Email].into_iter().collect();
        assert_eq!(reply_ways(email_only, false), [Way::Email]);
        assert!(reply_ways(email_only, true).is_empty());
    }
}
