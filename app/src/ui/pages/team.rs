//! `/hosts/<slug>/team`: who runs a host. Owners invite people by email and
//! remove members; anyone can leave. `/invitations/<token>`: accepting.

use crate::api::hosting::{load_invitation, load_team};
use crate::i18n::{Locale, td_string};
use crate::ui::components::refusal;
use crate::ui::forms::{ErrorSummary, FieldMessage, use_form_state};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

pub fn role_label(locale: Locale, role: &str) -> &'static str {
    match role {
        "owner" => td_string!(locale, role_owner),
        _ => td_string!(locale, role_organiser),
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let team = Resource::new(|| (), move |_| load_team(slug.clone()));
    let form = use_form_state().unwrap_or_default();
    view! {
        <Title text=td_string!(locale, team_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let form = form.clone();
                Suspend::new(async move {
                    match team.await {
                        Err(error) => refusal(error),
                        Ok(team) => {
                            let base = format!("/hosts/{}/team", team.slug);
                            view! {
                                <section class="stack">
                                    <p><a href=format!("/hosts/{}", team.slug)>{team.name.clone()}</a></p>
                                    <h1>{td_string!(locale, team_title)}</h1>
                                    <ErrorSummary errors=form.errors.clone() />
                                    <ul class="date-list">
                                        {team.members.iter().map(|member| {
                                            let removable = member.is_you || team.can_manage_team;
                                            let label = if member.is_you { td_string!(locale, team_leave) } else { td_string!(locale, team_remove) };
                                            view! {
                                                <li>
                                                    <span>{member.shown_name.clone()} " · " {role_label(locale, &member.role)}</span>
                                                    {removable.then(|| view! {
                                                        <form method="post" action=format!("{base}/{}/remove", member.user_id)>
                                                            <CsrfField />
                                                            <button type="submit" class="link-button">{label}</button>
                                                        </form>
                                                    })}
                                                </li>
                                            }
                                        }).collect_view()}
                                        {team.pending.iter().cloned().map(|(email, role)| view! {
                                            <li><span>{email} " · " {role_label(locale, &role)}</span><span class="tag">{td_string!(locale, team_invited)}</span></li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                                {team.can_manage_team.then(|| view! {
                                    <section class="stack narrow">
                                        <h2>{td_string!(locale, team_invite_heading)}</h2>
                                        <form class="stack" method="post" action=format!("{base}/invite") novalidate>
                                            <CsrfField />
                                            <div class="field">
                                                <label for="email">{td_string!(locale, team_invite_email)}</label>
                                                <input id="email" name="email" type="email" required value=form.value("email")
                                                    aria-invalid=form.error("email").map(|_| "true")
                                                    aria-describedby=form.error("email").map(|_| "email-error") />
                                                <FieldMessage field="email" message=form.error("email") />
                                            </div>
                                            <fieldset>
                                                <legend>{td_string!(locale, team_invite_role)}</legend>
                                                <label class="choice"><input type="radio" name="role" value="organiser" checked=true />{td_string!(locale, role_organiser)}</label>
                                                <label class="choice"><input type="radio" name="role" value="owner" />{td_string!(locale, role_owner)}</label>
                                            </fieldset>
                                            <button type="submit">{td_string!(locale, team_invite_send)}</button>
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
pub fn InvitationPage() -> impl IntoView {
    let locale = use_locale();
    let token = use_params_map()
        .with_untracked(|p| p.get("token"))
        .unwrap_or_default();
    let action = format!("/invitations/{token}/accept");
    let invitation = Resource::new(|| (), move |_| load_invitation(token.clone()));
    view! {
        <Title text=td_string!(locale, invitation_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || {
                let action = action.clone();
                Suspend::new(async move {
                    match invitation.await {
                        Err(error) => refusal(error),
                        Ok(invitation) => view! {
                            <section class="stack narrow">
                                <h1>{td_string!(locale, invitation_title)}</h1>
                                <p>{td_string!(locale, invitation_body, host = crate::l10n::bidi::isolated(locale, &invitation.host_name).into_owned(), role = role_label(locale, &invitation.role))}</p>
                                {match invitation.problem.as_deref() {
                                    None => view! {
                                        <form method="post" action=action>
                                            <CsrfField />
                                            <button type="submit">{td_string!(locale, invitation_accept)}</button>
                                        </form>
                                    }.into_any(),
                                    Some(problem) => view! {
                                        <p class="notice" role="alert">{invitation_problem(locale, problem)}</p>
                                    }.into_any(),
                                }}
                            </section>
                        }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

pub fn invitation_problem(locale: Locale, problem: &str) -> &'static str {
    match problem {
        "used" => td_string!(locale, invitation_used),
        "expired" => td_string!(locale, invitation_expired),
        _ => td_string!(locale, invitation_other_address),
    }
}
