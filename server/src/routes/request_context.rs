//! Runs before every page and form: attaches the signed-in person (from the
//! session cookie) and the browser's anti-forgery token to the request, and
//! refuses state-changing requests whose token does not match
//! (`app::backend::csrf` explains the scheme).

use super::{HttpState, multipart};
use app::backend::{
    auth::session,
    cookies::{self, Cookie},
    csrf::{self, CsrfToken},
    secret::{self, Secret},
};
use app::i18n::td_string;
use app::l10n::{choice, language};
use axum::{
    body::{Body, to_bytes},
    extract::{Request, State},
    http::{Method, StatusCode, header},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};

/// The largest form body accepted: a description in several languages fits
/// many times over.
const MAX_FORM_BYTES: usize = 1024 * 1024;
/// The largest upload accepted (a logo, an office's area). Larger than
/// any such file we keep, so that the form can say what is wrong with a
/// file that is too big.
const MAX_UPLOAD_BYTES: usize = 4 * 1024 * 1024;
/// The largest picture upload accepted, on its one address: room for
/// `domain::picture::MAX_BYTES`, for the same reason.
const MAX_PICTURE_UPLOAD_BYTES: usize = app::domain::picture::MAX_BYTES + 2 * 1024 * 1024;

pub async fn attach(State(state): State<HttpState>, request: Request, next: Next) -> Response {
    // Reading a static file needs nothing; posting to any path is checked,
    // except to the public API, which reads no cookie at all: its writes
    // are authorised by a token in a header, which no other site's form
    // can send (`routes::api_v1::auth`).
    let path = request.uri().path();
    if path.starts_with("/api/v1/") || (is_static(path) && !is_state_changing(request.method())) {
        return next.run(request).await;
    }
    let app = &state.app;
    let secure = app.https();
    let csrf_cookie = cookies::secret_name(csrf::COOKIE, secure);
    let known = cookies::read(request.headers(), &csrf_cookie)
        .filter(|token| token.len() == 43)
        .map(str::to_owned);
    let fresh = known.is_none();
    let token = known.unwrap_or_else(|| Secret::generate().token);

    let mut request = if is_state_changing(request.method()) {
        match checked(request, &token, fresh).await {
            Ok(request) => request,
            Err(response) => return response,
        }
    } else {
        request
    };

    let session_cookie = cookies::secret_name(session::COOKIE, secure);
    if let Some(session_token) = cookies::read(request.headers(), &session_cookie) {
        match session::viewer(&app.db, session_token).await {
            Ok(Some(viewer)) => {
                request.extensions_mut().insert(viewer);
            }
            Ok(None) => {}
            Err(error) => tracing::error!(%error, "cannot read the session"),
        }
    }
    request.extensions_mut().insert(CsrfToken(token.clone()));

    let changing = is_state_changing(request.method());
    let mut response = next.run(request).await;
    if changing {
        // It may have changed a gathering: this process's next search
        // catches up with the database first (others do within a second).
        app.search_index.mark_stale();
    }
    // A handler that renewed the token (a change of privilege) has the last word.
    if fresh && !sets_cookie(&response, &csrf_cookie) {
        Cookie {
            name: &csrf_cookie,
            value: &token,
            max_age_seconds: None,
            http_only: true,
            secure,
        }
        .set_on(response.headers_mut());
    }
    response
}

/// Gives the browser a new anti-forgery token. Called at every change of
/// privilege (signing in, signing out), so a token that a script or a
/// shared phone's previous user saw before is worthless after.
pub fn renew_csrf_token(secure: bool, response: &mut Response) {
    Cookie {
        name: &cookies::secret_name(csrf::COOKIE, secure),
        value: &Secret::generate().token,
        max_age_seconds: None,
        http_only: true,
        secure,
    }
    .set_on(response.headers_mut());
}

fn sets_cookie(response: &Response, name: &str) -> bool {
    let prefix = format!("{name}=");
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|value| value.as_bytes().starts_with(prefix.as_bytes()))
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Files that never depend on who asks: no session lookup for them, and
/// no anti-forgery cookie set on them (a shared cache keeps them for
/// everyone). Host logos and gatherings' pictures are such files (a
/// picture that is not public reads the session itself), and so is the widget, which other
/// sites embed and which must set no cookie (`routes::widget`), and a
/// person's calendar address, which only calendar apps read.
fn is_static(path: &str) -> bool {
    ["/pkg/", "/vendor/", "/icons/", "/widget/", "/my/calendar/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
        || (path.starts_with("/hosts/") && path.ends_with("/logo"))
        || is_picture(path)
        || [
            ".css",
            ".js",
            ".png",
            ".svg",
            ".ico",
            ".webmanifest",
            ".wasm",
        ]
        .iter()
        .any(|ext| path.ends_with(ext))
}

/// `/events/<id>/picture/<width>`, exactly.
fn is_picture(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(segments.as_slice(), ["events", id, "picture", width] if !id.is_empty() && !width.is_empty())
}

/// Where a file of a picture's size may be posted; elsewhere multipart
/// bodies stop at [`MAX_UPLOAD_BYTES`].
fn takes_pictures(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    matches!(segments.as_slice(), ["events", id, "picture"] if !id.is_empty())
}

/// Reads the body (forms are small), compares its token with the cookie's,
/// and puts the body back for the handler. A multipart body is parsed here
/// once, and handed to the handler as a [`multipart::MultipartForm`]
/// request extension.
async fn checked(request: Request, token: &str, fresh: bool) -> Result<Request, Response> {
    let locale = choice::from_headers(request.headers());
    let (mut parts, body) = request.into_parts();
    let boundary = multipart::boundary(&parts.headers);
    let limit = match &boundary {
        Some(_) if takes_pictures(parts.uri.path()) => MAX_PICTURE_UPLOAD_BYTES,
        Some(_) => MAX_UPLOAD_BYTES,
        None => MAX_FORM_BYTES,
    };
    let Ok(bytes) = to_bytes(body, limit).await else {
        return Err(StatusCode::PAYLOAD_TOO_LARGE.into_response());
    };
    let from_header = parts
        .headers
        .get(csrf::HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let upload = match &boundary {
        Some(boundary) => multipart::parse(bytes.clone(), boundary).await,
        None => None,
    };
    let sent = match (from_header, &upload) {
        (Some(sent), _) => Some(sent),
        (None, Some(form)) => form.field(csrf::FIELD).map(str::to_owned),
        (None, None) => is_form
            .then(|| {
                form_urlencoded::parse(&bytes)
                    .find(|(name, _)| name == csrf::FIELD)
                    .map(|(_, value)| value.into_owned())
            })
            .flatten(),
    };
    // A browser without the cookie cannot have loaded our form.
    let genuine = !fresh && sent.is_some_and(|sent| secret::equal(&sent, token));
    if !genuine {
        tracing::info!(path = %super::request_log::loggable_path(parts.uri.path()), "refused a request without a valid anti-forgery token");
        let page = format!(
            "<!DOCTYPE html><html lang=\"{lang}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"><main class=\"stack\"><h1>{title}</h1><p>{body}</p><p><a href=\"/\">Common Ground</a></p></main>",
            lang = language::code(locale),
            title = td_string!(locale, forged_request_title),
            body = td_string!(locale, forged_request_body),
        );
        return Err((StatusCode::FORBIDDEN, Html(page)).into_response());
    }
    if let Some(form) = upload {
        parts.extensions.insert(form);
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}
