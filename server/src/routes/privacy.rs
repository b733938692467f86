//! A person's own data: downloading it, deleting the account (and closing
//! a host first when they are its only owner), and a guest's link to what
//! is held about their email address.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::{at_path, client_address, field, form_again, form_again_as, rate_limited},
    guard,
    refusal::Refusal,
    sign_in::signed_out,
};
use app::backend::{
    hosts::{close, permissions::HostAction},
    privacy::{delete_account, export, guest_link},
    rate_limit::limits,
    secret,
};
use app::domain::email_address::EmailAddress;
use app::i18n::td_string;
use app::l10n::refusals::Explain;
use app::views::privacy::MyData;
use axum::{
    Json,
    extract::{Path, Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use leptos_i18n::Locale as _;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// The field a person ticks to say they mean it.
const CONFIRM: &str = "confirm";

/// `GET /account/data.json`: everything held about the signed-in person.
pub async fn account_data_json(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
) -> Answer {
    let data = export::of_account(&state.app.db, viewer.user_id, locale.as_str())
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(download(data))
}

#[derive(Deserialize)]
pub struct TokenQuery {
    #[serde(default)]
    token: String,
}

/// `GET /my-data.json?token=`: what is held about the address a guest's
/// link was sent to.
pub async fn guest_data_json(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Query(query): Query<TokenQuery>,
) -> Answer {
    let db = &state.app.db;
    let email = guest_link::address_of(db, &query.token, Utc::now())
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(download(
        export::of_address(db, &email, locale.as_str()).await?,
    ))
}

/// The data as a file to keep, never cached on the way.
fn download(data: MyData) -> Response {
    (
        [
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"common-ground-my-data.json\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Json(data),
    )
        .into_response()
}

/// `POST /my-data`: sends a guest the link to what is held about their
/// address. The answer is the same whether or not anything is held.
pub async fn request_guest_link(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let email = match EmailAddress::parse(form.field("email")) {
        Ok(email) => email,
        Err(error) => {
            let message = error.explain(locale);
            let page = form_again(&state, form.parts, form.fields, "email", &message).await;
            return Err(Refusal::Page(page));
        }
    };
    let FormPost { parts, fields } = form;
    let network = client_address(&state, &parts);
    let keys = [
        (
            format!("guest-data:{}", secret::hash(email.as_str())),
            limits::SIGN_IN_PER_ADDRESS,
        ),
        (
            format!("guest-data-net:{network}"),
            state.app.sign_in_limits.per_network(),
        ),
    ];
    rate_limited(&state, &parts, &keys, &fields, "email", locale).await?;
    let app = &state.app;
    guest_link::request(&app.db, &app.public_url, &email, locale, Utc::now()).await?;
    app.outbox.ring();
    Ok(Redirect::to("/my-data?sent=1").into_response())
}

/// `POST /account/delete`: deletes the signed-in person's account, once
/// they ticked that they mean it and no host depends on them alone.
pub async fn delete_my_account(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    SignedIn(viewer): SignedIn,
    form: FormPost,
) -> Answer {
    let FormPost { parts, fields } = form;
    // The form is on the account page, which shows the problem.
    let page = at_path(parts, "/account");
    if field(&fields, CONFIRM) != "yes" {
        let message = td_string!(locale, delete_confirm_missing);
        return Err(Refusal::Page(
            form_again(&state, page, fields, CONFIRM, message).await,
        ));
    }
    let app = &state.app;
    match delete_account::delete_account(&app.db, &app.public_url, viewer.user_id, Utc::now())
        .await?
    {
        Ok(()) => {
            app.outbox.ring();
            Ok(signed_out(&state, "/account/deleted"))
        }
        Err(problem) => {
            let message = problem.explain(locale);
            let status = StatusCode::CONFLICT;
            let again = form_again_as(status, &state, page, fields, CONFIRM, &message);
            Err(Refusal::Page(again.await))
        }
    }
}

/// `POST /hosts/{slug}/close`: an owner closes the host — its gatherings
/// are cancelled (guests told) and its team dissolved.
pub async fn close_host(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let (host, _) =
        guard::host_allowing(&state, &form.parts, &slug, HostAction::ManageTeam, locale).await?;
    if form.field(CONFIRM) != "yes" {
        let message = td_string!(locale, delete_confirm_missing);
        let page = at_path(form.parts, "/account");
        return Err(Refusal::Page(
            form_again(&state, page, form.fields, CONFIRM, message).await,
        ));
    }
    let app = &state.app;
    close::close(&app.db, &app.public_url, host.id, Utc::now()).await?;
    app.outbox.ring();
    Ok(Redirect::to("/account?closed=1#delete").into_response())
}
