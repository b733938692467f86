//! Who calls the API's organiser routes: an `Authorization: Bearer` token
//! made on the account page (`app::backend::auth::api_token`). The token
//! acts as its person — the permission checks are the forms' own — and
//! only within its scopes; each token's calls are rate-limited.

use super::Problem;
use app::backend::{AppState, access::AccessError, auth::api_token, rate_limit};
use app::domain::api_scope::ApiScope;
use axum::{
    extract::{FromRef, FromRequestParts},
    http::{header, request::Parts},
};
use chrono::Utc;

use api_token::Caller;

/// Calls one token may make per hour (reads and writes together), on top
/// of its person's own limits on writes.
const CALLS_PER_HOUR: rate_limit::Limit = rate_limit::Limit {
    max: 1_000,
    window_seconds: 60 * 60,
};

/// The caller of a request with a valid token.
pub struct Token(pub Caller);

impl<S: Send + Sync> FromRequestParts<S> for Token
where
    AppState: FromRef<S>,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Problem> {
        let state = AppState::from_ref(state);
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(bearer_token)
            .ok_or_else(Problem::unauthorized)?;
        let caller = api_token::authenticate(&state.db, token, Utc::now())
            .await?
            .ok_or_else(Problem::unauthorized)?;
        // Counted per token and per person, so that ten tokens do not make
        // ten times the calls.
        let keys = [
            format!("api-token:{}", caller.token_id),
            format!("api-person:{}", caller.viewer.user_id),
        ];
        for key in keys {
            if !rate_limit::allow(&state.db, &key, CALLS_PER_HOUR).await? {
                return Err(Problem::too_many(
                    "Too many calls this hour; try again later.".into(),
                ));
            }
        }
        Ok(Self(caller))
    }
}

/// The token of an `Authorization` header's value, `Bearer <token>` (the
/// scheme's name in any case, as HTTP allows).
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl Token {
    /// Refuses unless the token has `scope`.
    pub fn needs(&self, scope: ApiScope) -> Result<(), Problem> {
        if self.0.scopes.contains(&scope) {
            Ok(())
        } else {
            Err(Problem::forbidden())
        }
    }
}

impl From<AccessError> for Problem {
    fn from(error: AccessError) -> Self {
        match error {
            AccessError::NotFound => Problem::not_found(),
            AccessError::SignInFirst => Problem::unauthorized(),
            AccessError::Forbidden => Problem::forbidden(),
            AccessError::Database(error) => error.into(),
        }
    }
}
