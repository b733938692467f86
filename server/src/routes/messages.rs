//! Messages from organisers (`app::backend::messages`): sending one to the
//! people of a date (the gathering's organisers), and stopping them with
//! the link in each (whoever holds it).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{self, at_path, form_again_as},
    guard,
    refusal::Refusal,
};
use app::backend::messages::{send, stop};
use app::domain::ids::OccurrenceId;
use app::domain::organiser_message::{Audience, MessageProblem, body_from_form};
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

type Answer = Result<Response, Refusal>;

/// `POST /events/{id}/messages`: `occurrence`, `audience` and `body`.
pub async fn send(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    FormPost { parts, fields }: FormPost,
) -> Answer {
    let (event, viewer) = guard::managed(&state, &parts, &public_id, locale).await?;
    let field = |name| form_page::field(&fields, name);
    let page = format!("/events/{public_id}/messages");
    let outcome = match (
        field("occurrence").parse::<OccurrenceId>(),
        Audience::from_form(field("audience")),
        body_from_form(field("body")),
    ) {
        (_, _, Err(problem)) => Err(problem),
        (_, None, _) => Err(MessageProblem::NoSuchAudience),
        (Err(_), _, _) => Err(MessageProblem::NoSuchDate),
        (Ok(occurrence_id), Some(audience), Ok(body)) => {
            let message = send::Outgoing {
                occurrence_id,
                audience,
                body: &body,
            };
            let url = &state.app.public_url;
            send::send(
                &state.app.db,
                url,
                &event,
                viewer.user_id,
                message,
                Utc::now(),
            )
            .await?
        }
    };
    match outcome {
        Ok(sent) => {
            state.app.outbox.ring();
            Ok(Redirect::to(&format!("{page}?sent={sent}")).into_response())
        }
        Err(problem) => {
            let (by, status) = match problem {
                MessageProblem::Empty | MessageProblem::TooLong => {
                    ("body", StatusCode::UNPROCESSABLE_ENTITY)
                }
                MessageProblem::TooMany => ("body", StatusCode::TOO_MANY_REQUESTS),
                MessageProblem::NoSuchDate
                | MessageProblem::NoSuchAudience
                | MessageProblem::NobodyToTell => ("audience", StatusCode::UNPROCESSABLE_ENTITY),
            };
            let message = problem.explain(locale);
            let parts = at_path(parts, &page);
            let again = form_again_as(status, &state, parts, fields.clone(), by, &message);
            Ok(again.await)
        }
    }
}

/// `POST /messages/stop`: `token`, from the link in a message.
pub async fn stop(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    form: FormPost,
) -> Answer {
    let page = at_path(form.parts.clone(), "/messages/stop");
    super::follow_up::over_link_limit(&state, &page, &form.fields, locale).await?;
    let token = form.field("token").trim();
    if stop::stop(&state.app.db, token).await? {
        Ok(Redirect::to("/messages/stop?done=1").into_response())
    } else {
        Ok(Redirect::to("/messages/stop?problem=link").into_response())
    }
}
