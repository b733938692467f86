//! Who may do what, for form handlers: the host, gathering or office they
//! act on and the signed-in person, when the backend's `permissions` of
//! that area allow it; otherwise the [`Refusal`] (sign in first, 403, 404).

use super::{HttpState, refusal::Refusal};
use app::backend::{
    auth::Viewer,
    door::permissions::{self as door_permissions, Door},
    entities::{city_office, event, host},
    gatherings::view::managed_event,
    hosts::permissions::{self as host_permissions, HostAction},
    moderation::permissions::{self as moderation_permissions, Moderator},
    offices::permissions as office_permissions,
};
use app::domain::ids::OccurrenceId;
use app::i18n::Locale;
use axum::http::request::Parts;

/// The signed-in person making the request, if any.
pub fn signed_in(parts: &Parts) -> Option<Viewer> {
    parts.extensions.get::<Viewer>().cloned()
}

/// The host at `slug` and the viewer, when the viewer may do `action` to it.
pub async fn host_allowing(
    state: &HttpState,
    parts: &Parts,
    slug: &str,
    action: HostAction,
    locale: Locale,
) -> Result<(host::Model, Viewer), Refusal> {
    let viewer = signed_in(parts);
    match host_permissions::host_allowing(&state.app.db, viewer.as_ref(), slug, action).await {
        Ok((host, _)) => Ok((host, viewer.expect("allowed means signed in"))),
        Err(error) => Err(Refusal::from_access(error, parts, locale)),
    }
}

/// The door of a date, when the viewer organises the gathering or helps at
/// its door on that date.
pub async fn door(
    state: &HttpState,
    parts: &Parts,
    public_id: &str,
    occurrence_id: OccurrenceId,
    locale: Locale,
) -> Result<Door, Refusal> {
    let viewer = signed_in(parts);
    door_permissions::door(&state.app.db, viewer.as_ref(), public_id, occurrence_id)
        .await
        .map_err(|error| Refusal::from_access(error, parts, locale))
}

/// The gathering `public_id` and the viewer, when the viewer organises it.
pub async fn managed(
    state: &HttpState,
    parts: &Parts,
    public_id: &str,
    locale: Locale,
) -> Result<(event::Model, Viewer), Refusal> {
    let viewer = signed_in(parts);
    match managed_event(&state.app.db, viewer.as_ref(), public_id).await {
        Ok(event) => Ok((event, viewer.expect("allowed means signed in"))),
        Err(error) => Err(Refusal::from_access(error, parts, locale)),
    }
}

/// The city office at `slug` and the viewer, when the viewer is one of its
/// members.
pub async fn office_member(
    state: &HttpState,
    parts: &Parts,
    slug: &str,
    locale: Locale,
) -> Result<(city_office::Model, Viewer), Refusal> {
    let viewer = signed_in(parts);
    match office_permissions::office_of_member(&state.app.db, viewer.as_ref(), slug).await {
        Ok(office) => Ok((office, viewer.expect("members are signed in"))),
        Err(error) => Err(Refusal::from_access(error, parts, locale)),
    }
}

/// The viewer, when they moderate the installation.
pub async fn moderator(
    state: &HttpState,
    parts: &Parts,
    locale: Locale,
) -> Result<Moderator, Refusal> {
    let viewer = signed_in(parts);
    moderation_permissions::moderator(&state.app.db, viewer.as_ref())
        .await
        .map_err(|error| Refusal::from_access(error, parts, locale))
}

/// The viewer, when they administer the installation.
pub async fn administrator(
    state: &HttpState,
    parts: &Parts,
    locale: Locale,
) -> Result<Moderator, Refusal> {
    let viewer = signed_in(parts);
    moderation_permissions::administrator(&state.app.db, viewer.as_ref())
        .await
        .map_err(|error| Refusal::from_access(error, parts, locale))
}
