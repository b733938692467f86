//! One gathering, as its public page shows it.

use super::ApiError;
#[cfg(feature = "ssr")]
use crate::domain::moderation::Moderation;
#[cfg(feature = "ssr")]
use crate::domain::reply::ReplyStatus;
use crate::views::gathering::GatheringDetails;
#[cfg(feature = "ssr")]
use crate::views::{gathering::OwnReplyView, offices::OfficeChoice};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// A published or cancelled gathering by its public id.
#[server(endpoint = "gathering", input = GetUrl)]
pub async fn gathering(
    public_id: String,
    reader_language: String,
) -> Result<GatheringDetails, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let mut details = crate::backend::gatherings::page::load_any(
        &state.db,
        &public_id,
        &reader_language,
        chrono::Utc::now(),
    )
    .await?
    .ok_or(ApiError::NotFound)?;
    let viewer = super::viewer();
    if let Some(viewer) = &viewer {
        details.can_manage =
            crate::backend::gatherings::view::managed_event(&state.db, Some(viewer), &public_id)
                .await
                .is_ok();
    }
    // Held back by moderators: only its team sees it (with a notice); to
    // everyone else it is gone (hidden) or not there yet (waiting).
    if details.moderation != Moderation::Visible && !details.can_manage {
        return Err(match details.moderation {
            Moderation::Waiting => ApiError::NotFound,
            _ => ApiError::Gone,
        });
    }
    let device = super::device_hash();
    let dates: Vec<_> = details.dates.iter().map(|d| d.occurrence_id).collect();
    details.own_rsvps = crate::backend::replies::lists::own(
        &state.db,
        &dates,
        viewer.as_ref().map(|v| v.user_id),
        device.as_deref(),
    )
    .await?
    .into_iter()
    .map(|r| OwnReplyView {
        public_id: r.public_id,
        occurrence_id: r.occurrence_id,
        party: r.party,
        status: r.status,
    })
    .collect();
    let own: Vec<_> = details
        .own_rsvps
        .iter()
        .map(|reply| (reply.occurrence_id, reply.status))
        .collect();
    details.messages = crate::backend::messages::lists::for_guest(&state.db, &own).await?;
    if let Some(viewer) = &viewer {
        crate::backend::volunteers::mark_own_signups(&state.db, &mut details.roles, viewer.user_id)
            .await?;
        details.sponsor_offices = crate::backend::offices::sponsorship::offices_for(
            &state.db,
            viewer.user_id,
            &public_id,
        )
        .await?
        .into_iter()
        .map(|office| OfficeChoice {
            slug: office.slug,
            name: office.name,
        })
        .collect();
    }
    // The exact address, when kept for confirmed guests, for them only.
    if details.place.address.is_none()
        && details
            .own_rsvps
            .iter()
            .any(|r| r.status == ReplyStatus::Going)
    {
        crate::backend::gatherings::page::reveal_place(&state.db, &public_id, &mut details.place)
            .await?;
    }
    Ok(details)
}
