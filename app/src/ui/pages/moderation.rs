//! The moderators' pages: the queue of cases (`/moderation?state=…`) and
//! one case (`/moderation/cases/{id}`) with its reports, notes and the
//! actions on what was reported. Plain forms; only moderators get here.

use crate::api::moderation::{load_moderation_case, load_moderation_queue};
use crate::domain::moderation::{CaseState, Moderation};
use crate::i18n::{Locale, td_string};
use crate::l10n::format::weekday_date_time;
use crate::l10n::labels::{case_state_label, moderation_label, report_reason_label};
use crate::ui::components::refusal;
use crate::ui::forms::use_form_state;
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::moderation::{CaseSummary, CaseView, HostSubject, SubjectView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

/// `YYYY-MM-DDTHH:MM:SS` in UTC, for the shared date format.
fn when(locale: Locale, at: chrono::DateTime<chrono::Utc>) -> String {
    let local = at
        .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
        .to_string();
    format!("{} UTC", weekday_date_time(locale, &local))
}

#[component]
pub fn ModerationQueue() -> impl IntoView {
    let locale = use_locale();
    let state = use_query_map()
        .with_untracked(|q| q.get("state"))
        .unwrap_or_default();
    let queue = Resource::new(|| (), move |_| load_moderation_queue(state.clone()));
    view! {
        <Title text=td_string!(locale, moderation_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match queue.await {
                    Err(error) => refusal(error),
                    Ok(queue) => view! {
                        <section class="stack">
                            <h1>{td_string!(locale, moderation_title)}</h1>
                            {queue.is_administrator.then(|| view! {
                                <p><a href="/admin">{td_string!(locale, admin_title)}</a></p>
                            })}
                            {(!queue.waiting.is_empty()).then(|| view! {
                                <h2>{td_string!(locale, moderation_waiting_heading)}</h2>
                                <ul class="date-list">
                                    {queue.waiting.clone().into_iter().map(|waiting| view! {
                                        <li>
                                            <span>
                                                <a href=format!("/events/{}", waiting.public_id)>{waiting.title}</a>
                                                " · " <a href=format!("/hosts/{}", waiting.host_slug)>{waiting.host_name}</a>
                                                " · " {when(locale, waiting.created_at)}
                                            </span>
                                            <span class="actions">
                                                <form method="post" action=format!("/moderation/gatherings/{}/approve", waiting.public_id)>
                                                    <CsrfField />
                                                    <button type="submit">{td_string!(locale, moderation_approve)}</button>
                                                </form>
                                                <form method="post" action=format!("/moderation/hosts/{}/approve", waiting.host_slug)>
                                                    <CsrfField />
                                                    <button type="submit" class="secondary">{td_string!(locale, moderation_approve_host)}</button>
                                                </form>
                                            </span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                            <nav aria-label=td_string!(locale, moderation_states)>
                                <ul class="tabs">
                                    {queue.counts.iter().map(|(state, count)| {
                                        let current = *state == queue.state;
                                        view! {
                                            <li>
                                                <a href=format!("/moderation?state={}", state.as_str())
                                                    aria-current=current.then_some("page")>
                                                    {case_state_label(locale, *state)} " (" {*count} ")"
                                                </a>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            </nav>
                            {if queue.cases.is_empty() {
                                view! { <p>{td_string!(locale, moderation_none)}</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="date-list">
                                        {queue.cases.into_iter().map(|case| view! { <CaseLine case /> }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                        </section>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseLine(case: CaseSummary) -> impl IntoView {
    let locale = use_locale();
    let reasons = case
        .reasons
        .iter()
        .map(|r| report_reason_label(locale, *r))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <li>
            <span>
                <a href=format!("/moderation/cases/{}", case.id)>{subject_name(locale, &case.subject)}</a>
                " · " {td_string!(locale, moderation_reports, count = crate::l10n::format::number(locale, case.reports as i64))}
                " · " {reasons}
                " · " {when(locale, case.updated_at)}
            </span>
        </li>
    }
}

fn subject_name(locale: Locale, subject: &SubjectView) -> String {
    match subject {
        SubjectView::Gathering { title, .. } => td_string!(
            locale,
            moderation_subject_gathering,
            title = crate::l10n::bidi::isolated(locale, title)
        )
        .to_string(),
        SubjectView::Host(host) => td_string!(
            locale,
            moderation_subject_host,
            name = crate::l10n::bidi::isolated(locale, &host.name)
        )
        .to_string(),
    }
}

#[component]
pub fn ModerationCase() -> impl IntoView {
    let locale = use_locale();
    let id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<i64>().ok())
        .unwrap_or_default();
    let case = Resource::new(|| (), move |_| load_moderation_case(id));
    view! {
        <Title text=td_string!(locale, moderation_case_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match case.await {
                    Err(error) => refusal(error),
                    Ok(case) => view! { <CaseDetails case /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CaseDetails(case: CaseView) -> impl IntoView {
    let locale = use_locale();
    let summary = case.summary;
    let id = summary.id;
    let base = format!("/moderation/cases/{id}");
    let state_line = match &summary.assignee {
        Some(who) => format!("{} · {who}", case_state_label(locale, summary.state)),
        None => case_state_label(locale, summary.state).to_string(),
    };
    let closed = summary.state == CaseState::Closed;
    view! {
        <section class="stack">
            <p><a href="/moderation">{td_string!(locale, moderation_back)}</a></p>
            <h1>{subject_name(locale, &summary.subject)}</h1>
            <p>{state_line}</p>
            <div class="actions">
                {(summary.state == CaseState::Open).then(|| view! {
                    <form method="post" action=format!("{base}/take")>
                        <CsrfField />
                        <button type="submit">{td_string!(locale, moderation_take)}</button>
                    </form>
                })}
                {if closed {
                    view! {
                        <form method="post" action=format!("{base}/reopen")>
                            <CsrfField />
                            <button type="submit" class="secondary">{td_string!(locale, moderation_reopen)}</button>
                        </form>
                    }.into_any()
                } else {
                    view! {
                        <form method="post" action=format!("{base}/close")>
                            <CsrfField />
                            <input type="hidden" name="seen" value=summary.updated_at.to_rfc3339() />
                            <button type="submit" class="secondary">{td_string!(locale, moderation_close)}</button>
                        </form>
                    }.into_any()
                }}
            </div>
        </section>
        <SubjectActions case_id=id subject=summary.subject.clone() />
        <section class="stack" aria-labelledby="reports-heading">
            <h2 id="reports-heading">{td_string!(locale, moderation_reports_heading)}</h2>
            <ul class="stack">
                {case.reports.into_iter().map(|report| view! {
                    <li>
                        <strong>{report_reason_label(locale, report.reason)}</strong>
                        " · " {when(locale, report.at)}
                        {(!report.details.is_empty()).then(|| view! { <p class="quoted">{report.details}</p> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
        <section class="stack" aria-labelledby="notes-heading">
            <h2 id="notes-heading">{td_string!(locale, moderation_notes_heading)}</h2>
            <ul class="stack">
                {case.notes.into_iter().map(|note| view! {
                    <li>
                        <strong>{note.author.unwrap_or_default()}</strong> " · " {when(locale, note.at)}
                        <p class="quoted">{note.body}</p>
                    </li>
                }).collect_view()}
            </ul>
            <TextForm action=format!("{base}/note") case_id=id name="note"
                label=td_string!(locale, moderation_note_label) button=td_string!(locale, moderation_note_add) />
        </section>
    }
}

/// What a moderator can do to what was reported, each with a reason.
#[component]
fn SubjectActions(case_id: i64, subject: SubjectView) -> impl IntoView {
    let locale = use_locale();
    let gathering = match &subject {
        SubjectView::Gathering {
            public_id,
            moderation,
            ..
        } => {
            let (verb, label) = if *moderation == Moderation::Hidden {
                ("show", td_string!(locale, moderation_show))
            } else {
                ("hide", td_string!(locale, moderation_hide))
            };
            Some(view! {
                <p>
                    <a href=format!("/events/{public_id}")>{format!("/events/{public_id}")}</a>
                    " · " {moderation_label(locale, *moderation)}
                </p>
                <TextForm action=format!("/moderation/gatherings/{public_id}/{verb}") case_id
                    name="reason" label=td_string!(locale, moderation_reason) button=label />
                {(*moderation == Moderation::Hidden).then(|| view! {
                    <p class="hint">{td_string!(locale, moderation_remove_hint)}</p>
                    <TextForm action=format!("/moderation/gatherings/{public_id}/remove") case_id
                        name="reason" label=td_string!(locale, moderation_reason)
                        button=td_string!(locale, moderation_remove) />
                })}
            })
        }
        SubjectView::Host(_) => None,
    };
    let host = subject.host().clone();
    view! {
        <section class="stack" aria-labelledby="subject-heading">
            <h2 id="subject-heading">{td_string!(locale, moderation_what_to_do)}</h2>
            {gathering}
            <HostActions case_id host />
        </section>
    }
}

#[component]
fn HostActions(case_id: i64, host: HostSubject) -> impl IntoView {
    let locale = use_locale();
    let (verb, label) = if host.suspended {
        ("restore", td_string!(locale, moderation_restore_host))
    } else {
        ("suspend", td_string!(locale, moderation_suspend_host))
    };
    view! {
        <h3>{td_string!(locale, moderation_subject_host, name = crate::l10n::bidi::isolated(locale, &host.name).into_owned())}</h3>
        <p><a href=format!("/hosts/{}", host.slug)>{format!("/hosts/{}", host.slug)}</a></p>
        <TextForm action=format!("/moderation/hosts/{}/{verb}", host.slug) case_id
            name="reason" label=td_string!(locale, moderation_reason) button=label />
        <h3>{td_string!(locale, moderation_owners)}</h3>
        <ul class="stack">
            {host.owners.into_iter().map(|owner| {
                let (verb, label) = if owner.suspended {
                    ("restore", td_string!(locale, moderation_restore_account))
                } else {
                    ("suspend", td_string!(locale, moderation_suspend_account))
                };
                view! {
                    <li>
                        <span dir="ltr">{owner.email}</span>
                        <TextForm action=format!("/moderation/accounts/{}/{verb}", owner.id) case_id
                            name="reason" label=td_string!(locale, moderation_reason) button=label />
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// A form with one required text (a reason or a note), shown again with
/// its problem after a refused post.
#[component]
fn TextForm(
    action: String,
    case_id: i64,
    name: &'static str,
    label: &'static str,
    button: &'static str,
) -> impl IntoView {
    let form = use_form_state().unwrap_or_default();
    // Only the form that was sent shows its problem.
    let sent_here = form.value("action_path").as_deref() == Some(action.as_str());
    let error = sent_here.then(|| form.error(name)).flatten();
    let id = format!("{}-{}", name, action.replace('/', "-"));
    let error_id = format!("{id}-error");
    let described = error.as_ref().map(|_| error_id.clone());
    let action_path = action.clone();
    view! {
        <form method="post" action=action class="stack">
            <CsrfField />
            <input type="hidden" name="case" value=case_id.to_string() />
            <input type="hidden" name="action_path" value=action_path />
            <label for=id.clone()>{label}</label>
            <textarea id=id name=name rows="2" required
                maxlength=crate::domain::moderation::MOST_TEXT.to_string()
                aria-describedby=described></textarea>
            {error.map(|message| view! { <p id=error_id class="error" role="alert">{message}</p> })}
            <button type="submit">{button}</button>
        </form>
    }
}
