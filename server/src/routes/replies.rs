//! Saying "I'm coming", confirming by email, cancelling, and the
//! organisers' CSV. The rules and invariants are in `app::backend::replies`;
//! these handlers read the forms, find who is asking, and answer.

use super::{
    HttpState,
    extract::{FormPost, MaybeSignedIn, ReaderLanguage},
    form_page::{at_path, client_address, form_again_as, rate_limited_saying},
    guard::managed,
    refusal::Refusal,
};
use app::backend::{
    answers,
    cookies::{self, Cookie},
    replies::{self, AlsoAsked, CancelProof, DEVICE_COOKIE, ReplyProblem, Who, lists},
    secret::{self, Secret},
    transaction,
};
use app::domain::ids::OccurrenceId;
use app::domain::{
    email_address::EmailAddress,
    follow_up,
    reply::{PartySize, guest_name},
    time_around::{self, TimeAround},
};
use app::i18n::{Locale, td_string};
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, Query, State},
    http::{StatusCode, header, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// A year: the device keeps its anonymous RSVPs that long.
const DEVICE_COOKIE_SECONDS: i64 = 365 * 24 * 60 * 60;

/// `POST /events/<id>/rsvp`
pub async fn join(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Path(public_id): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let field = |name| super::form_page::field(&fields, name);
    let how = field("how").to_string();
    let Ok(occurrence_id) = field("occurrence").parse::<OccurrenceId>() else {
        let message = td_string!(locale, rsvp_problem_not_found);
        return Err(problem(&state, parts, fields, &public_id, "rsvp", message).await);
    };
    let party = match PartySize::from_reply_form(field("party")) {
        Ok(party) => party,
        Err(error) => {
            let message = error.explain(locale);
            return Err(problem(&state, parts, fields, &public_id, "party", &message).await);
        }
    };
    let mut new_device = None;
    let who = match how.as_str() {
        "account" => {
            // Back to this gathering after signing in, even from a browser
            // that sends no Referer.
            let back = format!("/events/{public_id}");
            let viewer = viewer.ok_or(Refusal::SignInFirst { back })?;
            Who::Account {
                user_id: viewer.user_id,
                email: viewer.email,
            }
        }
        "email" => match EmailAddress::parse(field("email")) {
            Ok(email) => Who::Email {
                email: email.as_str().to_string(),
                name: guest_name(field("name")),
            },
            Err(error) => {
                let message = error.explain(locale);
                return Err(problem(&state, parts, fields, &public_id, "email", &message).await);
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
    over_reply_limits(&state, &page, &fields, occurrence_id, &who, party, locale).await?;
    // Only replies with an address are written to; the others need not
    // wake the mail worker.
    let writes_mail = !matches!(who, Who::Device { .. });
    // Every reply form puts the question about time around here.
    let also = AlsoAsked {
        time_around: true,
        follow_up: !field(follow_up::WANTED_FIELD).is_empty(),
    };
    let result = replies::join(
        &state.app.db,
        &state.app.public_url,
        &public_id,
        occurrence_id,
        who,
        party,
        also,
        locale,
        &state.app.reply_limits,
        Utc::now(),
    )
    .await?;
    let joined = match result {
        Ok(joined) => joined,
        Err(reason) => {
            let by = match reason {
                ReplyProblem::PartyTooLarge => "party".to_string(),
                ReplyProblem::TooManyMails => "email".to_string(),
                _ => "rsvp".to_string(),
            };
            let status = match reason {
                ReplyProblem::TooManyMails => StatusCode::TOO_MANY_REQUESTS,
                _ => StatusCode::UNPROCESSABLE_ENTITY,
            };
            let message = reason.explain(locale);
            let page = problem_as(status, &state, parts, fields, &public_id, &by, &message);
            return Err(page.await);
        }
    };
    if writes_mail {
        state.app.outbox.ring();
    }
    // Counted apart from the reply (see `backend::answers`); the reply
    // itself only says it was asked.
    if let Some(answer) = TimeAround::from_form(field(time_around::FIELD)) {
        let writer = transaction::writer(&state.app.db);
        answers::count(&writer, occurrence_id, answer).await?;
    }
    let status = joined.status.as_str();
    let mut response =
        Redirect::to(&format!("/events/{public_id}?rsvp={status}#rsvp")).into_response();
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
    Ok(response)
}

/// The network's limits of a reply without an account (see
/// `app::backend::rate_limit::ReplyLimits`): the people its replies bring,
/// to all dates and to this one, then, for a reply by email, the
/// confirmation emails the network caused. (Mails to one address are
/// counted where one is written, in `replies::join`.) Refused: the gathering's
/// page (`page`) again with the reason, 429.
async fn over_reply_limits(
    state: &HttpState,
    page: &Parts,
    fields: &[(String, String)],
    occurrence_id: OccurrenceId,
    who: &Who,
    party: PartySize,
    locale: Locale,
) -> Result<(), Refusal> {
    let by_email = match who {
        Who::Account { .. } => return Ok(()),
        Who::Email { .. } => true,
        Who::Device { .. } => false,
    };
    let network = client_address(state, page);
    let limits = &state.app.reply_limits;
    let people = limits.people_from(&network, occurrence_id);
    let busy = td_string!(locale, rsvp_problem_busy_network);
    let weight = party.people();
    rate_limited_saying(state, page, &people, weight, fields, "rsvp", busy).await?;
    if !by_email {
        return Ok(());
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
pub async fn confirm(State(state): State<HttpState>, Query(query): Query<TokenQuery>) -> Answer {
    let token = query.token.unwrap_or_default();
    let url = &state.app.public_url;
    match replies::confirm_address(&state.app.db, url, &token, Utc::now()).await? {
        Ok((public_id, status)) => {
            state.app.outbox.ring();
            let status = status.as_str();
            Ok(Redirect::to(&format!("/events/{public_id}?rsvp={status}#rsvp")).into_response())
        }
        Err(_) => Ok(Redirect::to("/rsvps/cancel?problem=link").into_response()),
    }
}

/// `POST /rsvps/cancel`: the cancel link's button (the token in the form).
pub async fn cancel_by_link(State(state): State<HttpState>, form: FormPost) -> Answer {
    let proof = CancelProof::Token(form.field("token"));
    let url = &state.app.public_url;
    let result = replies::cancel(&state.app.db, url, None, proof, Utc::now()).await?;
    Ok(cancelled(&state, result))
}

/// `POST /rsvps/<id>/cancel`: one's own RSVP, by account or by device.
pub async fn cancel_own(
    State(state): State<HttpState>,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Path(rsvp_id): Path<String>,
    parts: Parts,
) -> Answer {
    let db = &state.app.db;
    let url = &state.app.public_url;
    let now = Utc::now();
    let reply = Some(rsvp_id.as_str());
    if let Some(viewer) = viewer {
        let by_account = CancelProof::Account(viewer.user_id);
        match replies::cancel(db, url, reply, by_account, now).await? {
            // Perhaps made on this device before signing in.
            Err(ReplyProblem::InvalidLink) => {}
            result => return Ok(cancelled(&state, result)),
        }
    }
    let hash = device_token(&parts)
        .map(|token| secret::hash(&token))
        .ok_or(Refusal::Page(StatusCode::FORBIDDEN.into_response()))?;
    let result = replies::cancel(db, url, reply, CancelProof::Device(&hash), now).await?;
    Ok(cancelled(&state, result))
}

/// `POST /rsvps/<id>/party`: one's own RSVP for more or fewer people.
pub async fn change_party(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    MaybeSignedIn(viewer): MaybeSignedIn,
    Path(rsvp_id): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let event = super::form_page::field(&fields, "event").to_string();
    let Ok(party) = PartySize::from_reply_form(super::form_page::field(&fields, "party")) else {
        let message = td_string!(locale, rsvp_problem_party_invalid);
        return Err(problem(&state, parts, fields, &event, "rsvp", message).await);
    };
    let db = &state.app.db;
    let url = &state.app.public_url;
    let now = Utc::now();
    let device = device_token(&parts).map(|token| secret::hash(&token));
    let proof = match (viewer, &device) {
        (Some(viewer), _) => CancelProof::Account(viewer.user_id),
        (None, Some(hash)) => CancelProof::Device(hash),
        (None, None) => return Err(Refusal::Page(StatusCode::FORBIDDEN.into_response())),
    };
    let mut result = replies::change_party(db, url, &rsvp_id, proof, party, now).await?;
    // Signed in, but the RSVP was made on this device before signing in.
    if let (Err(ReplyProblem::InvalidLink), Some(hash)) = (&result, &device) {
        result =
            replies::change_party(db, url, &rsvp_id, CancelProof::Device(hash), party, now).await?;
    }
    match result {
        Ok((public_id, _)) => {
            state.app.outbox.ring();
            Ok(Redirect::to(&format!("/events/{public_id}?rsvp=changed#rsvp")).into_response())
        }
        Err(ReplyProblem::InvalidLink) => {
            Ok(Redirect::to("/rsvps/cancel?problem=link").into_response())
        }
        Err(reason) => {
            let message = reason.explain(locale);
            Err(problem(&state, parts, fields, &event, "rsvp", &message).await)
        }
    }
}

/// Where a cancellation leads: the gathering's page, or, when nothing was
/// cancelled (not ours, already cancelled, unknown), the page that says so.
fn cancelled(state: &HttpState, result: Result<String, ReplyProblem>) -> Response {
    match result {
        Ok(public_id) => {
            state.app.outbox.ring();
            Redirect::to(&format!("/events/{public_id}?rsvp=cancelled#rsvp")).into_response()
        }
        Err(_) => Redirect::to("/rsvps/cancel?problem=link").into_response(),
    }
}

/// `GET /events/<id>/dates/<occurrence>/attendees.csv` (organisers only).
pub async fn attendees_csv(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((public_id, occurrence_id)): Path<(String, OccurrenceId)>,
    parts: Parts,
) -> Answer {
    let (event, viewer) = managed(&state, &parts, &public_id, locale).await?;
    let db = &state.app.db;
    let (list, forgotten_on) =
        lists::download(db, &event, occurrence_id, viewer.user_id, Utc::now())
            .await?
            .ok_or(Refusal::NotFound)?;
    let zone = app::backend::time_zone::named(&event.time_zone);
    let day = app::l10n::format::day(locale, forgotten_on.with_timezone(&zone).date_naive());
    let delete_by = td_string!(locale, attendees_delete_by, date = day).to_string();
    let file = format!("attachment; filename=\"attendees-{public_id}-{occurrence_id}.csv\"");
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, file),
            (header::CACHE_CONTROL, "private, no-store".to_string()),
        ],
        lists::csv(&list, td_string!(locale, rsvp_anonymous_guest), &delete_by),
    )
        .into_response())
}

fn device_token(parts: &Parts) -> Option<String> {
    cookies::read(&parts.headers, DEVICE_COOKIE)
        .filter(|t| t.len() == 43)
        .map(str::to_owned)
}

/// The gathering's page again, with the problem by its field; nothing
/// changed.
async fn problem(
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    public_id: &str,
    field: &str,
    message: &str,
) -> Refusal {
    let status = StatusCode::UNPROCESSABLE_ENTITY;
    problem_as(status, state, parts, fields, public_id, field, message).await
}

/// [`problem`] answered with `status`.
async fn problem_as(
    status: StatusCode,
    state: &HttpState,
    parts: Parts,
    fields: Vec<(String, String)>,
    public_id: &str,
    field: &str,
    message: &str,
) -> Refusal {
    let parts = at_path(parts, &format!("/events/{public_id}"));
    Refusal::Page(form_again_as(status, state, parts, fields, field, message).await)
}
