//! The public JSON API, version 1 (`/api/v1/…`): everything public —
//! search (the page's parameters and results), a gathering with its dates,
//! a host, towns, an office's area as GeoJSON — for other apps and sites.
//!
//! - Reads need no account; CORS is open to every origin (no cookies are
//!   read or sent: `Access-Control-Allow-Origin: *` without credentials).
//! - Organisers' tools write with a token made on the account page
//!   (`Authorization: Bearer`, `auth`), scoped, rate-limited, and checked
//!   by the forms' own permission rules (`organisers`).
//! - Answers carry an ETag and answer 304 when unchanged.
//! - Refusals are `application/problem+json` ([`Problem`]).
//! - The OpenAPI 3.1 document is generated from these handlers and types
//!   (`utoipa`), at `/api/v1/openapi.json`, and read as a page at
//!   `/api/v1/docs`. `tests/integration/api_v1.rs` fails when a route here
//!   is missing from it, and CI runs schemathesis against a live server.

mod auth;
mod docs;
mod gatherings;
mod offices;
mod organisers;
mod problem;
mod schema;
mod search;

pub use problem::Problem;

use super::HttpState;
use super::feeds::etagged;
use app::backend::AppState;
use app::domain::moderation::Moderation;
use app::i18n::Locale;
use axum::extract::DefaultBodyLimit;
use axum::{
    Router,
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, StatusCode, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::{MethodRouter, get, post},
};
use chrono::Utc;
use serde::Serialize;

/// The largest request body: the forms' own limit.
const BODY_LIMIT: usize = 1024 * 1024;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Common Ground public API",
        version = "1.0.0",
        description = "Gatherings that bring neighbours together: everything public, as JSON. No account, no key, no tracking.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        search::search,
        search::places,
        gatherings::gathering,
        gatherings::host,
        offices::area,
        organisers::replies,
        organisers::create_gathering,
        organisers::update_gathering,
        organisers::cancel_gathering,
    ),
    modifiers(&BearerToken),
    tags(
        (name = "gatherings", description = "Finding gatherings and reading one"),
        (name = "hosts", description = "The groups that hold gatherings"),
        (name = "places", description = "Towns, to search around"),
        (name = "offices", description = "City offices that sponsor gatherings in their area"),
        (name = "organisers", description = "For an organiser's own tools, with a token made on the account page"),
    )
)]
pub struct ApiDoc;

/// The organisers' routes take a token made on the account page.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "token",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An organiser's API token (`cgt_…`), made and revoked on the account page, with the scopes `replies:read` and/or `gatherings:write`.",
                    ))
                    .build(),
            ),
        );
    }
}

/// Every route the OpenAPI document describes: its path under `/api/v1`
/// and its handler. The router is built from this list, and a test checks
/// the document against it, so no route goes undocumented.
fn documented_routes() -> Vec<(&'static str, MethodRouter<HttpState>)> {
    vec![
        ("/search", get(search::search)),
        ("/places", get(search::places)),
        (
            "/gatherings/{id}",
            get(gatherings::gathering).put(organisers::update_gathering),
        ),
        (
            "/gatherings/{id}/cancel",
            post(organisers::cancel_gathering),
        ),
        ("/hosts/{slug}", get(gatherings::host)),
        ("/hosts/{slug}/replies", get(organisers::replies)),
        (
            "/hosts/{slug}/gatherings",
            post(organisers::create_gathering),
        ),
        ("/offices/{slug}/area", get(offices::area)),
    ]
}

/// The full paths of [`documented_routes`], as the document names them.
pub fn documented_paths() -> Vec<String> {
    documented_routes()
        .into_iter()
        .map(|(path, _)| format!("/api/v1{path}"))
        .collect()
}

/// The routes under `/api/v1`, to nest there: the documented ones, the
/// document itself and its page.
pub fn router() -> Router<HttpState> {
    documented_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
        .route("/openapi.json", get(openapi_json))
        .route("/docs", get(docs::page))
        .fallback(|| async { Problem::not_found() })
        // A gathering's fields are a few kilobytes.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(open_to_every_origin))
}

/// The OpenAPI document, as served.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_json(headers: HeaderMap) -> Response {
    let document = openapi().to_json().unwrap_or_default();
    etagged_as(&headers, document, "application/json")
}

/// `value` as JSON with an ETag (304 when unchanged).
fn json<T: Serialize>(headers: &HeaderMap, value: &T) -> Response {
    match serde_json::to_string(value) {
        Ok(body) => etagged_as(headers, body, "application/json"),
        Err(_) => Problem::unavailable().into_response(),
    }
}

fn etagged_as(headers: &HeaderMap, body: String, content_type: &'static str) -> Response {
    etagged(headers, body, content_type, None)
}

/// The language asked for with `lang`, else the reader's.
fn reader_language(pairs: &[(String, String)], reader: Locale) -> Locale {
    pairs
        .iter()
        .find(|(key, _)| key == "lang")
        .and_then(|(_, value)| app::l10n::language::parse(value))
        .unwrap_or(reader)
}

/// [`reader_language`] of a whole query string.
fn asked_language(query: Option<String>, reader: Locale) -> Locale {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .into_owned()
        .collect();
    reader_language(&pairs, reader)
}

/// The `lang` parameter, as the document describes it.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LanguageParam {
    /// The language to answer in (`en`, `de`, `fr`, `es`, `tr`, `uk`, `ar`,
    /// `fa`); texts in it where the organisers wrote one. Default: the
    /// `Accept-Language` header.
    lang: Option<String>,
}

/// The public gathering `public_id` in `locale`, as the API shows it.
async fn gathering_of(
    state: &AppState,
    public_id: &str,
    locale: Locale,
) -> Result<schema::Gathering, Problem> {
    let language = app::l10n::language::code(locale);
    let now = Utc::now();
    let Some(details) =
        app::backend::gatherings::page::load(&state.db, public_id, language, now).await?
    else {
        // Hidden by moderators (not merely waiting for them): gone.
        let held_back =
            app::backend::gatherings::page::load_any(&state.db, public_id, language, now)
                .await?
                .map(|details| details.moderation);
        return Err(match held_back {
            Some(Moderation::Hidden | Moderation::HostSuspended) => Problem::gone(),
            _ => Problem::not_found(),
        });
    };
    Ok(schema::Gathering::of(details, &state.public_url))
}

/// CORS: any site's scripts may read the API, never with cookies. Writes
/// with a token are for an organiser's own server, not for a web page
/// (where anyone could copy the token): a preflight allows reads only.
async fn open_to_every_origin(request: Request, next: Next) -> Response {
    let mut response = if request.method() == Method::OPTIONS {
        let mut preflight = StatusCode::NO_CONTENT.into_response();
        let headers = preflight.headers_mut();
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_METHODS,
            HeaderValue::from_static("GET, HEAD, OPTIONS"),
        );
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_HEADERS,
            HeaderValue::from_static("Accept, Accept-Language, If-None-Match"),
        );
        headers.insert(
            header::ACCESS_CONTROL_MAX_AGE,
            HeaderValue::from_static("86400"),
        );
        preflight
    } else {
        next.run(request).await
    };
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::ACCESS_CONTROL_EXPOSE_HEADERS,
        HeaderValue::from_static("ETag"),
    );
    response
}
