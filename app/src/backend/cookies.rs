//! Reading request cookies and writing `Set-Cookie` values, in one place so
//! every cookie gets the same safe attributes.

use crate::domain::cookie_header::cookie_value;
use axum::http::{HeaderMap, HeaderValue, header};

/// The value of cookie `name` in the request, if any.
pub fn read<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    let values = headers.get_all(header::COOKIE).iter();
    cookie_value(values.filter_map(|value| value.to_str().ok()), name)
}

/// A cookie for this site only: `Path=/`, `SameSite=Lax`, and `Secure`
/// when the site is served over HTTPS.
pub struct Cookie<'a> {
    pub name: &'a str,
    pub value: &'a str,
    /// `None` for a cookie that ends with the browser session.
    pub max_age_seconds: Option<i64>,
    /// Hidden from page scripts (no script of ours reads a cookie).
    pub http_only: bool,
    pub secure: bool,
}

impl Cookie<'_> {
    pub fn header_value(&self) -> Option<HeaderValue> {
        let mut cookie = format!("{}={}; Path=/; SameSite=Lax", self.name, self.value);
        if let Some(seconds) = self.max_age_seconds {
            cookie.push_str(&format!("; Max-Age={seconds}"));
        }
        if self.http_only {
            cookie.push_str("; HttpOnly");
        }
        if self.secure {
            cookie.push_str("; Secure");
        }
        HeaderValue::from_str(&cookie).ok()
    }

    /// Adds this cookie to a response's headers.
    pub fn set_on(&self, headers: &mut HeaderMap) {
        if let Some(value) = self.header_value() {
            headers.append(header::SET_COOKIE, value);
        }
    }
}

/// Names a secret cookie: `__Host-` prefixed over HTTPS, where browsers
/// then refuse it unless it is `Secure`, for this host only, on `/`.
pub fn secret_name(base: &'static str, secure: bool) -> String {
    if secure {
        format!("__Host-{base}")
    } else {
        base.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookies_are_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(header::COOKIE, HeaderValue::from_static("a=1; lang=ar"));
        headers.append(header::COOKIE, HeaderValue::from_static("cg_session=xyz"));
        assert_eq!(read(&headers, "lang"), Some("ar"));
        assert_eq!(read(&headers, "cg_session"), Some("xyz"));
        assert_eq!(read(&headers, "missing"), None);
    }

    #[test]
    fn secret_cookies_are_locked_down() {
        let cookie = Cookie {
            name: "__Host-cg_session",
            value: "v",
            max_age_seconds: Some(60),
            http_only: true,
            secure: true,
        };
        assert_eq!(
            cookie.header_value().unwrap(),
            "__Host-cg_session=v; Path=/; SameSite=Lax; Max-Age=60; HttpOnly; Secure"
        );
    }
}
