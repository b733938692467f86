//! `/events/{id}/dates/{occurrence}/door`: checking guests in on a phone.
//! Look a reply up by its door code or a name, check in some or all of its
//! party (or undo it), and count walk-ins. Plain forms that work without
//! JavaScript; organisers also see what came of the date. Helpers at the
//! door see only what they looked up.

use super::follow_up::comfortable_label;
use crate::api::door::load_door;
use crate::domain::follow_up::Comfortable;
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{number, weekday_date_time};
use crate::ui::components::TimeAroundQuestion;
use crate::ui::components::refusal;
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState, use_form_state};
use crate::ui::locale::{code, use_locale};
use crate::ui::request::CsrfField;
use crate::views::door::{
    Attendance, DoorReply, DoorSearch, DoorView, FollowUpFigures, Settled, ShownCount,
    TimeAroundFigures,
};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn DoorPage() -> impl IntoView {
    let locale = use_locale();
    let params = use_params_map();
    let public_id = params.with_untracked(|p| p.get("id")).unwrap_or_default();
    let occurrence = params
        .with_untracked(|p| p.get("occurrence"))
        .and_then(|o| o.parse::<OccurrenceId>().ok());
    let query = use_query_map();
    let typed = query.with_untracked(|q| q.get("q")).unwrap_or_default();
    let done = query.with_untracked(|q| q.get("done")).unwrap_or_default();
    let door = Resource::new(
        || (),
        move |_| {
            let (public_id, typed) = (public_id.clone(), typed.clone());
            async move {
                let occurrence = occurrence.ok_or(crate::api::ApiError::NotFound)?;
                load_door(public_id, occurrence, typed, code(locale).to_string()).await
            }
        },
    );
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, door_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let (form, done) = (form.clone(), done.clone());
                Suspend::new(async move {
                    match door.await {
                        Err(error) => refusal(error),
                        Ok(door) => view! {
                            <section class="stack narrow">
                                <ErrorSummary errors=form.errors.clone() />
                                <Door door done />
                            </section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Door(door: DoorView, done: String) -> impl IntoView {
    let locale = use_locale();
    let base = format!(
        "/events/{}/dates/{}/door",
        door.event_public_id, door.occurrence_id
    );
    let when = format!(
        "{} {}",
        weekday_date_time(locale, &door.starts_local),
        door.zone_abbreviation
    );
    let done = match done.as_str() {
        "in" => Some(td_string!(locale, door_done_checked_in)),
        "undone" => Some(td_string!(locale, door_done_undone)),
        "walk-in" => Some(td_string!(locale, door_done_walk_in)),
        _ => None,
    };
    view! {
        <h1>{td_string!(locale, door_title)}</h1>
        <p>{door.title.clone()} " · " {when}</p>
        {door.organiser.then(|| view! {
            <p><a href=format!("/events/{}/manage", door.event_public_id)>{td_string!(locale, door_back_to_manage)}</a></p>
        })}
        {done.map(|message| view! { <p class="notice" role="status">{message}</p> })}
        <form class="stack" method="get" action=base.clone() role="search">
            <div class="field">
                <label for="door-q">{td_string!(locale, door_find_label)}</label>
                <input id="door-q" name="q" value=door.query.clone() autocomplete="off"
                    autocapitalize="characters" spellcheck="false" aria-describedby="door-q-hint" />
                <p id="door-q-hint" class="hint">{td_string!(locale, door_find_hint)}</p>
            </div>
            <button type="submit">{td_string!(locale, door_find)}</button>
        </form>
        <Found base=base.clone() query=door.query.clone() found=door.found.clone() />
        <ByCode base=base.clone() />
        <WalkIns base=base.clone() query=door.query.clone() key=door.walk_in_key.clone() />
        {door.attendance.map(|attendance| view! { <Figures attendance /> })}
        {door.time_around.map(|settled| match settled {
            Settled::Shown(figures) => view! { <TimeAroundAnswers figures /> }.into_any(),
            Settled::From(when) => view! {
                <h2>{td_string!(locale, time_around_question)}</h2>
                <p class="hint">{td_string!(locale, door_figures_after_door, when = weekday_date_time(locale, &when))}</p>
            }.into_any(),
        })}
        {door.follow_up.map(|settled| match settled {
            Settled::Shown(figures) => view! { <FollowUpAnswers figures /> }.into_any(),
            Settled::From(when) => view! {
                <h2>{td_string!(locale, door_follow_up_heading)}</h2>
                <p class="hint">{td_string!(locale, door_figures_after_follow_up, when = weekday_date_time(locale, &when))}</p>
            }.into_any(),
        })}
    }
}

/// What the lookup found.
#[component]
fn Found(base: String, query: String, found: DoorSearch) -> impl IntoView {
    let locale = use_locale();
    match found {
        DoorSearch::Nothing => ().into_any(),
        DoorSearch::NameTooShort => {
            view! { <p role="alert">{td_string!(locale, door_name_too_short)}</p> }.into_any()
        }
        DoorSearch::TooMany => {
            view! { <p role="alert">{td_string!(locale, door_too_many)}</p> }.into_any()
        }
        DoorSearch::TooManyLookups => {
            view! { <p role="alert">{td_string!(locale, door_too_many_lookups)}</p> }.into_any()
        }
        DoorSearch::Replies(replies) if replies.is_empty() => {
            view! { <p role="alert">{td_string!(locale, door_found_none)}</p> }.into_any()
        }
        DoorSearch::Replies(replies) => view! {
            <ul class="date-list" aria-label=td_string!(locale, door_found_heading)>
                {replies.into_iter().map(|reply| view! {
                    <FoundReply base=base.clone() query=query.clone() reply />
                }).collect_view()}
            </ul>
        }
        .into_any(),
    }
}

#[component]
fn FoundReply(base: String, query: String, reply: DoorReply) -> impl IntoView {
    let locale = use_locale();
    let name = reply
        .name
        .clone()
        .unwrap_or_else(|| td_string!(locale, door_guest_no_name).to_string());
    let field_id = format!("people-{}", reply.public_id);
    let action = if reply.status != ReplyStatus::Going {
        view! { <p>{status_label(locale, reply.status)} " · " {td_string!(locale, door_not_coming)}</p> }
            .into_any()
    } else if let Some(came) = reply.checked_in {
        view! {
            <p><strong>{td_string!(
                locale,
                door_checked_in,
                came = number(locale, came.into()),
                party = number(locale, reply.party.into())
            )}</strong></p>
            <form method="post" action=format!("{base}/undo")>
                <CsrfField />
                <input type="hidden" name="reply" value=reply.public_id.clone() />
                <input type="hidden" name="q" value=query.clone() />
                <button type="submit" class="secondary">{td_string!(locale, door_undo)}</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form class="field-row" method="post" action=format!("{base}/check-in")>
                <CsrfField />
                <input type="hidden" name="reply" value=reply.public_id.clone() />
                <input type="hidden" name="q" value=query.clone() />
                <div class="field">
                    <label for=field_id.clone()>{td_string!(locale, door_people_label)}</label>
                    <input id=field_id name="people" type="number" inputmode="numeric" min="1"
                        max=reply.party value=reply.party />
                </div>
                {(!reply.asked_time_around).then(|| view! {
                    <TimeAroundQuestion id_prefix=format!("door-{}", reply.public_id) chosen=None />
                })}
                <button type="submit">{td_string!(locale, door_check_in)}</button>
            </form>
        }
        .into_any()
    };
    view! {
        <li>
            <span>
                <strong>{name}</strong>
                " · " {td_string!(locale, door_code, code = reply.code.clone())}
                " · " {td_string!(locale, door_party, party = number(locale, reply.party.into()))}
            </span>
            {action}
        </li>
    }
}

fn status_label(locale: Locale, status: ReplyStatus) -> &'static str {
    match status {
        ReplyStatus::Going => td_string!(locale, attendee_status_going),
        ReplyStatus::Waitlisted => td_string!(locale, attendee_status_waitlisted),
        ReplyStatus::Requested => td_string!(locale, attendee_status_requested),
        _ => td_string!(locale, attendee_status_pending),
    }
}

/// Checking in by code straight away, without looking it up first: the
/// form a phone with no signal keeps and sends later (`public/door.js` and
/// the service worker), and a quick way in without JavaScript too.
#[component]
fn ByCode(base: String) -> impl IntoView {
    let locale = use_locale();
    // What was sent, when it comes back with a problem.
    let form = use_context::<FormState>().unwrap_or_default();
    let sent_here = !form.value("code").unwrap_or_default().is_empty();
    let error = |field: &str| sent_here.then(|| form.error(field)).flatten();
    let (code_error, people_error) = (error("door-code"), error("door-code-people"));
    view! {
        <h2>{td_string!(locale, door_by_code_heading)}</h2>
        <form class="stack door-by-code" method="post" action=format!("{base}/check-in")>
            <CsrfField />
            <div class="field-row">
                <div class="field">
                    <label for="door-code">{td_string!(locale, door_code_label)}</label>
                    <input id="door-code" name="code" autocomplete="off" autocapitalize="characters"
                        spellcheck="false" maxlength="20" required
                        value=sent_here.then(|| form.value("code")).flatten()
                        aria-invalid=code_error.as_ref().map(|_| "true")
                        aria-describedby=code_error.as_ref().map(|_| "door-code-error") />
                    <FieldMessage field="door-code" message=code_error.clone() />
                </div>
                <div class="field">
                    <label for="door-code-people">{td_string!(locale, door_code_people_label)}</label>
                    <input id="door-code-people" name="people" type="number" inputmode="numeric"
                        min="1" max="100"
                        value=sent_here.then(|| form.value("people")).flatten()
                        aria-invalid=people_error.as_ref().map(|_| "true")
                        aria-describedby=if people_error.is_some() { "door-code-people-error door-code-hint" } else { "door-code-hint" } />
                    <FieldMessage field="door-code-people" message=people_error.clone() />
                </div>
            </div>
            <p id="door-code-hint" class="hint">{td_string!(locale, door_by_code_hint)}</p>
            <button type="submit">{td_string!(locale, door_check_in)}</button>
        </form>
        // Scanning with the camera, where the browser can read QR codes
        // (shown by public/door.js; typing the code works everywhere).
        <div id="door-scan" class="stack" hidden
            data-stop=td_string!(locale, door_scan_stop)
            data-looking=td_string!(locale, door_scan_looking)
            data-not-ours=td_string!(locale, door_scan_not_ours)
            data-no-camera=td_string!(locale, door_scan_no_camera)>
            <button type="button" class="secondary" id="door-scan-button">{td_string!(locale, door_scan_start)}</button>
            <video id="door-scan-video" playsinline muted hidden></video>
            <p id="door-scan-status" class="hint" role="status"></p>
        </div>
        // What this phone keeps until it has signal again (filled by
        // public/door.js).
        <div id="door-queue" class="notice" role="status" hidden
            data-waiting=td_string!(locale, door_queue_waiting, count = "%n").to_string()
            data-refused=td_string!(locale, door_queue_refused, codes = "%s").to_string()></div>
        <script type="module" src="/door.js"></script>
    }
}

/// People who came without replying: "+1", or a number.
#[component]
fn WalkIns(base: String, query: String, key: String) -> impl IntoView {
    let locale = use_locale();
    let action = format!("{base}/walk-ins");
    view! {
        <h2>{td_string!(locale, door_walk_ins_heading)}</h2>
        <p class="hint">{td_string!(locale, door_walk_ins_hint)}</p>
        <div class="field-row">
            <form method="post" action=action.clone()>
                <CsrfField />
                // One key per form: a tap sent twice counts once, and "+1"
                // and "+n" never stand for each other.
                <input type="hidden" name="key" value=format!("{key}-one") />
                <input type="hidden" name="q" value=query.clone() />
                <input type="hidden" name="people" value="1" />
                <button type="submit">{td_string!(locale, door_walk_in_one)}</button>
            </form>
            <form class="field-row" method="post" action=action>
                <CsrfField />
                <input type="hidden" name="key" value=format!("{key}-more") />
                <input type="hidden" name="q" value=query />
                <div class="field">
                    <label for="walk-in-people">{td_string!(locale, door_walk_in_people)}</label>
                    <input id="walk-in-people" name="people" type="number" inputmode="numeric"
                        min="1" max="50" value="2" />
                </div>
                <button type="submit" class="secondary">{td_string!(locale, door_walk_in_add)}</button>
            </form>
        </div>
    }
}

/// What came of the date (organisers only).
#[component]
fn Figures(attendance: Attendance) -> impl IntoView {
    let locale = use_locale();
    view! {
        <h2>{td_string!(locale, door_figures_heading)}</h2>
        <dl class="facts figures">
            <dt>{td_string!(locale, door_figure_replied)}</dt><dd>{number(locale, attendance.replied.into())}</dd>
            <dt>{td_string!(locale, door_figure_checked_in)}</dt><dd>{number(locale, attendance.checked_in.into())}</dd>
            <dt>{td_string!(locale, door_figure_walk_ins)}</dt><dd>{number(locale, attendance.walk_ins.into())}</dd>
            <dt>{td_string!(locale, door_figure_no_shows)}</dt><dd>{number(locale, attendance.no_shows.into())}</dd>
        </dl>
    }
}

/// A count in words: about n, or fewer than 5.
fn shown(locale: Locale, count: ShownCount) -> String {
    match count {
        ShownCount::About(n) => number(locale, n as i64),
        ShownCount::FewerThan(n) => td_string!(
            locale,
            overview_fewer_than,
            count = number(locale, n as i64)
        )
        .to_string(),
    }
}

/// How it went, from the follow-up (organisers only), small counts
/// withheld.
#[component]
fn FollowUpAnswers(figures: FollowUpFigures) -> impl IntoView {
    let locale = use_locale();
    let [met_yes, met_no, met_not_sure] = figures.met_someone_new.map(|c| shown(locale, c));
    let [again_yes, again_no] = figures.come_again.map(|c| shown(locale, c));
    view! {
        <h2>{td_string!(locale, door_follow_up_heading)}</h2>
        <h3>{td_string!(locale, follow_up_met_someone_new)}</h3>
        <dl class="facts figures">
            <dt>{td_string!(locale, follow_up_yes)}</dt><dd>{met_yes}</dd>
            <dt>{td_string!(locale, follow_up_no)}</dt><dd>{met_no}</dd>
            <dt>{td_string!(locale, follow_up_not_sure)}</dt><dd>{met_not_sure}</dd>
        </dl>
        <h3>{td_string!(locale, follow_up_comfortable)}</h3>
        <dl class="facts figures">
            {Comfortable::ALL.iter().copied().zip(figures.comfortable_again).map(|(answer, count)| view! {
                <dt>{comfortable_label(locale, answer)}</dt><dd>{shown(locale, count)}</dd>
            }).collect_view()}
        </dl>
        <h3>{td_string!(locale, follow_up_come_again)}</h3>
        <dl class="facts figures">
            <dt>{td_string!(locale, follow_up_yes)}</dt><dd>{again_yes}</dd>
            <dt>{td_string!(locale, follow_up_no)}</dt><dd>{again_no}</dd>
        </dl>
    }
}

/// How long those who answered have lived around here (organisers only),
/// small counts withheld.
#[component]
fn TimeAroundAnswers(figures: TimeAroundFigures) -> impl IntoView {
    let locale = use_locale();
    let shown = move |count: ShownCount| shown(locale, count);
    view! {
        <h2>{td_string!(locale, time_around_question)}</h2>
        <dl class="facts figures">
            <dt>{td_string!(locale, time_around_under_2_years)}</dt><dd>{shown(figures.under_two_years)}</dd>
            <dt>{td_string!(locale, time_around_2_years_or_more)}</dt><dd>{shown(figures.two_years_or_more)}</dd>
            <dt>{td_string!(locale, time_around_rather_not_say)}</dt><dd>{shown(figures.rather_not_say)}</dd>
        </dl>
        <p class="hint">{td_string!(locale, time_around_figures_hint)}</p>
    }
}
