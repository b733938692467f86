//! What organisers see: their hosts, a host's page, and a gathering's
//! management page. Every function checks permission through
//! `backend::hosts::permissions`; changes are plain form posts handled in
//! `server/src/routes/hosting.rs`.

use super::ApiError;
#[cfg(feature = "ssr")]
use crate::views::hosting::TeamMember;
use crate::views::hosting::{
    HostSettings, HostSummary, HostView, InvitationView, ManageView, TeamView,
};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The hosts the signed-in person belongs to.
#[server(endpoint = "my-hosts", input = GetUrl)]
pub async fn my_hosts() -> Result<Vec<HostSummary>, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    Ok(crate::backend::hosts::of_member(&state.db, viewer.user_id)
        .await?
        .into_iter()
        .map(|(host, role)| HostSummary {
            slug: host.slug,
            name: host.name,
            role: role.as_str().into(),
        })
        .collect())
}

/// A host's public page, with its upcoming gatherings.
#[server(endpoint = "host", input = GetUrl)]
pub async fn load_host(slug: String, reader_language: String) -> Result<HostView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    match crate::backend::hosts::page::load(
        &state.db,
        super::viewer().as_ref(),
        &slug,
        &reader_language,
    )
    .await?
    {
        Some(host) => Ok(host),
        // Suspended by a moderator: gone, not unknown.
        None if crate::backend::hosts::by_slug(&state.db, &slug)
            .await?
            .is_some() =>
        {
            Err(ApiError::Gone)
        }
        None => Err(ApiError::NotFound),
    }
}

/// A host's page as its owners edit it.
#[server(endpoint = "host-settings", input = GetUrl)]
pub async fn load_host_settings(slug: String) -> Result<HostSettings, ApiError> {
    use crate::backend::hosts::{self, permissions::HostAction};
    let state = expect_context::<crate::backend::AppState>();
    let (host, _) = host_allowing(&slug, HostAction::EditPage).await?;
    Ok(HostSettings {
        logo: hosts::page::logo_view(&state.db, &host).await?,
        forget_guests_after_days: host.forget_guests_after_days,
        installation_forget_days: crate::backend::privacy::settings::forget_after_days(&state.db)
            .await?,
        links: hosts::links_of(&host).join("\n"),
        slug: host.slug,
        name: host.name,
        description: host.description,
    })
}

/// The host a new gathering is being created for, if the viewer may.
#[server(endpoint = "new-gathering", input = GetUrl)]
pub async fn new_gathering_host(slug: String) -> Result<HostSummary, ApiError> {
    use crate::backend::hosts::permissions::HostAction;
    let (host, role) = host_allowing(&slug, HostAction::ManageGatherings).await?;
    Ok(HostSummary {
        slug: host.slug,
        name: host.name,
        role: role.as_str().into(),
    })
}

/// The host at `slug` and the viewer's role in it, when
/// `hosts::permissions` lets the viewer do `action`.
#[cfg(feature = "ssr")]
async fn host_allowing(
    slug: &str,
    action: crate::backend::hosts::permissions::HostAction,
) -> Result<
    (
        crate::backend::entities::host::Model,
        crate::backend::hosts::permissions::Role,
    ),
    ApiError,
> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer();
    Ok(
        crate::backend::hosts::permissions::host_allowing(&state.db, viewer.as_ref(), slug, action)
            .await?,
    )
}

/// A gathering as its organisers manage it.
#[server(endpoint = "manage-gathering", input = GetUrl)]
pub async fn load_managed_gathering(
    public_id: String,
    reader_language: String,
) -> Result<ManageView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    Ok(crate::backend::gatherings::view::manage(
        &state.db,
        super::viewer().as_ref(),
        &public_id,
        &reader_language,
    )
    .await?)
}

/// A host's team, for its members.
#[server(endpoint = "team", input = GetUrl)]
pub async fn load_team(slug: String) -> Result<TeamView, ApiError> {
    use crate::backend::hosts::permissions::{HostAction, Role};
    let state = expect_context::<crate::backend::AppState>();
    let (host, role) = host_allowing(&slug, HostAction::ManageGatherings).await?;
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    let (members, pending) =
        crate::backend::hosts::team::members(&state.db, host.id, &viewer).await?;
    Ok(TeamView {
        slug: host.slug,
        name: host.name,
        can_manage_team: role == Role::Owner,
        members: members
            .into_iter()
            .map(|m| TeamMember {
                user_id: m.user_id,
                shown_name: m.shown_name,
                role: m.role,
                is_you: m.is_you,
            })
            .collect(),
        pending: pending.into_iter().map(|p| (p.email, p.role)).collect(),
    })
}

/// An invitation link, as the signed-in person opening it sees it.
#[server(endpoint = "invitation", input = GetUrl)]
pub async fn load_invitation(token: String) -> Result<InvitationView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    let viewer = super::viewer().ok_or(ApiError::SignInRequired)?;
    let (invitation, host) = crate::backend::hosts::team::invitation(&state.db, &token)
        .await?
        .ok_or(ApiError::NotFound)?;
    let problem = if invitation.accepted_at.is_some() {
        Some("used")
    } else if invitation.expires_at <= chrono::Utc::now() {
        Some("expired")
    } else if invitation.email != viewer.email {
        Some("other_address")
    } else {
        None
    };
    Ok(InvitationView {
        host_name: host.name,
        role: invitation.role,
        problem: problem.map(str::to_string),
    })
}
