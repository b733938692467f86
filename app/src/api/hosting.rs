//! What organisers see: their hosts, a host's page, and a gathering's
//! management page. Every function checks permission through
//! `backend::hosts::permissions`; changes are plain form posts handled in
//! `server/src/routes/hosting.rs`.

use super::ApiError;
use super::discover::GatheringCard;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostSummary {
    pub slug: String,
    pub name: String,
    /// `owner` or `organiser`.
    pub role: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HostView {
    pub slug: String,
    pub name: String,
    /// Sanitised HTML from the host's Markdown.
    pub description_html: String,
    /// Web links, in the host's order.
    pub links: Vec<String>,
    pub logo: Option<LogoView>,
    /// The viewer may create and manage its gatherings.
    pub can_organise: bool,
    /// The viewer may edit this page (owners).
    pub can_edit: bool,
    pub gatherings: Vec<GatheringCard>,
    /// Co-host invitations waiting for this host's answer (organisers only).
    pub cohost_invitations: Vec<CohostInvitation>,
}

/// A host's logo as a page shows it: in a box of fixed size, so nothing
/// moves when it arrives.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogoView {
    pub url: String,
    pub width: u32,
    pub height: u32,
}

/// What the page that edits a host's page shows (owners only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostSettings {
    pub slug: String,
    pub name: String,
    /// The Markdown as written.
    pub description: String,
    /// One per line, as the form shows them.
    pub links: String,
    pub logo: Option<LogoView>,
}

/// A partner host credited on a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartnerView {
    pub slug: String,
    pub name: String,
    /// `invited`, `accepted` or `declined`.
    pub status: String,
}

/// Another host asking this one to co-host a gathering.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohostInvitation {
    pub public_id: String,
    pub title: String,
    pub inviting_host: String,
}

/// One date of a gathering on its management page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DateRow {
    pub occurrence_id: i64,
    /// Local wall-clock time (`LOCAL_TIME_FORMAT`).
    pub starts_local: String,
    pub ends_local: String,
    pub zone_abbreviation: String,
    pub cancelled: bool,
    /// Going first, then the waitlist in order, then unconfirmed.
    pub attendees: Vec<AttendeeRow>,
    /// (role, person) for each volunteer.
    pub volunteers: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ManageView {
    pub public_id: String,
    pub title: String,
    pub host_slug: String,
    pub host_name: String,
    pub cancelled: bool,
    /// The form's fields as they are now, to fill in the edit form.
    pub values: Vec<(String, String)>,
    pub dates: Vec<DateRow>,
    pub partners: Vec<PartnerView>,
    pub roles: Vec<super::gathering::RoleView>,
    /// City offices sponsoring it; the organisers may decline.
    pub sponsorships: Vec<super::offices::SponsorshipRow>,
}

/// Who is coming to one date, for its organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendeeRow {
    /// The reply's public id, to approve or decline it.
    pub public_id: String,
    /// A name or address; `None` for an anonymous guest.
    pub shown: Option<String>,
    pub party: i32,
    pub status: String,
}

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
    crate::backend::hosts::page::load(&state.db, super::viewer().as_ref(), &slug, &reader_language)
        .await?
        .ok_or(ApiError::NotFound)
}

/// A host's page as its owners edit it.
#[server(endpoint = "host-settings", input = GetUrl)]
pub async fn load_host_settings(slug: String) -> Result<HostSettings, ApiError> {
    use crate::backend::hosts::{self, permissions::HostAction};
    let state = expect_context::<crate::backend::AppState>();
    let (host, _) = host_allowing(&slug, HostAction::EditPage).await?;
    Ok(HostSettings {
        logo: hosts::page::logo_view(&state.db, &host).await?,
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
    use crate::backend::hosts::permissions::{Access, check};
    let state = expect_context::<crate::backend::AppState>();
    let host = crate::backend::hosts::by_slug(&state.db, slug)
        .await?
        .ok_or(ApiError::NotFound)?;
    match check(&state.db, super::viewer().as_ref(), host.id, action).await? {
        Access::Allowed(role) => Ok((host, role)),
        Access::SignInFirst => Err(ApiError::SignInRequired),
        Access::Forbidden => Err(ApiError::Forbidden),
    }
}

/// A gathering as its organisers manage it.
#[server(endpoint = "manage-gathering", input = GetUrl)]
pub async fn load_managed_gathering(
    public_id: String,
    reader_language: String,
) -> Result<ManageView, ApiError> {
    let state = expect_context::<crate::backend::AppState>();
    crate::backend::gatherings::view::manage(
        &state.db,
        super::viewer().as_ref(),
        &public_id,
        &reader_language,
    )
    .await
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub slug: String,
    pub name: String,
    /// The viewer is an owner: may invite and remove.
    pub can_manage_team: bool,
    pub members: Vec<TeamMember>,
    /// Invited addresses that have not accepted yet.
    pub pending: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    pub user_id: i64,
    pub shown_name: String,
    pub role: String,
    pub is_you: bool,
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

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub host_name: String,
    pub role: String,
    /// Why it cannot be accepted (`used`, `expired`, `other_address`).
    pub problem: Option<String>,
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
