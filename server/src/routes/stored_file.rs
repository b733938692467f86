//! Answers with a file kept in the database (a host's logo, a gathering's
//! picture): named by the digest of its content, so a browser that has it
//! is told "not modified", and served so that no browser runs it as
//! anything but an image.

use axum::{
    body::Body,
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

/// How long a file may be kept, and by whom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Caching {
    /// The address names this very file (`?v=<digest>`): kept for good.
    Immutable,
    /// An address without the digest: kept briefly, it may change.
    Brief,
    /// Only for the person asking: no shared cache keeps it.
    Private,
}

impl Caching {
    fn header(self) -> &'static str {
        match self {
            // Browsers keep it for good; shared caches ask again after ten
            // minutes, so a picture moderators take down leaves them soon.
            Self::Immutable => "public, max-age=31536000, s-maxage=600, immutable",
            Self::Brief => "public, max-age=300",
            Self::Private => "private, no-store",
        }
    }
}

/// The file `bytes` of `content_type`, whose content `digest` names.
pub fn respond(
    request: &HeaderMap,
    bytes: Vec<u8>,
    content_type: &str,
    digest: &str,
    caching: Caching,
) -> Response {
    let etag = format!("\"{digest}\"");
    let unchanged = request
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes());
    let mut response = if unchanged {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        Response::new(Body::from(bytes))
    };
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CONTENT_TYPE, content_type),
        (header::CACHE_CONTROL, caching.header()),
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
