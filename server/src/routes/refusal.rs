//! The one answer a form handler gives when it does not do what was asked,
//! so a handler reads as a few lines with `?`: not found, sign in first,
//! not yours (a page in the reader's language), our failure (logged, 503),
//! or a page already rendered (the form again with its problems).

use app::backend::access::AccessError;
use app::i18n::{Locale, td_string};
use axum::{
    http::{StatusCode, request::Parts},
    response::{Html, IntoResponse, Redirect, Response},
};
use leptos_i18n::Locale as _;

pub enum Refusal {
    NotFound,
    /// To the sign-in page, then back to `back` (a path on this site).
    SignInFirst {
        back: String,
    },
    Forbidden(Locale),
    /// Something failed on our side; the cause is already logged.
    Unavailable,
    /// A page that says what is wrong, already rendered.
    Page(Response),
}

impl Refusal {
    /// Sign in first, then come back to the page the form was on.
    pub fn sign_in_first(parts: &Parts) -> Self {
        let back = parts
            .headers
            .get(axum::http::header::REFERER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<axum::http::Uri>().ok())
            .and_then(|uri| uri.path_and_query().map(|p| p.to_string()))
            .unwrap_or_else(|| "/hosts".into());
        Self::SignInFirst { back }
    }

    /// A permission answer from the backend, for the request in `parts`.
    pub fn from_access(error: AccessError, parts: &Parts, locale: Locale) -> Self {
        match error {
            AccessError::NotFound => Self::NotFound,
            AccessError::SignInFirst => Self::sign_in_first(parts),
            AccessError::Forbidden => Self::Forbidden(locale),
            AccessError::Database(error) => error.into(),
        }
    }
}

impl From<sea_orm::DbErr> for Refusal {
    fn from(error: sea_orm::DbErr) -> Self {
        tracing::error!(%error, "database error");
        Self::Unavailable
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND.into_response(),
            Self::SignInFirst { back } => {
                let next: String = form_urlencoded::byte_serialize(back.as_bytes()).collect();
                Redirect::to(&format!("/sign-in?next={next}")).into_response()
            }
            Self::Forbidden(locale) => forbidden_page(locale),
            Self::Unavailable => StatusCode::SERVICE_UNAVAILABLE.into_response(),
            Self::Page(response) => response,
        }
    }
}

/// "You cannot do this", in the reader's language, with a way back.
fn forbidden_page(locale: Locale) -> Response {
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"><main class=\"stack\"><h1>{title}</h1><p>{body}</p><p><a href=\"/hosts\">{back}</a></p></main>",
        lang = locale.as_str(),
        dir = locale.direction().as_str(),
        title = td_string!(locale, forbidden_title),
        body = td_string!(locale, forbidden_body),
        back = td_string!(locale, nav_my_hosts),
    );
    (StatusCode::FORBIDDEN, Html(page)).into_response()
}
