//! Organisers' API tokens on the account page
//! (`app::backend::auth::api_token`): `POST /account/api-tokens` makes one
//! and shows it once, on a page of its own that no cache keeps;
//! `POST /account/api-tokens/{id}/revoke` revokes one of the person's own.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::{at_path, field, form_again, rate_limited},
    refusal::Refusal,
};
use app::backend::{
    auth::api_token::{self, TokenProblem},
    rate_limit::limits,
};
use app::domain::api_scope::ApiScope;
use app::domain::text::escape_html as escape;
use app::i18n::{Locale, td_string};
use axum::{
    extract::{Path, State},
    http::{HeaderValue, header},
    response::{Html, IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos_i18n::Locale as _;

type Answer = Result<Response, Refusal>;

pub async fn create(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
    form: FormPost,
) -> Answer {
    let FormPost { parts, fields } = form;
    let page = at_path(parts, "/account");
    let key = [(
        format!("writes:{}", viewer.user_id),
        limits::WRITES_PER_PERSON,
    )];
    rate_limited(&state, &page, &key, &fields, "token_name", locale).await?;
    let scopes: Vec<ApiScope> = fields
        .iter()
        .filter(|(name, _)| name == "scope")
        .filter_map(|(_, value)| ApiScope::parse(value))
        .collect();
    let name = field(&fields, "token_name").to_string();
    let made = api_token::create(&state.app.db, viewer.user_id, &name, &scopes, Utc::now()).await?;
    match made {
        Ok(new) => Ok(shown_once(locale, &name, &new.token)),
        Err(problem) => {
            let message = problem_message(locale, &problem);
            Err(Refusal::Page(
                form_again(&state, page, fields, "token_name", message).await,
            ))
        }
    }
}

pub async fn revoke(
    State(state): State<HttpState>,
    SignedIn(viewer): SignedIn,
    Path(id): Path<i64>,
) -> Answer {
    api_token::revoke(&state.app.db, viewer.user_id, id).await?;
    Ok(Redirect::to("/account#api-tokens").into_response())
}

fn problem_message(locale: Locale, problem: &TokenProblem) -> &'static str {
    match problem {
        TokenProblem::NameMissing => td_string!(locale, api_token_name_missing),
        TokenProblem::NameTooLong => td_string!(locale, api_token_name_too_long),
        TokenProblem::NoScope => td_string!(locale, api_token_no_scope),
        TokenProblem::TooMany => td_string!(locale, api_token_too_many),
    }
}

/// The new token, the only time it is shown. Never stored by any cache.
fn shown_once(locale: Locale, name: &str, token: &str) -> Response {
    let title = td_string!(locale, api_token_shown_title);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>{title}</title>\
         <link rel=\"stylesheet\" href=\"/style.css\"></head><body><main class=\"stack narrow\">\
         <h1>{title}</h1><p><strong>{name}</strong></p>\
         <label for=\"token\">{label}</label>\
         <input id=\"token\" readonly dir=\"ltr\" value=\"{token}\">\
         <p>{once}</p><p><a href=\"/account#api-tokens\">{back}</a></p></main></body></html>",
        lang = locale.as_str(),
        dir = locale.direction().as_str(),
        title = escape(title),
        name = escape(name),
        label = escape(td_string!(locale, api_token_label)),
        token = escape(token),
        once = escape(td_string!(locale, api_token_shown_once)),
        back = escape(td_string!(locale, api_token_back)),
    );
    let mut response = Html(page).into_response();
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
