//! Refusals and failures of `/api/v1` as `application/problem+json`
//! (RFC 9457): a machine-readable `type`, a short `title`, the HTTP
//! `status`, and a `detail` in the reader's language.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// A URI naming the kind of problem, e.g. `/api/v1/problems/not-found`.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// What went wrong, in the reader's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// For a form sent as JSON: each field that is wrong and why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldProblem>,
}

/// One wrong field of a request body.
#[derive(Debug, Serialize, ToSchema)]
pub struct FieldProblem {
    pub field: String,
    pub message: String,
}

impl Problem {
    fn new(status: StatusCode, kind: &str, title: &str, detail: Option<String>) -> Self {
        Self {
            kind: format!("/api/v1/problems/{kind}"),
            title: title.into(),
            status: status.as_u16(),
            detail,
            errors: Vec::new(),
        }
    }

    /// No token, or one that does not exist (any more).
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "A valid API token is needed",
            None,
        )
    }

    /// The token's person, or the token's scopes, do not allow this.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "Not allowed", None)
    }

    pub fn too_many(detail: String) -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-requests",
            "Too many requests",
            Some(detail),
        )
    }

    /// The body's fields are wrong; each says why.
    pub fn invalid_fields(errors: Vec<FieldProblem>) -> Self {
        let mut problem = Self::invalid(
            errors
                .iter()
                .map(|e| e.message.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        problem.errors = errors;
        problem
    }

    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not-found", "Not found", None)
    }

    /// Taken down by the installation's moderators.
    pub fn gone() -> Self {
        Self::new(StatusCode::GONE, "gone", "Removed by moderators", None)
    }

    /// The request's parameters are wrong; `detail` says how.
    pub fn invalid(detail: String) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "invalid-parameters",
            "Invalid parameters",
            Some(detail),
        )
    }

    pub fn unavailable() -> Self {
        Self::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Temporarily unavailable",
            None,
        )
    }
}

impl From<sea_orm::DbErr> for Problem {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "the API could not read the database");
        Self::unavailable()
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::BAD_REQUEST);
        let body = serde_json::to_string(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}
