//! Reading one cookie from a request's `Cookie` headers: plain text
//! parsing, shared by the backend (sessions, devices) and by choosing the
//! reader's language.

/// The value of cookie `name` in the `Cookie` header values `headers`, if
/// any (the first one sent).
pub fn cookie_value<'a>(headers: impl IntoIterator<Item = &'a str>, name: &str) -> Option<&'a str> {
    headers
        .into_iter()
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cookie_is_found_by_its_exact_name_in_any_header() {
        let headers = ["theme=dark; lang=ar", "session=abc"];
        assert_eq!(cookie_value(headers, "lang"), Some("ar"));
        assert_eq!(cookie_value(headers, "session"), Some("abc"));
        assert_eq!(cookie_value(headers, "ang"), None);
        assert_eq!(cookie_value(["broken; =x"], "x"), None);
    }
}
