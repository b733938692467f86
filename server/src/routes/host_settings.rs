//! An owner edits their host's page (`/hosts/<slug>/edit`): its name,
//! description and links, and its logo, which anyone can then fetch from
//! `/hosts/<slug>/logo`.

use super::{
    HttpState,
    form_page::{at_path, read_form, render_again},
    guard::{host_allowing, unavailable},
    hosting::host_details,
    multipart::MultipartForm,
};
use app::backend::hosts::{
    self,
    logo::{self, LogoProblem},
    permissions::HostAction,
};
use app::domain::logo::MAX_KILOBYTES;
use app::i18n::{Locale, td_string};
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    body::Body,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// `POST /hosts/<slug>/edit`
pub async fn update_host(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let (host, _) = match host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let details = match host_details(&fields, locale) {
        Ok(details) => details,
        Err(errors) => {
            return render_again(&state, parts, FormState::invalid(fields, errors)).await;
        }
    };
    match hosts::update(&state.app.db, host.id, details).await {
        Ok(()) => Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /hosts/<slug>/logo` (multipart): sets or replaces the logo.
pub async fn upload_logo(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (mut parts, _) = request.into_parts();
    let (host, _) = match host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    // Parsed by the request-context middleware; none when the body was not
    // a well-formed multipart form.
    let form = parts
        .extensions
        .remove::<MultipartForm>()
        .unwrap_or_default();
    let image = match logo::check(form.file("logo")) {
        Ok(image) => image,
        Err(problem) => {
            let error = FieldError {
                field: "logo".into(),
                message: logo_problem(locale, problem),
            };
            let parts = at_path(parts, &format!("/hosts/{slug}/edit"));
            return render_again(&state, parts, FormState::invalid(Vec::new(), vec![error])).await;
        }
    };
    match logo::save(&state.app.db, host.id, image).await {
        Ok(()) => Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /hosts/<slug>/logo/remove`
pub async fn remove_logo(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let (host, _) = match host_allowing(&state, &parts, &slug, HostAction::EditPage, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    match logo::remove(&state.app.db, host.id).await {
        Ok(()) => Redirect::to(&format!("/hosts/{slug}/edit?saved=1")).into_response(),
        Err(error) => unavailable(error),
    }
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
    request: Request,
) -> Response {
    let db = &state.app.db;
    let host = match hosts::by_slug(db, &slug).await {
        Ok(Some(host)) => host,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    let image = match logo::image(db, host.id).await {
        Ok(Some(image)) => image,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    let etag = format!("\"{}\"", image.digest);
    let cache = if query.v.as_deref() == Some(image.digest.as_str()) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=300"
    };
    let unchanged = request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(image.bytes))
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, image.content_type.as_str()),
        (header::CACHE_CONTROL, cache),
        (header::ETAG, etag.as_str()),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CONTENT_SECURITY_POLICY, "default-src 'none'"),
    ] {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    }
    response
}

fn logo_problem(locale: Locale, problem: LogoProblem) -> String {
    match problem {
        LogoProblem::Missing => td_string!(locale, host_logo_missing).to_string(),
        LogoProblem::TooLarge => {
            td_string!(locale, host_logo_too_large, kilobytes = MAX_KILOBYTES).to_string()
        }
        LogoProblem::NotAnImage => td_string!(locale, host_logo_not_an_image).to_string(),
        LogoProblem::TooManyPixels => td_string!(locale, host_logo_too_many_pixels).to_string(),
    }
}
