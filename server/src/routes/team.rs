//! A host's team: inviting by email, accepting an invitation, leaving and
//! removing members. Permission checks go through
//! `app::backend::hosts::permissions`.

use super::{
    HttpState,
    form_page::{at_path, field, rate_limited, read_form, render_again},
    guard::{host_allowing, managed, sign_in_first, signed_in, unavailable},
    request_context::renew_csrf_token,
};
use app::backend::{
    hosts::{
        permissions::{HostAction, Role},
        team::{self, InvitationProblem, RemovalProblem},
    },
    rate_limit::limits,
};
use app::domain::email_address::EmailAddress;
use app::i18n::td_string;
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};

/// `POST /hosts/<slug>/team/invite` (owners only).
pub async fn invite(
    State(state): State<HttpState>,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (host, viewer) =
        match host_allowing(&state, &parts, &slug, HostAction::ManageTeam, locale).await {
            Ok(allowed) => allowed,
            Err(refusal) => return refusal,
        };
    // Mistakes are shown on the team page the form is on.
    let parts = at_path(parts, &format!("/hosts/{slug}/team"));
    let Ok(email) = EmailAddress::parse(field(&fields, "email")) else {
        let error = FieldError {
            field: "email".into(),
            message: td_string!(locale, sign_in_email_invalid).into(),
        };
        return render_again(&state, parts, FormState::invalid(fields, vec![error])).await;
    };
    let role = Role::parse(field(&fields, "role")).unwrap_or(Role::Organiser);
    let key = format!("writes:{}", viewer.user_id);
    let limits = [(key, limits::WRITES_PER_PERSON)];
    if let Some(refused) = rate_limited(&state, &parts, &limits, &fields, "email", locale).await {
        return refused;
    }
    let result = team::invite(
        db,
        &state.app.public_url,
        &host,
        &viewer,
        &email,
        role,
        locale,
    )
    .await;
    if let Err(error) = result {
        return unavailable(error);
    }
    state.app.outbox.ring();
    Redirect::to(&format!("/hosts/{slug}/team")).into_response()
}

/// `POST /hosts/<slug>/team/<user>/remove`: leave, or (owners) remove.
pub async fn remove(
    State(state): State<HttpState>,
    Path((slug, user_id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    // Anyone may leave; only owners remove others.
    let leaving = signed_in(&parts).is_some_and(|viewer| viewer.user_id == user_id);
    let action = if leaving {
        HostAction::ManageGatherings
    } else {
        HostAction::ManageTeam
    };
    let (host, _) = match host_allowing(&state, &parts, &slug, action, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    match team::remove(db, host.id, user_id).await {
        Ok(Ok(())) if leaving => Redirect::to("/hosts").into_response(),
        Ok(Ok(())) => Redirect::to(&format!("/hosts/{slug}/team")).into_response(),
        Ok(Err(RemovalProblem::LastOwner)) => {
            let error = FieldError {
                field: "main".into(),
                message: td_string!(locale, team_last_owner).into(),
            };
            let parts = at_path(parts, &format!("/hosts/{slug}/team"));
            render_again(&state, parts, FormState::invalid(fields, vec![error])).await
        }
        Ok(Err(RemovalProblem::NotAMember)) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /invitations/<token>/accept`
pub async fn accept(
    State(state): State<HttpState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = read_form(request).await;
    let Some(viewer) = signed_in(&parts) else {
        return sign_in_first(&parts);
    };
    match team::accept(&state.app.db, &token, &viewer).await {
        Ok(Ok(slug)) => {
            // Now an organiser: a change of privilege.
            let mut response = Redirect::to(&format!("/hosts/{slug}")).into_response();
            renew_csrf_token(state.app.https(), &mut response);
            response
        }
        // The invitation page explains what went wrong.
        Ok(Err(InvitationProblem::Invalid)) => StatusCode::NOT_FOUND.into_response(),
        Ok(Err(_)) => Redirect::to(&format!("/invitations/{token}")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /events/<id>/partners`: invite a partner host (the gathering's
/// organisers).
pub async fn invite_partner(
    State(state): State<HttpState>,
    Path(public_id): Path<String>,
    request: Request,
) -> Response {
    use app::backend::gatherings::cohosts;
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (event, viewer) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let result = cohosts::invite(
        db,
        &state.app.public_url,
        &event,
        field(&fields, "partner"),
        &viewer,
        locale,
    )
    .await;
    let message = match result {
        Ok(Ok(())) => {
            state.app.outbox.ring();
            return Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response();
        }
        Ok(Err(cohosts::CohostProblem::UnknownHost)) => td_string!(locale, partner_unknown),
        Ok(Err(cohosts::CohostProblem::OwnHost)) => td_string!(locale, partner_own),
        Ok(Err(cohosts::CohostProblem::AlreadyInvited)) => td_string!(locale, partner_already),
        Err(error) => return unavailable(error),
    };
    let error = FieldError {
        field: "partner".into(),
        message: message.into(),
    };
    let parts = at_path(parts, &format!("/events/{public_id}/manage"));
    render_again(&state, parts, FormState::invalid(fields, vec![error])).await
}

/// `POST /hosts/<slug>/cohosting/<event>/accept|decline`: the partner's
/// answer, by one of its organisers.
pub async fn answer_partnership(
    State(state): State<HttpState>,
    Path((slug, public_id, answer)): Path<(String, String, String)>,
    request: Request,
) -> Response {
    use app::backend::entities::event;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let db = &state.app.db;
    let accept = match answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    let (host, _) =
        match host_allowing(&state, &parts, &slug, HostAction::ManageGatherings, locale).await {
            Ok(allowed) => allowed,
            Err(refusal) => return refusal,
        };
    let event = match event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id.as_str()))
        .one(db)
        .await
    {
        Ok(Some(event)) => event,
        Ok(None) => return StatusCode::NOT_FOUND.into_response(),
        Err(error) => return unavailable(error),
    };
    match app::backend::gatherings::cohosts::respond(db, host.id, event.id, accept).await {
        Ok(_) => Redirect::to(&format!("/hosts/{slug}")).into_response(),
        Err(error) => unavailable(error),
    }
}
