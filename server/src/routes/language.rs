//! `GET /language?lang=fa&next=/path`: remembers the resident's choice of
//! language in a cookie and returns them to the page they were on. A plain
//! link or form, so it works without JavaScript.

use super::HttpState;
use app::backend::cookies::Cookie;
use app::l10n::{choice::COOKIE as LANGUAGE_COOKIE, language};
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// One year: a language choice rarely changes.
const MAX_AGE_SECONDS: i64 = 365 * 24 * 60 * 60;

#[derive(Deserialize)]
pub struct Choice {
    lang: String,
    next: Option<String>,
}

pub async fn choose(State(state): State<HttpState>, Query(choice): Query<Choice>) -> Response {
    let next = super::local_path(choice.next.as_deref());
    let mut response = Redirect::to(next).into_response();
    // An unknown language changes nothing: back to the page as it was.
    if let Some(locale) = language::parse(&choice.lang) {
        // No script reads it, so it is as locked down as every other cookie.
        Cookie {
            name: LANGUAGE_COOKIE,
            value: language::code(locale),
            max_age_seconds: Some(MAX_AGE_SECONDS),
            http_only: true,
            secure: state.app.https(),
        }
        .set_on(response.headers_mut());
    }
    response
}

#[cfg(test)]
mod tests {
    use super::super::local_path as safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/?near=1,2")), "/?near=1,2");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
