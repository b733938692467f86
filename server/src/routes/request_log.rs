//! What the request log says about a request: its method and path, never
//! its query string (sign-in, confirm and data links carry their secret
//! there) and never a secret in the path (team invitations carry theirs
//! there), at any log level.

use axum::http::Request;
use tracing::Span;

/// The span every request is logged in.
pub fn span<B>(request: &Request<B>) -> Span {
    tracing::debug_span!(
        "request",
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
    )
}

/// The path with every segment that could be a secret token (43 or more
/// URL-safe characters, as `backend::secret` makes them) replaced.
pub fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            // A token may be followed by a file extension, even an encoded
            // one (`/my/calendar/<token>.ics`, `<token>%2Eics`).
            let token_length = segment
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_')
                .count();
            if token_length >= 40 {
                format!("…{}", &segment[token_length..])
            } else {
                segment.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::loggable_path;

    #[test]
    fn secrets_in_paths_are_not_logged() {
        let token = "a".repeat(43);
        assert_eq!(
            loggable_path(&format!("/invitations/{token}/accept")),
            "/invitations/…/accept"
        );
        assert_eq!(
            loggable_path("/events/k3j4h5g6/manage"),
            "/events/k3j4h5g6/manage"
        );
        assert_eq!(
            loggable_path(&format!("/my/calendar/{token}.ics")),
            "/my/calendar/….ics"
        );
        assert_eq!(
            loggable_path(&format!("/my/calendar/{token}%2Eics")),
            "/my/calendar/…%2Eics"
        );
    }
}
