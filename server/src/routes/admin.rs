//! Administrators' writes (`app::backend::moderation::admin`): roles,
//! who may publish, and city offices — created, their members added and
//! removed, their areas imported from a GeoJSON file with the command
//! line's checks. Each answers by going back to the page it came from, or
//! with that page again saying what to change.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, field, form_again},
    guard,
    multipart::MultipartForm,
    refusal::Refusal,
};
use app::backend::moderation::admin;
use app::domain::ids::UserId;
use app::domain::moderation::{PublishPolicy, SiteRole};
use app::i18n::td_string;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    http::request::Parts,
    response::{IntoResponse, Redirect, Response},
};

type Answer = Result<Response, Refusal>;

pub async fn grant_role(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let role = SiteRole::parse(field(&fields, "role")).unwrap_or(SiteRole::Moderator);
    let email = field(&fields, "email").to_string();
    match admin::grant_role(&state.app.db, &administrator, &email, role).await? {
        Ok(()) => Ok(Redirect::to("/admin").into_response()),
        Err(problem) => {
            Err(again(&state, parts, "/admin", fields, "email", &problem, locale).await)
        }
    }
}

pub async fn withdraw_role(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(user_id): Path<UserId>,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    match admin::withdraw_role(&state.app.db, &administrator, user_id).await? {
        Ok(()) => Ok(Redirect::to("/admin").into_response()),
        Err(problem) => {
            Err(again(&state, parts, "/admin", fields, "email", &problem, locale).await)
        }
    }
}

pub async fn settings(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    // Only the listed policies; anything else changes nothing.
    if let Some(policy) = PublishPolicy::parse(field(&form.fields, "publish_policy")) {
        admin::set_publish_policy(&state.app.db, &administrator, policy).await?;
    }
    Ok(Redirect::to("/admin").into_response())
}

pub async fn create_office(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let slug = field(&fields, "slug").to_string();
    let name = field(&fields, "name").to_string();
    match admin::create_office(&state.app.db, &administrator, &slug, &name).await? {
        Ok(()) => Ok(Redirect::to(&format!("/admin/offices/{slug}")).into_response()),
        Err(problem) => {
            let field = match problem {
                app::domain::refusals::OfficeProblem::BadName => "name",
                _ => "slug",
            };
            Err(again(&state, parts, "/admin", fields, field, &problem, locale).await)
        }
    }
}

pub async fn add_member(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    let FormPost { parts, fields } = form;
    let email = field(&fields, "email").to_string();
    let back = format!("/admin/offices/{slug}");
    match admin::add_office_member(&state.app.db, &administrator, &slug, &email).await? {
        None => Err(Refusal::NotFound),
        Some(true) => Ok(Redirect::to(&back).into_response()),
        Some(false) => {
            let page = at_path(parts, &back);
            let message = td_string!(locale, role_problem_bad_email);
            Err(Refusal::Page(
                form_again(&state, page, fields, "email", message).await,
            ))
        }
    }
}

pub async fn remove_member(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((slug, user_id)): Path<(String, UserId)>,
    form: FormPost,
) -> Answer {
    let administrator = guard::administrator(&state, &form.parts, locale).await?;
    if !admin::remove_office_member(&state.app.db, &administrator, &slug, user_id).await? {
        return Err(Refusal::NotFound);
    }
    Ok(Redirect::to(&format!("/admin/offices/{slug}")).into_response())
}

/// `POST /admin/offices/{slug}/area`: a GeoJSON file, uploaded.
pub async fn import_area(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    mut parts: Parts,
) -> Answer {
    let administrator = guard::administrator(&state, &parts, locale).await?;
    // Parsed by the request-context middleware; none when the body was not
    // a well-formed multipart form.
    let form = parts
        .extensions
        .remove::<MultipartForm>()
        .unwrap_or_default();
    let back = format!("/admin/offices/{slug}");
    // A file that is not text cannot be GeoJSON: the parser says so.
    let text = String::from_utf8_lossy(form.file("area")).into_owned();
    match admin::import_office_area(&state.app.db, &administrator, &slug, &text).await? {
        None => Err(Refusal::NotFound),
        Some(Ok(_)) => Ok(Redirect::to(&back).into_response()),
        Some(Err(problem)) => {
            Err(again(&state, parts, &back, Vec::new(), "area", &problem, locale).await)
        }
    }
}

/// The administration page at `path` again, with `problem` by `field`.
async fn again(
    state: &HttpState,
    parts: Parts,
    path: &str,
    fields: Vec<(String, String)>,
    field: &str,
    problem: &impl Explain,
    locale: app::i18n::Locale,
) -> Refusal {
    let page = at_path(parts, path);
    let message = problem.explain(locale);
    Refusal::Page(form_again(state, page, fields, field, &message).await)
}
