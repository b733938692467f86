//! Volunteer roles: organisers add and remove them; signed-in residents
//! sign up and withdraw. Rules and invariants: `app::backend::volunteers`.

use super::{
    HttpState,
    form_page::{at_path, field, read_form, render_again},
    guard::{managed, sign_in_first, signed_in, unavailable},
};
use app::backend::volunteers::{self, RoleInput, RoleProblem, VolunteerProblem};
use app::i18n::{Locale, td_string};
use app::ui::{
    forms::{FieldError, FormState},
    locale,
};
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use chrono::Utc;

/// `POST /events/<id>/roles` (organisers).
pub async fn add_role(
    State(state): State<HttpState>,
    Path(public_id): Path<String>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let db = &state.app.db;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    let input = RoleInput::parse(
        field(&fields, "role_name"),
        field(&fields, "role_description"),
        field(&fields, "role_slots"),
        field(&fields, "role_shift_start"),
        field(&fields, "role_shift_end"),
    );
    let input = match input {
        Ok(input) => input,
        Err(problems) => {
            let errors = problems
                .into_iter()
                .map(|p| FieldError {
                    field: p.field().into(),
                    message: role_problem(locale, p).into(),
                })
                .collect();
            let parts = at_path(parts, &format!("/events/{public_id}/manage"));
            return render_again(&state, parts, FormState::invalid(fields, errors)).await;
        }
    };
    match volunteers::add_role(db, event.id, input).await {
        Ok(()) => Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /events/<id>/roles/<role>/remove` (organisers).
pub async fn remove_role(
    State(state): State<HttpState>,
    Path((public_id, role_id)): Path<(String, i64)>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, _) = read_form(request).await;
    let db = &state.app.db;
    let (event, _) = match managed(&state, &parts, &public_id, locale).await {
        Ok(allowed) => allowed,
        Err(refusal) => return refusal,
    };
    match volunteers::remove_role(db, event.id, role_id).await {
        Ok(true) => Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => unavailable(error),
    }
}

/// `POST /roles/<role>/signup` (signed in).
pub async fn sign_up(
    State(state): State<HttpState>,
    Path(role_id): Path<i64>,
    request: Request,
) -> Response {
    let locale = locale::from_headers(request.headers());
    let (parts, fields) = read_form(request).await;
    let Some(viewer) = signed_in(&parts) else {
        return sign_in_first(&parts);
    };
    let Ok(occurrence_id) = field(&fields, "occurrence").parse::<i64>() else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let db = &state.app.db;
    let result = volunteers::sign_up(db, role_id, occurrence_id, viewer.user_id, Utc::now()).await;
    let event = event_of_role(&state, role_id).await;
    match (result, event) {
        (Ok(Ok(())), Some(event)) => {
            Redirect::to(&format!("/events/{event}#volunteer")).into_response()
        }
        (Ok(Err(VolunteerProblem::NotFound)), _) | (_, None) => {
            StatusCode::NOT_FOUND.into_response()
        }
        (Ok(Err(problem)), Some(event)) => {
            let message = match problem {
                VolunteerProblem::Full => td_string!(locale, volunteer_full),
                VolunteerProblem::NoSeats => td_string!(locale, volunteer_no_seats),
                VolunteerProblem::AlreadySignedUp => td_string!(locale, volunteer_already),
                _ => td_string!(locale, volunteer_closed),
            };
            let parts = at_path(parts, &format!("/events/{event}"));
            let error = FieldError {
                field: "volunteer".into(),
                message: message.into(),
            };
            let mut form = FormState::invalid(fields, vec![error]);
            form.status = Some(StatusCode::CONFLICT);
            render_again(&state, parts, form).await
        }
        (Err(error), _) => unavailable(error),
    }
}

/// `POST /signups/<id>/withdraw` (the volunteer themself).
pub async fn withdraw(
    State(state): State<HttpState>,
    Path(signup): Path<String>,
    request: Request,
) -> Response {
    let (parts, _) = read_form(request).await;
    let Some(viewer) = signed_in(&parts) else {
        return sign_in_first(&parts);
    };
    match volunteers::withdraw(
        &state.app.db,
        &state.app.public_url,
        &signup,
        viewer.user_id,
    )
    .await
    {
        Ok(Some(event)) => {
            state.app.outbox.ring();
            Redirect::to(&format!("/events/{event}#volunteer")).into_response()
        }
        // Not theirs, or already withdrawn: nothing changed.
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => unavailable(error),
    }
}

async fn event_of_role(state: &HttpState, role_id: i64) -> Option<String> {
    use app::backend::entities::{event, volunteer_role};
    use sea_orm::EntityTrait;
    let role = volunteer_role::Entity::find_by_id(role_id)
        .one(&state.app.db)
        .await
        .ok()??;
    let event = event::Entity::find_by_id(role.event_id)
        .one(&state.app.db)
        .await
        .ok()??;
    Some(event.public_id)
}

fn role_problem(locale: Locale, problem: RoleProblem) -> &'static str {
    match problem {
        RoleProblem::NameMissing => td_string!(locale, role_name_missing),
        RoleProblem::SlotsInvalid => td_string!(locale, role_slots_invalid),
        RoleProblem::ShiftInvalid => td_string!(locale, role_shift_invalid),
    }
}
