//! Sign-in by emailed link, and sign-out. The pages are Leptos
//! (`app::ui::pages::sign_in`); these handlers do what the forms ask.

use super::{
    HttpState,
    extract::{FormPost, MaybeSignedIn, ReaderLanguage},
    form_page::{client_address, form_again, rate_limited},
    local_path,
    refusal::Refusal,
    request_context::renew_csrf_token,
};
use app::backend::{
    auth::{
        session,
        sign_in::{self, LinkProblem},
    },
    cookies::{self, Cookie},
    rate_limit::limits,
    secret::{self, Secret},
};
use app::domain::email_address::EmailAddress;
use app::i18n::td_string;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// `POST /sign-in`: emails a link, then says the same thing whatever the
/// address.
pub async fn request_link(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let next = local_path(Some(form.field("next"))).to_string();
    let email = match EmailAddress::parse(form.field("email")) {
        Ok(email) => email,
        Err(error) => {
            let message = error.explain(locale);
            let page = form_again(&state, form.parts, form.fields, "email", &message).await;
            return Err(Refusal::Page(page));
        }
    };
    let FormPost { parts, fields } = form;
    let db = &state.app.db;
    let network = client_address(&state, &parts);
    let limits = [
        // Hashed: rate-limit keys are stored and may be logged, addresses
        // never are.
        (
            format!("sign-in:{}", secret::hash(email.as_str())),
            limits::SIGN_IN_PER_ADDRESS,
        ),
        (
            format!("sign-in-net:{network}"),
            state.app.sign_in_limits.per_network(),
        ),
    ];
    rate_limited(&state, &parts, &limits, &fields, "email", locale).await?;

    let secure = state.app.https();
    // Reuse the browser's value, so links asked for in two tabs both work.
    let browser_token = cookies::read(&parts.headers, sign_in::BROWSER_COOKIE)
        .filter(|t| t.len() == 43)
        .map_or_else(|| Secret::generate().token, str::to_owned);
    let url = &state.app.public_url;
    sign_in::request_link(db, url, &email, &browser_token, locale, &next).await?;
    state.app.outbox.ring();

    let mut response = Redirect::to("/sign-in/check-email").into_response();
    Cookie {
        name: sign_in::BROWSER_COOKIE,
        value: &browser_token,
        max_age_seconds: Some(sign_in::LINK_LIFETIME.num_seconds() + 5 * 60),
        http_only: true,
        secure,
    }
    .set_on(response.headers_mut());
    Ok(response)
}

#[derive(Deserialize)]
pub struct ConfirmQuery {
    token: Option<String>,
}

/// `GET /sign-in/confirm?token=…`: the link in the email.
pub async fn confirm(
    State(state): State<HttpState>,
    headers: HeaderMap,
    Query(query): Query<ConfirmQuery>,
) -> Answer {
    let db = &state.app.db;
    let token = query.token.unwrap_or_default();
    let browser_token = cookies::read(&headers, sign_in::BROWSER_COOKIE);
    let signed_in = match sign_in::confirm(db, &token, browser_token).await? {
        Ok(signed_in) => signed_in,
        Err(problem) => {
            let problem = match problem {
                LinkProblem::Invalid => "invalid",
                LinkProblem::Used => "used",
                LinkProblem::Expired => "expired",
                LinkProblem::OtherBrowser => "other_browser",
                LinkProblem::Suspended => "suspended",
            };
            return Ok(Redirect::to(&format!("/sign-in?problem={problem}")).into_response());
        }
    };
    let secure = state.app.https();
    let session_cookie = cookies::secret_name(session::COOKIE, secure);
    // A new session id at every sign-in: end whatever session this browser
    // had, so a planted session id cannot become a signed-in one.
    if let Some(old) = cookies::read(&headers, &session_cookie) {
        session::end(db, old).await?;
    }
    let mut response = Redirect::to(local_path(Some(&signed_in.next_path))).into_response();
    Cookie {
        name: &session_cookie,
        value: &signed_in.session_token,
        max_age_seconds: Some(session::ABSOLUTE_TIMEOUT.num_seconds()),
        http_only: true,
        secure,
    }
    .set_on(response.headers_mut());
    Cookie {
        name: sign_in::BROWSER_COOKIE,
        value: "",
        max_age_seconds: Some(0),
        http_only: true,
        secure,
    }
    .set_on(response.headers_mut());
    renew_csrf_token(secure, &mut response);
    Ok(response)
}

/// `POST /sign-out`: ends the session on the server and forgets the cookie.
pub async fn sign_out(State(state): State<HttpState>, headers: HeaderMap) -> Answer {
    let secure = state.app.https();
    let session_cookie = cookies::secret_name(session::COOKIE, secure);
    if let Some(token) = cookies::read(&headers, &session_cookie) {
        session::end(&state.app.db, token).await?;
    }
    Ok(signed_out(&state, "/"))
}

/// A redirect to `to` that forgets the session in this browser: its cookie,
/// its anti-forgery token, and what the browser cached of this person's
/// pages.
pub fn signed_out(state: &HttpState, to: &str) -> Response {
    let secure = state.app.https();
    let session_cookie = cookies::secret_name(session::COOKIE, secure);
    let mut response = Redirect::to(to).into_response();
    Cookie {
        name: &session_cookie,
        value: "",
        max_age_seconds: Some(0),
        http_only: true,
        secure,
    }
    .set_on(response.headers_mut());
    renew_csrf_token(secure, &mut response);
    // A shared phone: nothing this person saw stays in the browser's HTTP
    // cache (the service worker drops the pages it kept, see public/sw.js).
    // Not "storage": that would also unregister the worker and wipe the
    // device's own data.
    response.headers_mut().insert(
        "clear-site-data",
        axum::http::HeaderValue::from_static("\"cache\""),
    );
    response
}

/// The longest display name.
const DISPLAY_NAME_MAX: usize = 80;

/// `POST /account`: the optional display name.
pub async fn update_account(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    MaybeSignedIn(viewer): MaybeSignedIn,
    form: FormPost,
) -> Answer {
    let Some(viewer) = viewer else {
        return Ok(Redirect::to("/sign-in?next=/account").into_response());
    };
    let name = app::domain::text::one_line(form.field("display_name"));
    if name.chars().count() > DISPLAY_NAME_MAX {
        let message = td_string!(locale, account_display_name_too_long);
        let page = form_again(&state, form.parts, form.fields, "display_name", message).await;
        return Err(Refusal::Page(page));
    }
    let name = (!name.is_empty()).then_some(name);
    session::set_display_name(&state.app.db, viewer.user_id, name).await?;
    Ok(Redirect::to("/account?saved=1").into_response())
}
