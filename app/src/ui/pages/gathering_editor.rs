//! Creating a gathering (`/hosts/<slug>/gatherings/new`) and managing one
//! (`/events/<id>/manage`): the form, and for an existing gathering its
//! dates, each of which can be cancelled on its own.

use crate::api::hosting::{load_managed_gathering, new_gathering_host};
use crate::domain::{reply::ReplyStatus, status::PartnerStatus};
use crate::i18n::td_string;
use crate::l10n::format::{day, number, weekday_date_time};
use crate::ui::components::{GatheringForm, PictureSection, refusal};
use crate::ui::forms::{FieldMessage, FormState, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use crate::views::door::Attendance;
use crate::views::hosting::{DateRow, PartnerView, VolunteerRow};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn NewGathering() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let host = Resource::new(|| (), move |_| new_gathering_host(slug.clone()));
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, gathering_new) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match host.await {
                        Err(error) => refusal(error),
                        Ok(host) => view! {
                            <section class="stack">
                                <p><a href=format!("/hosts/{}", host.slug)>{host.name.clone()}</a></p>
                                <h1>{td_string!(locale, gathering_new)}</h1>
                                <GatheringForm
                                    action=format!("/hosts/{}/gatherings/new", host.slug)
                                    form
                                    submit_label=td_string!(locale, form_create) />
                            </section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
pub fn ManageGathering() -> impl IntoView {
    let locale = use_locale();
    let public_id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let saved = use_query_map().with_untracked(|q| q.get("saved").is_some());
    let language = code(locale).to_string();
    let view_data = Resource::new(
        || (),
        move |_| load_managed_gathering(public_id.clone(), language.clone()),
    );
    let posted = use_form_state();
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let posted = posted.clone();
                Suspend::new(async move {
                    match view_data.await {
                        Err(error) => refusal(error),
                        Ok(data) => {
                            // A rejected edit shows what was typed, not what is stored.
                            let form = match posted {
                                Some(posted) if posted.value("start_date").is_some() => posted,
                                // A problem from another form on this page (a
                                // partner, a moved date): the stored values
                                // for the edit form, plus what was posted.
                                posted => {
                                    let posted = posted.unwrap_or_default();
                                    let mut values = data.values.clone();
                                    values.extend(posted.values.iter().cloned());
                                    FormState { values, ..posted }
                                }
                            };
                            let base = format!("/events/{}", data.public_id);
                            view! {
                                <Title text=data.title.clone() />
                                <section class="stack">
                                    <p><a href=format!("/hosts/{}", data.host_slug)>{data.host_name.clone()}</a></p>
                                    <h1>{data.title.clone()}</h1>
                                    {saved.then(|| view! { <p class="notice" role="status">{td_string!(locale, gathering_saved)}</p> })}
                                    {data.cancelled.then(|| view! { <p class="notice">{td_string!(locale, gathering_is_cancelled)}</p> })}
                                    <p><a href=base.clone()>{td_string!(locale, gathering_public_page)}</a></p>
                                    <p><a href=format!("{base}/messages")>{td_string!(locale, messages_title)}</a></p>
                                    <p><a href=format!("{base}/stories")>{td_string!(locale, stories_title)}</a></p>
                                </section>
                                <PictureSection base=base.clone() picture=data.picture.clone() form=form.clone() />
                                <section class="stack">
                                    <h2>{td_string!(locale, gathering_dates)}</h2>
                                    <DateList base=base.clone() dates=data.dates.clone() past=false />
                                </section>
                                {(!data.past_dates.is_empty()).then(|| view! {
                                    <section class="stack">
                                        <h2>{td_string!(locale, gathering_past_dates)}</h2>
                                        <DateList base=base.clone() dates=data.past_dates.clone() past=true />
                                    </section>
                                })}
                                <section class="stack">
                                    <h2>{td_string!(locale, roles_heading)}</h2>
                                    <p>{td_string!(locale, roles_intro)}</p>
                                    <Roles base=base.clone() roles=data.roles.clone() form=form.clone() />
                                </section>
                                <section class="stack">
                                    <h2>{td_string!(locale, partners_heading)}</h2>
                                    <p>{td_string!(locale, partners_intro)}</p>
                                    <Partners base=base.clone() partners=data.partners.clone() form=form.clone() />
                                </section>
                                {(!data.sponsorships.is_empty()).then(|| view! {
                                    <section class="stack">
                                        <h2>{td_string!(locale, sponsorships_heading)}</h2>
                                        <p>{td_string!(locale, sponsorships_host_intro)}</p>
                                        <ul class="date-list">
                                            {data.sponsorships.clone().into_iter().map(|row| view! {
                                                <li>
                                                    <span>
                                                        {td_string!(locale, sponsored_by, office = crate::l10n::bidi::isolated(locale, &row.office_name).into_owned())}
                                                        {row.date_local.as_ref().map(|d| format!(" · {}", weekday_date_time(locale, d)))}
                                                        {(!row.note.is_empty()).then(|| format!(" · {}", row.note))}
                                                    </span>
                                                    <form method="post" action=format!("{base}/sponsorships/{}/decline", row.id)>
                                                        <CsrfField />
                                                        <button type="submit" class="secondary">{td_string!(locale, sponsorship_decline)}</button>
                                                    </form>
                                                </li>
                                            }).collect_view()}
                                        </ul>
                                    </section>
                                })}
                                <section class="stack">
                                    <h2>{td_string!(locale, gathering_edit_all)}</h2>
                                    <GatheringForm action=format!("{base}/manage") form submit_label=td_string!(locale, form_save) />
                                </section>
                                {(!data.cancelled).then(|| view! {
                                    <section class="stack danger-zone">
                                        <h2>{td_string!(locale, gathering_cancel_heading)}</h2>
                                        <p>{td_string!(locale, gathering_cancel_body)}</p>
                                        <form method="post" action=format!("{base}/cancel")>
                                            <CsrfField />
                                            <button type="submit" class="danger">{td_string!(locale, gathering_cancel_all)}</button>
                                        </form>
                                    </section>
                                })}
                            }
                            .into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DateList(base: String, dates: Vec<DateRow>, past: bool) -> impl IntoView {
    let locale = use_locale();
    if dates.is_empty() {
        return view! { <p>{td_string!(locale, gathering_no_dates)}</p> }.into_any();
    }
    view! {
        <ul class="date-list">
            {dates.into_iter().map(|date| {
                let when = format!("{} {}", weekday_date_time(locale, &date.starts_local), date.zone_abbreviation);
                let attendees = date.attendees.clone();
                let volunteers = date.volunteers.clone();
                let csv = format!("{base}/dates/{}/attendees.csv", date.occurrence_id);
                let forgotten_on = date
                    .guests_forgotten_on
                    .parse()
                    .map(|on| day(locale, on))
                    .unwrap_or_else(|_| date.guests_forgotten_on.clone());
                let privacy_note = if date.guests_forgotten {
                    td_string!(locale, date_guests_forgotten, date = forgotten_on.clone()).to_string()
                } else {
                    td_string!(locale, date_guests_kept_until, date = forgotten_on.clone()).to_string()
                };
                view! {
                    <li>
                        <span>{when}</span>
                        {if date.guests_forgotten {
                            let people: i32 = attendees.iter().filter(|a| a.status == ReplyStatus::Going).map(|a| a.party).sum();
                            view! { <p>{td_string!(locale, attendees_heading)} " (" {number(locale, people.into())} ")"</p> }.into_any()
                        } else {
                            view! { <Attendees base=base.clone() attendees volunteers csv /> }.into_any()
                        }}
                        <AttendanceLine attendance=date.attendance />
                        {(!date.cancelled).then(|| view! {
                            <p><a href=format!("{base}/dates/{}/door", date.occurrence_id)>{td_string!(locale, door_open)}</a></p>
                        })}
                        <p class="hint">{privacy_note}</p>
                        {if date.cancelled {
                            view! { <span class="tag">{td_string!(locale, date_cancelled)}</span> }.into_any()
                        } else if past {
                            ().into_any()
                        } else {
                            let day = date.starts_local.get(..10).unwrap_or_default().to_string();
                            let time = date.starts_local.get(11..16).unwrap_or_default().to_string();
                            let end = date.ends_local.get(11..16).unwrap_or_default().to_string();
                            let id = date.occurrence_id;
                            view! {
                                <form method="post" action=format!("{base}/dates/{id}/cancel")>
                                    <CsrfField />
                                    <button type="submit" class="link-button">{td_string!(locale, date_cancel)}</button>
                                </form>
                                <details class="date-move">
                                    <summary>{td_string!(locale, date_move)}</summary>
                                    <form class="field-row" method="post" action=format!("{base}/dates/{id}/move")>
                                        <CsrfField />
                                        <div class="field">
                                            <label for=format!("day-{id}")>{td_string!(locale, form_start_date)}</label>
                                            <input id=format!("day-{id}") name="start_date" type="date" required value=day />
                                        </div>
                                        <div class="field">
                                            <label for=format!("start-{id}")>{td_string!(locale, form_start_time)}</label>
                                            <input id=format!("start-{id}") name="start_time" type="time" required value=time />
                                        </div>
                                        <div class="field">
                                            <label for=format!("end-{id}")>{td_string!(locale, form_end_time)}</label>
                                            <input id=format!("end-{id}") name="end_time" type="time" required value=end />
                                        </div>
                                        <button type="submit" class="secondary">{td_string!(locale, date_move_save)}</button>
                                    </form>
                                </details>
                            }.into_any()
                        }}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

/// For a volunteer of a role at the door: whether they may check guests
/// in, and the button that lets them (or stops them).
#[component]
fn DoorHelper(base: String, volunteer: VolunteerRow) -> impl IntoView {
    let locale = use_locale();
    volunteer.at_door.then(|| {
        let action = format!("{base}/door-helpers/{}", volunteer.signup_public_id);
        let (state, allow, label) = if volunteer.door_approved {
            (
                td_string!(locale, door_helper_allowed),
                "",
                td_string!(locale, door_helper_stop),
            )
        } else {
            (
                td_string!(locale, door_helper_waiting),
                "1",
                td_string!(locale, door_helper_allow),
            )
        };
        view! {
            " · " {state}
            <form method="post" action=action>
                <CsrfField />
                <input type="hidden" name="allow" value=allow />
                <button type="submit" class="link-button">{label}</button>
            </form>
        }
    })
}

/// What came of one date, once anyone replied or came.
#[component]
fn AttendanceLine(attendance: Attendance) -> impl IntoView {
    let locale = use_locale();
    (attendance != Attendance::default()).then(|| {
        view! {
            <p>
                {td_string!(
                    locale,
                    door_attendance_line,
                    replied = number(locale, attendance.replied.into()),
                    checked_in = number(locale, attendance.checked_in.into()),
                    walk_ins = number(locale, attendance.walk_ins.into()),
                    no_shows = number(locale, attendance.no_shows.into())
                )}
            </p>
        }
    })
}

#[component]
fn Partners(base: String, partners: Vec<PartnerView>, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let error = form.error("partner");
    view! {
        {(!partners.is_empty()).then(|| view! {
            <ul class="date-list">
                {partners.into_iter().map(|partner| {
                    let status = match partner.status {
                        PartnerStatus::Accepted => td_string!(locale, partner_accepted),
                        PartnerStatus::Declined => td_string!(locale, partner_declined),
                        PartnerStatus::Invited => td_string!(locale, partner_invited),
                    };
                    view! {
                        <li><a href=format!("/hosts/{}", partner.slug)>{partner.name}</a><span class="tag">{status}</span></li>
                    }
                }).collect_view()}
            </ul>
        })}
        <form class="stack narrow" method="post" action=format!("{base}/partners") novalidate>
            <CsrfField />
            <div class="field">
                <label for="partner">{td_string!(locale, partner_address)}</label>
                <input id="partner" name="partner" dir="ltr" value=form.value("partner")
                    aria-invalid=error.as_ref().map(|_| "true")
                    aria-describedby=format!("partner-hint{}", if error.is_some() { " partner-error" } else { "" }) />
                <p id="partner-hint" class="hint">{td_string!(locale, partner_address_hint)}</p>
                <FieldMessage field="partner" message=error />
            </div>
            <button type="submit" class="secondary">{td_string!(locale, partner_invite)}</button>
        </form>
    }
}

/// Who is coming to one date: names (or "anonymous guest"), party sizes,
/// the waitlist in order. Only organisers reach this page.
#[component]
fn Attendees(
    base: String,
    attendees: Vec<crate::views::hosting::AttendeeRow>,
    volunteers: Vec<VolunteerRow>,
    csv: String,
) -> impl IntoView {
    let locale = use_locale();
    let people: i32 = attendees
        .iter()
        .filter(|a| a.status == ReplyStatus::Going)
        .map(|a| a.party)
        .sum();
    let waiting = attendees
        .iter()
        .filter(|a| a.status == ReplyStatus::Requested)
        .count();
    // Open by itself when replies wait for a decision.
    let open = waiting > 0;
    view! {
        <details class="attendees" open=open>
            <summary>
                {td_string!(locale, attendees_heading)} " (" {number(locale, people.into())} ")"
                {(waiting > 0).then(|| view! { " · " <strong>{td_string!(locale, attendees_waiting, count = waiting, replies = number(locale, waiting as i64))}</strong> })}
            </summary>
            {if attendees.is_empty() {
                view! { <p>{td_string!(locale, attendees_none)}</p> }.into_any()
            } else {
                view! {
                    <ol>
                        {attendees.into_iter().map(|a| {
                            let status = match a.status {
                                ReplyStatus::Going => td_string!(locale, attendee_status_going),
                                ReplyStatus::Waitlisted => td_string!(locale, attendee_status_waitlisted),
                                ReplyStatus::Requested => td_string!(locale, attendee_status_requested),
                                _ => td_string!(locale, attendee_status_pending),
                            };
                            let shown = a.shown.unwrap_or_else(|| td_string!(locale, rsvp_anonymous_guest).to_string());
                            let decide = (a.status == ReplyStatus::Requested).then(|| {
                                let action = format!("{base}/replies/{}", a.public_id);
                                view! {
                                    <span class="actions">
                                        <form method="post" action=format!("{action}/approve")>
                                            <CsrfField />
                                            <button type="submit">{td_string!(locale, reply_approve)}</button>
                                        </form>
                                        <form method="post" action=format!("{action}/decline")>
                                            <CsrfField />
                                            <button type="submit" class="secondary">{td_string!(locale, reply_decline)}</button>
                                        </form>
                                    </span>
                                }
                            });
                            let came = a.checked_in.map(|came| view! { " · " {td_string!(locale, attendee_checked_in, came = number(locale, came.into()))} });
                            view! { <li>{shown} " · " {number(locale, a.party.into())} " · " {status} {came} {decide}</li> }
                        }).collect_view()}
                    </ol>
                    <p><a href=csv download>{td_string!(locale, attendees_download)}</a></p>
                }.into_any()
            }}
            {(!volunteers.is_empty()).then(|| view! {
                <p>{td_string!(locale, volunteers_on_date)}</p>
                <ul>
                    {volunteers.into_iter().map(|volunteer| view! {
                        <li>
                            {volunteer.role.clone()} " · " {volunteer.person.clone()}
                            <DoorHelper base=base.clone() volunteer />
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </details>
    }
}

#[component]
fn Roles(
    base: String,
    roles: Vec<crate::views::gathering::RoleView>,
    form: FormState,
) -> impl IntoView {
    let locale = use_locale();
    let field = |name: &'static str| {
        let error = form.error(name);
        (form.value(name), error)
    };
    let (name, name_error) = field("role_name");
    let (slots, slots_error) = field("role_slots");
    let (start, shift_error) = field("role_shift_start");
    view! {
        {(!roles.is_empty()).then(|| view! {
            <ul class="date-list">
                {roles.into_iter().map(|role| view! {
                    <li>
                        <span>
                            {role.name} {role.shift.map(|s| format!(" · {s}"))}
                            {role.at_door.then(|| view! { " · " <span class="tag">{td_string!(locale, role_at_door_tag)}</span> })}
                        </span>
                        <form method="post" action=format!("{base}/roles/{}/remove", role.id)>
                            <CsrfField />
                            <button type="submit" class="link-button">{td_string!(locale, role_remove)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <form class="stack narrow" method="post" action=format!("{base}/roles") novalidate>
            <CsrfField />
            <div class="field">
                <label for="role_name">{td_string!(locale, role_name)}</label>
                <input id="role_name" name="role_name" maxlength="80" value=name
                    aria-invalid=name_error.as_ref().map(|_| "true") aria-describedby=name_error.as_ref().map(|_| "role_name-error") />
                <FieldMessage field="role_name" message=name_error />
            </div>
            <div class="field">
                <label for="role_description">{td_string!(locale, role_description)}</label>
                <input id="role_description" name="role_description" maxlength="2000" value=form.value("role_description") />
            </div>
            <div class="field">
                <label for="role_slots">{td_string!(locale, role_slots)}</label>
                <input id="role_slots" name="role_slots" type="number" inputmode="numeric" min="1" max="1000"
                    value=slots.unwrap_or_else(|| "1".into())
                    aria-invalid=slots_error.as_ref().map(|_| "true") aria-describedby=slots_error.as_ref().map(|_| "role_slots-error") />
                <FieldMessage field="role_slots" message=slots_error />
            </div>
            <div class="field-row">
                <div class="field">
                    <label for="role_shift_start">{td_string!(locale, role_shift_start)}</label>
                    <input id="role_shift_start" name="role_shift_start" type="time" value=start
                        aria-invalid=shift_error.as_ref().map(|_| "true") aria-describedby=shift_error.as_ref().map(|_| "role_shift_start-error") />
                </div>
                <div class="field">
                    <label for="role_shift_end">{td_string!(locale, role_shift_end)}</label>
                    <input id="role_shift_end" name="role_shift_end" type="time" value=form.value("role_shift_end") />
                </div>
            </div>
            <FieldMessage field="role_shift_start" message=shift_error />
            <label class="choice">
                <input type="checkbox" name="role_at_door" value="1" checked=form.value("role_at_door").is_some() />
                {td_string!(locale, role_at_door)}
            </label>
            <button type="submit" class="secondary">{td_string!(locale, role_add)}</button>
        </form>
    }
}
