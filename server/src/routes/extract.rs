//! What form handlers take from a request, read once here: the reader's
//! language, the signed-in person, and a posted form.

use super::refusal::Refusal;
use app::backend::auth::Viewer;
use app::domain::text::without_control_characters;
use app::i18n::Locale;
use axum::{
    body::to_bytes,
    extract::{FromRequest, FromRequestParts, Request},
    http::request::Parts,
};
use std::convert::Infallible;

/// The language the reader reads (their saved choice, else their browser's).
pub struct ReaderLanguage(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for ReaderLanguage {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(app::l10n::choice::from_headers(&parts.headers)))
    }
}

/// The signed-in person (attached by the request-context middleware), or
/// nobody.
pub struct MaybeSignedIn(pub Option<Viewer>);

impl<S: Send + Sync> FromRequestParts<S> for MaybeSignedIn {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Self(super::guard::signed_in(parts)))
    }
}

/// The signed-in person; nobody is sent to sign in first.
pub struct SignedIn(pub Viewer);

impl<S: Send + Sync> FromRequestParts<S> for SignedIn {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        super::guard::signed_in(parts)
            .map(Self)
            .ok_or_else(|| Refusal::sign_in_first(parts))
    }
}

/// A url-encoded form post: the request's head (to render its page again)
/// and its fields, without control characters such as NUL (see
/// [`without_control_characters`]). The body was already size-checked by
/// the request-context middleware.
pub struct FormPost {
    pub parts: Parts,
    pub fields: Vec<(String, String)>,
}

impl<S: Send + Sync> FromRequest<S> for FormPost {
    type Rejection = Infallible;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        let (parts, body) = request.into_parts();
        let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
        let fields = form_urlencoded::parse(&bytes)
            .map(|(name, value)| (name.into_owned(), without_control_characters(&value)))
            .collect();
        Ok(Self { parts, fields })
    }
}

impl FormPost {
    /// The first value of `name`, trimmed.
    pub fn field(&self, name: &str) -> &str {
        super::form_page::field(&self.fields, name)
    }
}
