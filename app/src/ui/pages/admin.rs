//! The administration area (`/admin`, `/admin/offices/{slug}`): who
//! moderates and administers, who may publish, the city offices with
//! their members and areas, and the moderation log. Plain forms; only
//! administrators get here.

use crate::api::admin::{load_admin, load_admin_office};
use crate::domain::moderation::{PublishPolicy, SiteRole};
use crate::i18n::{Locale, td_string};
use crate::ui::components::refusal;
use crate::ui::forms::use_form_state;
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::moderation::{AdminView, OfficeAdminView};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

fn role_label(locale: Locale, role: SiteRole) -> &'static str {
    match role {
        SiteRole::Moderator => td_string!(locale, admin_role_moderator),
        SiteRole::Administrator => td_string!(locale, admin_role_administrator),
    }
}

fn policy_label(locale: Locale, policy: PublishPolicy) -> &'static str {
    match policy {
        PublishPolicy::Anyone => td_string!(locale, admin_policy_anyone),
        PublishPolicy::FirstReviewed => td_string!(locale, admin_policy_first_reviewed),
        PublishPolicy::ApprovedHosts => td_string!(locale, admin_policy_approved_hosts),
    }
}

#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = use_locale();
    let admin = Resource::new(|| (), |_| load_admin());
    view! {
        <Title text=td_string!(locale, admin_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match admin.await {
                    Err(error) => refusal(error),
                    Ok(admin) => view! { <AdminSections admin /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// A field's problem after a refused post, and its id for
/// `aria-describedby`.
fn problem(name: &str) -> (Option<String>, Option<String>) {
    let error = use_form_state().unwrap_or_default().error(name);
    let id = error.as_ref().map(|_| format!("{name}-error"));
    (error, id)
}

#[component]
fn AdminSections(admin: AdminView) -> impl IntoView {
    let locale = use_locale();
    let (email_error, email_error_id) = problem("email");
    let (slug_error, slug_error_id) = problem("slug");
    let (name_error, name_error_id) = problem("name");
    view! {
        <section class="stack">
            <h1>{td_string!(locale, admin_title)}</h1>
            <p><a href="/moderation">{td_string!(locale, moderation_title)}</a></p>
        </section>
        <section class="stack" aria-labelledby="roles-heading">
            <h2 id="roles-heading">{td_string!(locale, admin_roles)}</h2>
            <ul class="date-list">
                {admin.people.into_iter().map(|person| view! {
                    <li>
                        <span><span dir="ltr">{person.email}</span> " · " {role_label(locale, person.role)}</span>
                        <form method="post" action=format!("/admin/roles/{}/withdraw", person.user_id)>
                            <CsrfField />
                            <button type="submit" class="link-button">{td_string!(locale, admin_withdraw)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action="/admin/roles" class="stack narrow">
                <CsrfField />
                <label for="role-email">{td_string!(locale, admin_role_email)}</label>
                <input id="role-email" name="email" type="email" required autocomplete="off" dir="ltr"
                    aria-describedby=email_error_id.clone() />
                {email_error.map(|message| view! { <p id=email_error_id class="error" role="alert">{message}</p> })}
                <label for="role-role">{td_string!(locale, admin_role)}</label>
                <select id="role-role" name="role">
                    {SiteRole::ALL.iter().map(|role| view! {
                        <option value=role.as_str()>{role_label(locale, *role)}</option>
                    }).collect_view()}
                </select>
                <button type="submit">{td_string!(locale, admin_grant)}</button>
            </form>
        </section>
        <section class="stack" aria-labelledby="policy-heading">
            <h2 id="policy-heading">{td_string!(locale, admin_policy)}</h2>
            <form method="post" action="/admin/settings" class="stack narrow">
                <CsrfField />
                <fieldset>
                    <legend>{td_string!(locale, admin_policy)}</legend>
                    {PublishPolicy::ALL.iter().map(|policy| {
                        let id = format!("policy-{}", policy.as_str());
                        view! {
                            <div class="choice">
                                <input type="radio" id=id.clone() name="publish_policy" value=policy.as_str()
                                    checked=*policy == admin.publish_policy />
                                <label for=id>{policy_label(locale, *policy)}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <button type="submit">{td_string!(locale, admin_save)}</button>
            </form>
        </section>
        <section class="stack" aria-labelledby="offices-heading">
            <h2 id="offices-heading">{td_string!(locale, admin_offices)}</h2>
            <ul class="date-list">
                {admin.offices.into_iter().map(|office| view! {
                    <li>
                        <span>
                            <a href=format!("/admin/offices/{}", office.slug)>{office.name}</a>
                            " · " {td_string!(locale, admin_office_members, count = crate::l10n::format::number(locale, office.members as i64))}
                            " · " {if office.has_area { td_string!(locale, admin_office_has_area) } else { td_string!(locale, admin_office_no_area) }}
                        </span>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action="/admin/offices" class="stack narrow">
                <CsrfField />
                <label for="office-name">{td_string!(locale, admin_office_name)}</label>
                <input id="office-name" name="name" required maxlength="120" aria-describedby=name_error_id.clone() />
                {name_error.map(|message| view! { <p id=name_error_id class="error" role="alert">{message}</p> })}
                <label for="office-slug">{td_string!(locale, admin_office_slug)}</label>
                <input id="office-slug" name="slug" required maxlength="80" dir="ltr" pattern="[a-z0-9-]{2,80}"
                    aria-describedby=slug_error_id.clone() />
                {slug_error.map(|message| view! { <p id=slug_error_id class="error" role="alert">{message}</p> })}
                <button type="submit">{td_string!(locale, admin_office_create)}</button>
            </form>
        </section>
        <section class="stack" aria-labelledby="log-heading">
            <h2 id="log-heading">{td_string!(locale, admin_log)}</h2>
            <table class="log">
                <thead><tr>
                    <th scope="col">{td_string!(locale, admin_log_when)}</th>
                    <th scope="col">{td_string!(locale, admin_log_who)}</th>
                    <th scope="col">{td_string!(locale, admin_log_what)}</th>
                    <th scope="col">{td_string!(locale, admin_log_why)}</th>
                </tr></thead>
                <tbody>
                    {admin.log.into_iter().map(|entry| view! {
                        <tr>
                            <td dir="ltr">{entry.at.format("%Y-%m-%d %H:%M UTC").to_string()}</td>
                            <td dir="ltr">{entry.actor}</td>
                            <td>{entry.action} " · " {entry.subject}</td>
                            <td>{entry.reason}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
}

#[component]
pub fn AdminOfficePage() -> impl IntoView {
    let locale = use_locale();
    let slug = use_params_map()
        .with_untracked(|p| p.get("slug"))
        .unwrap_or_default();
    let office = Resource::new(|| (), move |_| load_admin_office(slug.clone()));
    view! {
        <Title text=td_string!(locale, admin_title) />
        <Meta name="robots" content="noindex" />
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match office.await {
                    Err(error) => refusal(error),
                    Ok(office) => view! { <OfficeSections office /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn OfficeSections(office: OfficeAdminView) -> impl IntoView {
    let locale = use_locale();
    let base = format!("/admin/offices/{}", office.slug);
    let (email_error, email_error_id) = problem("email");
    let (area_error, area_error_id) = problem("area");
    let area_hint = match office.area {
        Some((polygons, at)) => td_string!(
            locale,
            admin_area_stored,
            count = polygons,
            polygons = crate::l10n::format::number(locale, i64::from(polygons)),
            date = at.format("%Y-%m-%d").to_string()
        )
        .to_string(),
        None => td_string!(locale, admin_office_no_area).to_string(),
    };
    view! {
        <section class="stack">
            <p><a href="/admin">{td_string!(locale, admin_title)}</a></p>
            <h1>{office.name.clone()}</h1>
            <p><a href=format!("/offices/{}", office.slug)>{format!("/offices/{}", office.slug)}</a></p>
        </section>
        <section class="stack" aria-labelledby="members-heading">
            <h2 id="members-heading">{td_string!(locale, admin_members)}</h2>
            <ul class="date-list">
                {office.members.into_iter().map(|member| view! {
                    <li>
                        <span dir="ltr">{member.email}</span>
                        <form method="post" action=format!("{base}/members/{}/remove", member.id)>
                            <CsrfField />
                            <button type="submit" class="link-button">{td_string!(locale, admin_member_remove)}</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=format!("{base}/members") class="stack narrow">
                <CsrfField />
                <label for="member-email">{td_string!(locale, admin_role_email)}</label>
                <input id="member-email" name="email" type="email" required dir="ltr" autocomplete="off"
                    aria-describedby=email_error_id.clone() />
                {email_error.map(|message| view! { <p id=email_error_id class="error" role="alert">{message}</p> })}
                <button type="submit">{td_string!(locale, admin_member_add)}</button>
            </form>
        </section>
        <section class="stack" aria-labelledby="area-heading">
            <h2 id="area-heading">{td_string!(locale, admin_area)}</h2>
            <p>{area_hint}</p>
            <form method="post" action=format!("{base}/area") enctype="multipart/form-data" class="stack narrow">
                <CsrfField />
                <label for="area">{td_string!(locale, admin_area_file)}</label>
                <input id="area" name="area" type="file" accept=".geojson,.json,application/geo+json,application/json" required
                    aria-describedby=if area_error.is_some() { "area-hint area-error" } else { "area-hint" } />
                <p id="area-hint" class="hint">{td_string!(locale, admin_area_hint)}</p>
                {area_error.map(|message| view! { <p id=area_error_id class="error" role="alert">{message}</p> })}
                <button type="submit">{td_string!(locale, admin_area_import)}</button>
            </form>
        </section>
    }
}
