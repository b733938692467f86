//! Which language a request is served in: the saved choice (the `lang`
//! cookie), else the browser's `Accept-Language`, else English. The same
//! answer for pages, form handlers and the JSON API.

use super::language::parse;
use crate::domain::cookie_header::cookie_value;
use crate::i18n::Locale;
use axum::http::{HeaderMap, header};

/// The cookie that remembers a resident's choice of language.
pub const COOKIE: &str = "lang";

pub fn from_headers(headers: &HeaderMap) -> Locale {
    saved_choice(headers)
        .or_else(|| browser_preference(headers))
        .unwrap_or_default()
}

fn saved_choice(headers: &HeaderMap) -> Option<Locale> {
    let values = headers.get_all(header::COOKIE).iter();
    cookie_value(values.filter_map(|value| value.to_str().ok()), COOKIE).and_then(parse)
}

/// The best supported language in `Accept-Language`, honouring `q` weights
/// and matching regional tags (`fa-IR`) to their language (`fa`).
fn browser_preference(headers: &HeaderMap) -> Option<Locale> {
    let header = headers.get(header::ACCEPT_LANGUAGE)?.to_str().ok()?;
    let mut wanted: Vec<(f32, usize, &str)> = header
        .split(',')
        .enumerate()
        .filter_map(|(position, entry)| {
            let mut parts = entry.split(';');
            let tag = parts.next()?.trim();
            let weight = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            (!tag.is_empty() && weight > 0.0).then_some((weight, position, tag))
        })
        .collect();
    wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted.into_iter().find_map(|(_, _, tag)| {
        let language = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        parse(&language)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(name.clone(), HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn english_when_nothing_is_known() {
        assert_eq!(from_headers(&HeaderMap::new()), Locale::en);
    }

    #[test]
    fn the_browser_preference_is_used_by_weight_and_by_language() {
        let h = headers(&[(header::ACCEPT_LANGUAGE, "nl-NL, fa-IR;q=0.9, en;q=0.8")]);
        assert_eq!(from_headers(&h), Locale::fa);
        let h = headers(&[(header::ACCEPT_LANGUAGE, "en;q=0.2,uk;q=0.7")]);
        assert_eq!(from_headers(&h), Locale::uk);
        let h = headers(&[(header::ACCEPT_LANGUAGE, "zz, *;q=0.1")]);
        assert_eq!(from_headers(&h), Locale::en);
    }

    #[test]
    fn a_saved_choice_wins_over_the_browser() {
        let h = headers(&[
            (header::ACCEPT_LANGUAGE, "de"),
            (header::COOKIE, "theme=dark; lang=ar"),
        ]);
        assert_eq!(from_headers(&h), Locale::ar);
    }

    #[test]
    fn an_unknown_saved_choice_is_ignored() {
        let h = headers(&[(header::ACCEPT_LANGUAGE, "tr"), (header::COOKIE, "lang=xx")]);
        assert_eq!(from_headers(&h), Locale::tr);
    }
}
