//! The one error type every server function returns. Internal causes are
//! logged on the server and never sent to the browser.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, thiserror::Error)]
pub enum ApiError {
    /// The request cannot be acted on; the message says why, for the user.
    #[error("{0}")]
    Invalid(String),
    /// A search the server cannot run, with every problem found in it.
    #[error("the search has invalid values")]
    InvalidSearch(Vec<crate::domain::search::SearchError>),
    #[error("not found")]
    NotFound,
    /// Taken down by moderators: the page says so (410).
    #[error("removed")]
    Gone,
    /// Only for signed-in people: the page sends them to sign in.
    #[error("please sign in first")]
    SignInRequired,
    /// Signed in, but this is not theirs to see or change.
    #[error("you cannot do this")]
    Forbidden,
    /// Something failed on our side; details are in the server log.
    #[error("something went wrong on our side; please try again")]
    Unavailable,
    #[error("could not reach the server: {0}")]
    Transport(String),
}

impl FromServerFnError for ApiError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The call's arguments could not be read: the caller's mistake.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::Deserialization(_) => Self::Invalid(value.to_string()),
            _ => Self::Transport(value.to_string()),
        }
    }
}

#[cfg(feature = "ssr")]
impl ApiError {
    /// The HTTP status this error is answered with: refusals are 4xx, only
    /// our own failures 5xx.
    pub fn status(&self) -> axum::http::StatusCode {
        use axum::http::StatusCode;
        match self {
            Self::Invalid(_) | Self::InvalidSearch(_) => StatusCode::BAD_REQUEST,
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::Gone => StatusCode::GONE,
            Self::SignInRequired => StatusCode::UNAUTHORIZED,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::Unavailable | Self::Transport(_) => StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for ApiError {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        Self::Unavailable
    }
}

#[cfg(feature = "ssr")]
impl From<crate::backend::access::AccessError> for ApiError {
    fn from(error: crate::backend::access::AccessError) -> Self {
        use crate::backend::access::AccessError;
        match error {
            AccessError::NotFound => Self::NotFound,
            AccessError::SignInFirst => Self::SignInRequired,
            AccessError::Forbidden => Self::Forbidden,
            AccessError::Database(error) => error.into(),
        }
    }
}
