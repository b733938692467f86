//! `GET /language?lang=fa&next=/path`: remembers the resident's choice of
//! language in a cookie and returns them to the page they were on. A plain
//! link or form, so it works without JavaScript.

use app::ui::locale;
use axum::{
    extract::Query,
    http::{HeaderValue, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

/// One year: a language choice rarely changes.
const MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

#[derive(Deserialize)]
pub struct Choice {
    lang: String,
    next: Option<String>,
}

pub async fn choose(Query(choice): Query<Choice>) -> Response {
    let next = safe_next(choice.next.as_deref());
    let mut response = Redirect::to(next).into_response();
    // An unknown language changes nothing: back to the page as it was.
    if let Some(locale) = locale::parse(&choice.lang) {
        let cookie = format!(
            "{}={}; Path=/; Max-Age={MAX_AGE_SECONDS}; SameSite=Lax",
            locale::COOKIE,
            locale::code(locale)
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
    }
    response
}

/// Only paths on this site, so the link cannot send people elsewhere.
fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/?near=1,2")), "/?near=1,2");
        assert_eq!(safe_next(Some("//evil.example")), "/");
        assert_eq!(safe_next(Some("https://evil.example")), "/");
        assert_eq!(safe_next(Some("/\\evil.example")), "/");
        assert_eq!(safe_next(None), "/");
    }
}
