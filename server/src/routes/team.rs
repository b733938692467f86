//! A host's team: inviting by email, accepting an invitation, leaving and
//! removing members, and partner hosts of a gathering. Permission checks go
//! through `app::backend::hosts::permissions`.

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage, SignedIn},
    form_page::{at_path, form_again, rate_limited},
    guard::{host_allowing, managed, signed_in},
    refusal::Refusal,
    request_context::renew_csrf_token,
};
use app::backend::{
    gatherings::partners,
    hosts::{
        permissions::{HostAction, Role},
        team::{self, InvitationProblem, RemovalProblem},
    },
    rate_limit::limits,
};
use app::domain::email_address::EmailAddress;
use app::domain::ids::UserId;
use app::l10n::refusals::Explain;
use axum::{
    extract::{Path, State},
    response::{IntoResponse, Redirect, Response},
};

type Answer = Result<Response, Refusal>;

/// `POST /hosts/<slug>/team/invite` (owners only).
pub async fn invite(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(slug): Path<String>,
    form: FormPost,
) -> Answer {
    let (host, viewer) =
        host_allowing(&state, &form.parts, &slug, HostAction::ManageTeam, locale).await?;
    // Mistakes are shown on the team page the form is on.
    let page = at_path(form.parts.clone(), &format!("/hosts/{slug}/team"));
    let email = match EmailAddress::parse(form.field("email")) {
        Ok(email) => email,
        Err(error) => {
            let message = error.explain(locale);
            return Ok(form_again(&state, page, form.fields, "email", &message).await);
        }
    };
    let role = Role::parse(form.field("role")).unwrap_or(Role::Organiser);
    let limits = [(
        format!("writes:{}", viewer.user_id),
        limits::WRITES_PER_PERSON,
    )];
    rate_limited(&state, &page, &limits, &form.fields, "email", locale).await?;
    let url = &state.app.public_url;
    team::invite(&state.app.db, url, &host, &viewer, &email, role, locale).await?;
    state.app.outbox.ring();
    Ok(Redirect::to(&format!("/hosts/{slug}/team")).into_response())
}

/// `POST /hosts/<slug>/team/<user>/remove`: leave, or (owners) remove.
pub async fn remove(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((slug, user_id)): Path<(String, UserId)>,
    form: FormPost,
) -> Answer {
    // Anyone may leave; only owners remove others.
    let leaving = signed_in(&form.parts).is_some_and(|viewer| viewer.user_id == user_id);
    let action = if leaving {
        HostAction::ManageGatherings
    } else {
        HostAction::ManageTeam
    };
    let (host, _) = host_allowing(&state, &form.parts, &slug, action, locale).await?;
    match team::remove(&state.app.db, host.id, user_id).await? {
        Ok(()) if leaving => Ok(Redirect::to("/hosts").into_response()),
        Ok(()) => Ok(Redirect::to(&format!("/hosts/{slug}/team")).into_response()),
        Err(problem @ RemovalProblem::LastOwner) => {
            let page = at_path(form.parts, &format!("/hosts/{slug}/team"));
            let message = problem.explain(locale);
            Ok(form_again(&state, page, form.fields, "main", &message).await)
        }
        Err(RemovalProblem::NotAMember) => Err(Refusal::NotFound),
    }
}

/// `POST /invitations/<token>/accept`
pub async fn accept(
    State(state): State<HttpState>,
    SignedIn(viewer): SignedIn,
    Path(token): Path<String>,
) -> Answer {
    match team::accept(&state.app.db, &token, &viewer).await? {
        Ok(slug) => {
            // Now an organiser: a change of privilege.
            let mut response = Redirect::to(&format!("/hosts/{slug}")).into_response();
            renew_csrf_token(state.app.https(), &mut response);
            Ok(response)
        }
        // The invitation page explains what went wrong.
        Err(InvitationProblem::Invalid) => Err(Refusal::NotFound),
        Err(_) => Ok(Redirect::to(&format!("/invitations/{token}")).into_response()),
    }
}

/// `POST /events/<id>/partners`: invite a partner host (the gathering's
/// organisers).
pub async fn invite_partner(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let (event, viewer) = managed(&state, &form.parts, &public_id, locale).await?;
    let url = &state.app.public_url;
    let partner = form.field("partner");
    let message =
        match partners::invite(&state.app.db, url, &event, partner, &viewer, locale).await? {
            Ok(()) => {
                state.app.outbox.ring();
                let saved = format!("/events/{public_id}/manage?saved=1");
                return Ok(Redirect::to(&saved).into_response());
            }
            Err(problem) => problem.explain(locale),
        };
    let page = at_path(form.parts, &format!("/events/{public_id}/manage"));
    Ok(form_again(&state, page, form.fields, "partner", &message).await)
}

/// `POST /hosts/<slug>/cohosting/<event>/accept|decline`: the partner's
/// answer, by one of its organisers.
pub async fn answer_partnership(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path((slug, public_id, answer)): Path<(String, String, String)>,
    form: FormPost,
) -> Answer {
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return Err(Refusal::NotFound),
    };
    let action = HostAction::ManageGatherings;
    let (host, _) = host_allowing(&state, &form.parts, &slug, action, locale).await?;
    partners::respond(&state.app.db, host.id, &public_id, accept)
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(Redirect::to(&format!("/hosts/{slug}")).into_response())
}
