//! Saying "I'm coming", confirming by email, cancelling, and the
//! organisers' CSV. The rules and invariants are in `app::backend::rsvp`;
//! these handlers read the forms, find who is asking, and answer.

use super::{
    HttpState,
    form_page::{at_path, client_address, field, rate_limited_saying, read_form, render_again},
    guard::{managed, sign_in_first, signed_in, unavailable},
};
use app::backend::{
    cookies::{self, Cookie},
    rsvp::{self, CancelProof, DEVICE_COOKIE, RsvpProblem, Who, lists},
    secret::{self, Secret},
};
use app::domain::{
    email_address::EmailAddress,
    rsvp::{PartySize, PartySizeError},
    text::one_line,
};
use app::i18n::{Locale, td_string};
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Query, Request, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;

/// A year: the device keeps its anonymous RSVPs that long.
const DEVICE_COOKIE_SECONDS: i64 = 365 * 24 * 60 * 60;

/// `POST /events/<id>/rsvp`
pub async fn join(
    State(state): State<HttpState>,
    Path(public_id): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let how = field(&fields, "how").to_string();
    let Ok(occurrence_id) = field(&fields, "occurrence").parse::<i64>() else {
        return problem(
            &state,
            parts,
            fields,
            &public_id,
            "rsvp",
            td_string!(locale, rsvp_problem_not_found),
        )
        .await;
    };
    let party = match PartySize::parse(field(&fields, "party"), 49) {
        Ok(party) => party,
        Err(error) => {
            let message = match error {
                PartySizeError::NotANumber => td_string!(locale, rsvp_problem_party_invalid),
                _ => td_string!(locale, rsvp_problem_party),
            };
            return problem(
                &state,
                parts,
                fields,
                &public_id,
                &format!("{how}-party"),
                message,
            )
            .await;
        }
    };
    let mut new_device = None;
    let who = match how.as_str() {
        "account" => match signed_in(&parts) {
            Some(viewer) => Who::Account {
                user_id: viewer.user_id,
                email: viewer.email,
            },
            None => return sign_in_first(&parts),
        },
        "email" => match EmailAddress::parse(field(&fields, "email")) {
            Ok(email) => Who::Email {
                email: email.as_str().to_string(),
                name: Some(clean_name(field(&fields, "name"))).filter(|n| !n.is_empty()),
            },
            Err(_) => {
                let message = td_string!(locale, sign_in_email_invalid);
                return problem(&state, parts, fields, &public_id, "email", message).await;
            }
        },
        _ => {
            let token = device_token(&parts).unwrap_or_else(|| {
                let token = Secret::generate().token;
                new_device = Some(token.clone());
                token
            });
            Who::Device {
                device_hash: secret::hash(&token),
            }
        }
    };
    // Replies without an account are counted before anything else is done,
    // so one script cannot take every place or mail-bomb a typed address.
    let page = at_path(parts.clone(), &format!("/events/{public_id}"));
    if let Some(refused) =
        over_reply_limits(&state, &page, &fields, occurrence_id, &who, party, locale).await
    {
        return refused;
    }
    let result = rsvp::join(
        &state.app.db,
        &state.app.public_url,
        &public_id,
        occurrence_id,
        who,
        party,
        locale,
        &state.app.reply_limits,
        Utc::now(),
    )
    .await;
    let joined = match result {
        Ok(Ok(joined)) => joined,
        Ok(Err(reason)) => {
            let field = match reason {
                RsvpProblem::PartyTooLarge => format!("{how}-party"),
                RsvpProblem::TooManyMails => "email".to_string(),
                _ => "rsvp".to_string(),
            };
            let message = problem_message(locale, reason);
            let mut response = problem(&state, parts, fields, &public_id, &field, message).await;
            if reason == RsvpProblem::TooManyMails {
                *response.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            }
            return response;
        }
        Err(error) => return unavailable(error),
    };
    state.app.outbox.ring();
    let mut response = Redirect::to(&format!(
        "/events/{public_id}?rsvp={}#rsvp",
        joined.status.as_str()
    ))
    .into_response();
    if let Some(token) = new_device {
        Cookie {
            name: DEVICE_COOKIE,
            value: &token,
            max_age_seconds: Some(DEVICE_COOKIE_SECONDS),
            http_only: true,
            secure: state.app.https(),
        }
        .set_on(response.headers_mut());
    }
    response
}

/// The network's limits of a reply without an account (see
/// `app::backend::rate_limit::ReplyLimits`): the people its replies bring,
/// to all dates and to this one, then, for a reply by email, the
/// confirmation emails the network caused. (Mails to one address are
/// counted where one is written, in `rsvp::join`.) Refused: the gathering's
/// page (`page`) again with the reason, 429. `None`: go ahead.
async fn over_reply_limits(
    state: &HttpState,
    page: &Parts,
    fields: &[(String, String)],
    occurrence_id: i64,
    who: &Who,
    party: PartySize,
    locale: Locale,
) -> Option<Response> {
    let by_email = match who {
        Who::Account { .. } => return None,
        Who::Email { .. } => true,
        Who::Device { .. } => false,
    };
    let network = client_address(state, page);
    let limits = &state.app.reply_limits;
    let people = limits.people_from(&network, occurrence_id);
    let busy = td_string!(locale, rsvp_problem_busy_network);
    let weight = party.people();
    if let Some(refused) =
        rate_limited_saying(state, page, &people, weight, fields, "rsvp", busy).await
    {
        return Some(refused);
    }
    if !by_email {
        return None;
    }
    let mails = [limits.mails_from(&network)];
    let too_many_mails = td_string!(locale, rsvp_problem_too_many_mails);
    rate_limited_saying(state, page, &mails, 1, fields, "email", too_many_mails).await
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// `GET /rsvps/confirm?token=…`: the double opt-in link.
pub async fn confirm(State(state): State<HttpState>, Query(query): Query<TokenQuery>) -> Response {
    let token = query.token.unwrap_or_default();
    match rsvp::confirm_address(&state.app.db, &state.app.public_url, &token, Utc::now()).await {
        Ok(Ok((public_id, status))) => {
            state.app.outbox.ring();
            Redirect::to(&format!(
                "/events/{public_id}?rsvp={}#rsvp",
                status.as_str()
            ))
            .into_response()
        }
        Ok(Err(_)) => Redirect::to("/rsvps/cancel?problem=link").into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /rsvps/cancel`: the cancel link's button (the token in the form).
pub async fn cancel_by_link(State(state): State<HttpState>, request: Request) -> Response {
    let (_, fields) = read_form(request).await;
    let token = field(&fields, "token");
    cancelled(
        &state,
        rsvp::cancel(
            &state.app.db,
            &state.app.public_url,
            None,
            CancelProof::Token(token),
            Utc::now(),
        )
        .await,
    )
}

/// `POST /rsvps/<id>/cancel`: one's own RSVP, by account or by device.
pub async fn cancel_own(
    State(state): State<HttpState>,
    Path(rsvp_id): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = read_form(request).await;
    let db = &state.app.db;
    let url = &state.app.public_url;
    let now = Utc::now();
    if let Some(viewer) = signed_in(&parts) {
        match rsvp::cancel(
            db,
            url,
            Some(&rsvp_id),
            CancelProof::Account(viewer.user_id),
            now,
        )
        .await
        {
            Ok(Err(RsvpProblem::InvalidLink)) => {}
            result => return cancelled(&state, result),
        }
    }
    let Some(token) = device_token(&parts) else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let hash = secret::hash(&token);
    cancelled(
        &state,
        rsvp::cancel(db, url, Some(&rsvp_id), CancelProof::Device(&hash), now).await,
    )
}

/// `POST /rsvps/<id>/party`: one's own RSVP for more or fewer people.
pub async fn change_party(
    State(state): State<HttpState>,
    Path(rsvp_id): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let event = field(&fields, "event").to_string();
    let party = match PartySize::parse(field(&fields, "party"), 49) {
        Ok(party) => party,
        Err(_) => {
            let message = td_string!(locale, rsvp_problem_party_invalid);
            return problem(&state, parts, fields, &event, "rsvp", message).await;
        }
    };
    let db = &state.app.db;
    let url = &state.app.public_url;
    let now = Utc::now();
    let device = device_token(&parts).map(|token| secret::hash(&token));
    let proof = match (signed_in(&parts), &device) {
        (Some(viewer), _) => CancelProof::Account(viewer.user_id),
        (None, Some(hash)) => CancelProof::Device(hash),
        (None, None) => return StatusCode::FORBIDDEN.into_response(),
    };
    let mut result = rsvp::change_party(db, url, &rsvp_id, proof, party, now).await;
    // Signed in, but the RSVP was made on this device before signing in.
    if let (Ok(Err(RsvpProblem::InvalidLink)), Some(hash)) = (&result, &device) {
        result = rsvp::change_party(db, url, &rsvp_id, CancelProof::Device(hash), party, now).await;
    }
    match result {
        Ok(Ok((public_id, _))) => {
            state.app.outbox.ring();
            Redirect::to(&format!("/events/{public_id}?rsvp=changed#rsvp")).into_response()
        }
        Ok(Err(RsvpProblem::InvalidLink)) => {
            Redirect::to("/rsvps/cancel?problem=link").into_response()
        }
        Ok(Err(reason)) => {
            let message = problem_message(locale, reason);
            problem(&state, parts, fields, &event, "rsvp", message).await
        }
        Err(error) => unavailable(error),
    }
}

fn cancelled(
    state: &HttpState,
    result: Result<Result<String, RsvpProblem>, sea_orm::DbErr>,
) -> Response {
    match result {
        Ok(Ok(public_id)) => {
            state.app.outbox.ring();
            Redirect::to(&format!("/events/{public_id}?rsvp=cancelled#rsvp")).into_response()
        }
        // Not ours, already cancelled, or unknown: nothing changed.
        Ok(Err(_)) => Redirect::to("/rsvps/cancel?problem=link").into_response(),
        Err(error) => unavailable(error),
    }
}

/// `GET /events/<id>/dates/<occurrence>/attendees.csv` (organisers only).
pub async fn attendees_csv(
    State(state): State<HttpState>,
    Path((public_id, occurrence_id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = request.into_parts();
    let db = &state.app.db;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let belongs = app::backend::entities::occurrence::Entity::find_by_id(occurrence_id);
    use sea_orm::EntityTrait;
    match belongs.one(db).await {
        Ok(Some(o)) if o.event_id == event.id => {}
        Ok(_) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    }
    match lists::attendees(db, occurrence_id).await {
        Ok(list) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"attendees-{public_id}-{occurrence_id}.csv\""),
                ),
                (header::CACHE_CONTROL, "private, no-store".to_string()),
            ],
            lists::csv(&list, td_string!(locale, rsvp_anonymous_guest)),
        )
            .into_response(),
        Err(error) => unavailable(error),
    }
}

fn device_token(parts: &Parts) -> Option<String> {
    cookies::read(&parts.headers, DEVICE_COOKIE)
        .filter(|t| t.len() == 43)
        .map(str::to_owned)
}

fn clean_name(name: &str) -> String {
    one_line(name).chars().take(80).collect()
}

fn problem_message(locale: Locale, problem: RsvpProblem) -> &'static str {
    match problem {
        RsvpProblem::NotFound => td_string!(locale, rsvp_problem_not_found),
        RsvpProblem::Cancelled => td_string!(locale, rsvp_problem_cancelled),
        RsvpProblem::Past => td_string!(locale, rsvp_problem_past),
        RsvpProblem::Closed => td_string!(locale, rsvp_problem_closed),
        RsvpProblem::ModeNotAllowed => td_string!(locale, rsvp_problem_mode),
        RsvpProblem::PartyTooLarge => td_string!(locale, rsvp_problem_party),
        RsvpProblem::AlreadyComing => td_string!(locale, rsvp_problem_already),
        RsvpProblem::InvalidLink => td_string!(locale, rsvp_problem_link),
        RsvpProblem::NoRoomForMore => td_string!(locale, rsvp_problem_no_room),
        RsvpProblem::NoPlacesWithoutAccount => {
            td_string!(locale, rsvp_problem_places_without_account)
        }
        RsvpProblem::TooManyMails => td_string!(locale, rsvp_problem_too_many_mails),
    }
}

/// The gathering's page again, with the problem by its field; nothing
/// changed. 409 when the request conflicts with what is stored.
async fn problem(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    public_id: &str,
    field: &str,
    message: &str,
) -> Response {
    let parts = at_path(parts, &format!("/events/{public_id}"));
    let form = FormState::invalid(
        fields,
        vec![FieldError {
            field: field.into(),
            message: message.into(),
        }],
    );
    render_again(state, parts, form).await
}
