//! What an organiser's API token may do for its person's hosts: read how
//! many people replied to each upcoming date (counts, never who), and
//! create, update and cancel gatherings — through the same form reader,
//! permission checks, rate limits and commands as the organisers' forms.

use super::auth::Token;
use super::problem::FieldProblem;
use super::{LanguageParam, Problem, asked_language, gathering_of, json, schema::Gathering};
use crate::routes::extract::ReaderLanguage;
use crate::routes::hosting::read_gathering_form;
use app::backend::AppState;
use app::backend::auth::Viewer;
use app::backend::gatherings::{create, form, manage, view, view::managed_event};
use app::backend::hosts::permissions::{HostAction, host_allowing};
use app::backend::hosts::reply_counts;
use app::backend::rate_limit::{self, Limit, limits};
use app::domain::api_scope::ApiScope;
use app::i18n::Locale;
use app::l10n::language;
use app::ui::components::problem_message;
use axum::{
    body::Bytes,
    extract::{Path, RawQuery, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use utoipa::ToSchema;

/// The refusals every organiser route may answer, as the document lists
/// them.
#[derive(utoipa::IntoResponses)]
#[allow(dead_code)]
enum TokenRefusals {
    /// No valid token.
    #[response(status = 401, content_type = "application/problem+json")]
    Unauthorized(Problem),
    /// Not the token's person's host or gathering, or not the token's scope.
    #[response(status = 403, content_type = "application/problem+json")]
    Forbidden(Problem),
    /// No such host or gathering.
    #[response(status = 404, content_type = "application/problem+json")]
    NotFound(Problem),
    /// Too many calls or changes this hour.
    #[response(status = 429, content_type = "application/problem+json")]
    TooMany(Problem),
}

/// How many people replied to one upcoming date.
#[derive(Serialize, ToSchema)]
pub struct DateReplies {
    pub gathering_id: String,
    pub title: String,
    pub date_id: i64,
    pub starts_at: DateTime<Utc>,
    /// People with a seat (a party counts each of its people).
    pub going: i32,
    /// People waiting for a seat to free up.
    pub waitlisted: i32,
    /// Seats left, when the gathering has a limit.
    pub spots_left: Option<i32>,
}

/// The reply counts of a host's upcoming dates, soonest first.
#[derive(Serialize, ToSchema)]
pub struct HostReplies {
    pub host: String,
    pub dates: Vec<DateReplies>,
}

/// One field of the gathering form: a text, several for a field that
/// repeats (`category`, `language`), or a checkbox (`true`, `false`).
#[derive(Deserialize, ToSchema)]
#[serde(untagged)]
pub enum FieldValue {
    One(String),
    Many(Vec<String>),
    Checkbox(bool),
}

/// The gathering form's fields, as the organisers' form sends them, for
/// example `title_en`, `description_en`, `category` (repeatable: `food`,
/// `music`, `art`, `sport`, `other`), `place_name`, `location` (a town, or
/// `latitude, longitude`), `address`, `guests_only_address` (`1`),
/// `start_date` (`YYYY-MM-DD`), `start_time` and `end_time` (`HH:MM`, local
/// time at the place), `repeat` (`none`, `weekly`…), `ends`, `count`,
/// `capacity`, `language` (repeatable, ISO 639-1), and the checkboxes
/// `guests_only_address`, `requires_approval`, `is_free`, `family_friendly`
/// (`true` or `false`). A new gathering takes the form's defaults for what
/// is not sent; a change (`PUT`) keeps the stored value of every field not
/// sent. A wrong or missing field is answered 400 with every problem in
/// `errors`.
#[derive(Deserialize, ToSchema)]
#[schema(as = GatheringFields)]
pub struct GatheringFields(pub BTreeMap<String, FieldValue>);

#[utoipa::path(
    get,
    path = "/api/v1/hosts/{slug}/replies",
    tag = "organisers",
    security(("token" = ["replies:read"])),
    params(("slug" = String, Path, description = "One of the token's person's hosts"), LanguageParam),
    responses(
        (status = 200, description = "Reply counts of the host's upcoming dates", body = HostReplies),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        TokenRefusals,
    )
)]
pub async fn replies(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    token: Token,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    token.needs(ApiScope::ReadReplies)?;
    let viewer = &token.0.viewer;
    let locale = asked_language(query, reader);
    let action = HostAction::ManageGatherings;
    let (host, _) = host_allowing(&state.db, Some(viewer), &slug, action).await?;
    let counts =
        reply_counts::upcoming(&state.db, host.id, language::code(locale), Utc::now()).await?;
    let dates = counts
        .into_iter()
        .map(|date| DateReplies {
            gathering_id: date.gathering_id,
            title: date.title,
            date_id: date.date_id.0,
            starts_at: date.starts_at,
            going: date.going,
            waitlisted: date.waitlisted,
            spots_left: date.spots_left,
        })
        .collect();
    let answer = HostReplies {
        host: host.slug,
        dates,
    };
    Ok(for_one_caller(json(&headers, &answer)))
}

#[utoipa::path(
    post,
    path = "/api/v1/hosts/{slug}/gatherings",
    tag = "organisers",
    security(("token" = ["gatherings:write"])),
    params(("slug" = String, Path, description = "One of the token's person's hosts"), LanguageParam),
    request_body(content = GatheringFields, content_type = "application/json"),
    responses(
        (status = 201, description = "Published; `Location` is its address in the API", body = Gathering),
        (status = 400, description = "A field is wrong (each in `errors`); nothing was created", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn create_gathering(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    token: Token,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, Problem> {
    token.needs(ApiScope::WriteGatherings)?;
    let viewer = &token.0.viewer;
    let locale = asked_language(query, reader);
    let action = HostAction::ManageGatherings;
    let (host, _) = host_allowing(&state.db, Some(viewer), &slug, action).await?;
    let fields = fields_of(&body)?;
    counted(&state, "gatherings", viewer, limits::GATHERINGS_PER_PERSON).await?;
    let now = Utc::now();
    let input = read(&fields, locale, now, true).await?;
    let public_id = create::create(&state.db, host.id, &input, now).await?;
    changed(&state);
    let mut response = gathering_answer(&state, &public_id, locale).await?;
    *response.status_mut() = StatusCode::CREATED;
    if let Ok(location) = HeaderValue::from_str(&format!("/api/v1/gatherings/{public_id}")) {
        response.headers_mut().insert(header::LOCATION, location);
    }
    Ok(response)
}

#[utoipa::path(
    put,
    path = "/api/v1/gatherings/{id}",
    tag = "organisers",
    security(("token" = ["gatherings:write"])),
    params(("id" = String, Path, description = "A gathering of one of the token's person's hosts"), LanguageParam),
    request_body(content = GatheringFields, content_type = "application/json"),
    responses(
        (status = 200, description = "Changed, as the edit form changes it (the whole gathering); guests are told of moved dates", body = Gathering),
        (status = 400, description = "A field is wrong (each in `errors`); nothing was changed", body = Problem, content_type = "application/problem+json"),
        TokenRefusals,
    )
)]
pub async fn update_gathering(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    token: Token,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Result<Response, Problem> {
    token.needs(ApiScope::WriteGatherings)?;
    let viewer = &token.0.viewer;
    let locale = asked_language(query, reader);
    let event = managed_event(&state.db, Some(viewer), &id).await?;
    let sent = fields_of(&body)?;
    // What is not sent keeps its stored value: leaving a checkbox out must
    // not, say, publish a street kept for guests.
    let mut fields: Vec<(String, String)> = view::form_values(&state.db, &event)
        .await?
        .into_iter()
        .filter(|(name, _)| !sent.iter().any(|(sent_name, _)| sent_name == name))
        .collect();
    fields.extend(sent);
    counted(&state, "writes", viewer, limits::WRITES_PER_PERSON).await?;
    let now = Utc::now();
    let input = read(&fields, locale, now, false).await?;
    manage::update_series(&state.db, &state.public_url, &event, &input, now).await?;
    changed(&state);
    gathering_answer(&state, &event.public_id, locale).await
}

#[utoipa::path(
    post,
    path = "/api/v1/gatherings/{id}/cancel",
    tag = "organisers",
    security(("token" = ["gatherings:write"])),
    params(("id" = String, Path, description = "A gathering of one of the token's person's hosts"), LanguageParam),
    responses(
        (status = 200, description = "Cancelled, every date; its guests are told", body = Gathering),
        TokenRefusals,
    )
)]
pub async fn cancel_gathering(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    token: Token,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, Problem> {
    token.needs(ApiScope::WriteGatherings)?;
    let viewer = &token.0.viewer;
    let locale = asked_language(query, reader);
    let event = managed_event(&state.db, Some(viewer), &id).await?;
    counted(&state, "writes", viewer, limits::WRITES_PER_PERSON).await?;
    manage::cancel_series(&state.db, &state.public_url, event.id, Utc::now()).await?;
    changed(&state);
    gathering_answer(&state, &event.public_id, locale).await
}

/// After a change: this process's next search catches up with the
/// database first (the request-context middleware, which does this for the
/// forms, does not see the API), and emails the change wrote go out.
fn changed(state: &AppState) {
    state.search_index.mark_stale();
    state.outbox.ring();
}

/// The body as the form's fields, in order.
fn fields_of(body: &[u8]) -> Result<Vec<(String, String)>, Problem> {
    let GatheringFields(fields) = serde_json::from_slice(body).map_err(|_| {
        Problem::invalid(
            "The body must be a JSON object whose values are texts or lists of texts.".into(),
        )
    })?;
    Ok(fields
        .into_iter()
        .flat_map(|(name, value)| match value {
            FieldValue::One(text) => vec![(name, text)],
            FieldValue::Many(texts) => texts.into_iter().map(|text| (name.clone(), text)).collect(),
            // The form's checkboxes: ticked is a value, unticked is none.
            FieldValue::Checkbox(true) => vec![(name, "1".to_string())],
            FieldValue::Checkbox(false) => vec![(name, String::new())],
        })
        .collect())
}

/// Counts one write of the token's person; refuses past the limit. Counted
/// apart from the person's writes on the site, so that a busy program does
/// not stop its person from editing in the browser.
async fn counted(
    state: &AppState,
    what: &str,
    viewer: &Viewer,
    limit: Limit,
) -> Result<(), Problem> {
    let key = format!("api-{what}:{}", viewer.user_id);
    if rate_limit::allow(&state.db, &key, limit).await? {
        Ok(())
    } else {
        Err(Problem::too_many(
            "Too many changes this hour; try again later.".into(),
        ))
    }
}

/// The form read as the organisers' form is; its problems by field. When
/// the form reader is busy (one runs at a time), 503: try again.
async fn read(
    fields: &[(String, String)],
    locale: Locale,
    now: DateTime<Utc>,
    new: bool,
) -> Result<form::GatheringInput, Problem> {
    let problems = match read_gathering_form(fields, locale, now, new).await {
        Ok(Ok(input)) => return Ok(input),
        Ok(Err(problems)) => problems,
        Err(_busy) => return Err(Problem::unavailable()),
    };
    Err(Problem::invalid_fields(
        problems
            .iter()
            .map(|problem| FieldProblem {
                field: problem.field(),
                message: problem_message(locale, problem).into(),
            })
            .collect(),
    ))
}

/// An answer for one token's caller: never kept by a shared cache.
fn for_one_caller(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

/// The gathering as `GET /api/v1/gatherings/{id}` shows it, for the
/// token's caller only.
async fn gathering_answer(
    state: &AppState,
    public_id: &str,
    locale: Locale,
) -> Result<Response, Problem> {
    let gathering = gathering_of(state, public_id, locale).await?;
    let body = serde_json::to_string(&gathering).map_err(|_| Problem::unavailable())?;
    Ok(for_one_caller(
        ([(header::CONTENT_TYPE, "application/json")], body).into_response(),
    ))
}
