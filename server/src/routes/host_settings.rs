//! An owner edits their host's page (`/hosts/<slug>/edit`): its name,
//! description and links, and its logo, which anyone can then fetch from
//! `/hosts/<slug>/logo`.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, form_again, render_again},
    guard::host_allowing,
    hosting::host_details,
    multipart::MultipartForm,
    refusal::Refusal,
    stored_file::{Caching, respond},
};
use app::backend::hosts::{self, logo, permissions::HostAction};
use app::l10n::refusals::Explain;
use app::ui::forms::FormState;
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// `POST /hosts/<slug>/edit`
pub async fn update_host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (host, _) = host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await?;
    let details = match host_details(&fields, locale) {
        Ok(details) => details,
        Err(errors) => {
            let again = FormState::invalid(fields, errors);
            return Err(Refusal::Page(render_again(&state, parts, again).await));
        }
    };
    hosts::update(&state.app.db, host.id, details).await?;
    Ok(Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response())
}

/// `POST /hosts/<slug>/privacy`: how soon the host's guests are forgotten.
pub async fn update_privacy(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (host, _) = host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await?;
    let db = &state.app.db;
    let most = app::backend::privacy::settings::forget_after_days(db).await?;
    let field = super::form_page::field(&fields, FORGET_DAYS);
    let days = match app::domain::host_page::parse_forget_days(field, most) {
        Ok(days) => days,
        Err(problem) => {
            let page = at_path(parts, &format!("/hosts/{slug}/edit"));
            let message = problem.explain(locale);
            return Err(Refusal::Page(
                form_again(&state, page, fields, FORGET_DAYS, &message).await,
            ));
        }
    };
    hosts::set_forget_after_days(db, host.id, days).await?;
    Ok(Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response())
}

/// The field of the host's "forget guests after" days.
const FORGET_DAYS: &str = "forget_after_days";

/// `POST /hosts/<slug>/logo` (multipart): sets or replaces the logo.
pub async fn upload_logo(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    mut parts: Parts,
) -> Answer {
    let (host, _) = host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await?;
    // Parsed by the request-context middleware; none when the body was not
    // a well-formed multipart form.
    let form = parts
        .extensions
        .remove::<MultipartForm>()
        .unwrap_or_default();
    let image = match logo::check(form.file("logo")) {
        Ok(image) => image,
        Err(problem) => {
            let page = at_path(parts, &format!("/hosts/{slug}/edit"));
            let message = problem.explain(locale);
            return Err(Refusal::Page(
                form_again(&state, page, Vec::new(), "logo", &message).await,
            ));
        }
    };
    logo::save(&state.app.db, host.id, image).await?;
    Ok(Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response())
}

/// `POST /hosts/<slug>/logo/remove`
pub async fn remove_logo(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let action = HostAction::EditPage;
    let (host, _) = host_allowing(&state, &form.parts, &slug, action, locale).await?;
    logo::remove(&state.app.db, host.id).await?;
    Ok(Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response())
}

#[derive(Deserialize)]
pub struct LogoQuery {
    v: Option<String>,
}

/// `GET /hosts/<slug>/logo?v=<digest>`: cached for good when `v` names the
/// current image (its URL changes with the image), briefly otherwise.
pub async fn serve_logo(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    Query(query): Query<LogoQuery>,
    headers: HeaderMap,
) -> Answer {
    let db = &state.app.db;
    let host = hosts::public_by_slug(db, &slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let image = logo::image(db, host.id).await?.ok_or(Refusal::NotFound)?;
    let caching = if query.v.as_deref() == Some(image.digest.as_str()) {
        Caching::Immutable
    } else {
        Caching::Brief
    };
    Ok(respond(
        &headers,
        image.bytes,
        &image.content_type,
        &image.digest,
        caching,
    ))
}
