//! Who may do what with a host and its gatherings: the one place these
//! rules live. Handlers and server functions ask here, never decide alone.

use super::super::{
    access::AccessError,
    auth::Viewer,
    entities::{host, host_member},
};
use crate::domain::ids::{HostId, UserId};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QuerySelect};

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Role {
    /// Runs the host: its page, its team, and everything organisers do.
    Owner,
    /// Creates and manages the host's gatherings.
    Organiser,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Organiser => "organiser",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "owner" => Some(Role::Owner),
            "organiser" => Some(Role::Organiser),
            _ => None,
        }
    }
}

/// What someone may want to do to a host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostAction {
    /// Create, edit and cancel its gatherings; invite co-hosts; answer
    /// co-host invitations addressed to it.
    ManageGatherings,
    /// Invite and remove members.
    ManageTeam,
    /// Edit its public page: name, description, links, logo.
    EditPage,
}

/// The answer, with what the page should say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    Allowed(Role),
    /// Nobody is signed in: send them to sign in.
    SignInFirst,
    /// Signed in, but not allowed.
    Forbidden,
}

impl Access {
    pub fn is_allowed(self) -> bool {
        matches!(self, Access::Allowed(_))
    }
}

/// Whether a member with `role` may do `action`.
pub fn allows(role: Role, action: HostAction) -> bool {
    match action {
        HostAction::ManageGatherings => true,
        HostAction::ManageTeam | HostAction::EditPage => role == Role::Owner,
    }
}

/// Whether a moderator suspended `host_id`.
pub async fn is_suspended<C: ConnectionTrait>(conn: &C, host_id: HostId) -> Result<bool, DbErr> {
    Ok(host::Entity::find_by_id(host_id)
        .select_only()
        .column(host::Column::SuspendedAt)
        .into_tuple::<Option<chrono::DateTime<chrono::Utc>>>()
        .one(conn)
        .await?
        .flatten()
        .is_some())
}

/// The viewer's role in `host_id`, if they are a member.
pub async fn role_of<C: ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    host_id: HostId,
) -> Result<Option<Role>, DbErr> {
    Ok(host_member::Entity::find_by_id((host_id, user_id))
        .one(conn)
        .await?
        .and_then(|member| Role::parse(&member.role)))
}

/// May `viewer` do `action` to host `host_id`?
pub async fn check<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
    host_id: HostId,
    action: HostAction,
) -> Result<Access, DbErr> {
    let Some(viewer) = viewer else {
        return Ok(Access::SignInFirst);
    };
    // A suspended host's team may change nothing until a moderator lifts it.
    if is_suspended(conn, host_id).await? {
        return Ok(Access::Forbidden);
    }
    Ok(match role_of(conn, viewer.user_id, host_id).await? {
        Some(role) if allows(role, action) => Access::Allowed(role),
        _ => Access::Forbidden,
    })
}

/// The host at `slug` and the viewer's role in it, when the viewer may do
/// `action` to it: the one lookup that pages, forms and server functions
/// share.
pub async fn host_allowing(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    slug: &str,
    action: HostAction,
) -> Result<(host::Model, Role), AccessError> {
    let host = super::by_slug(db, slug)
        .await?
        .ok_or(AccessError::NotFound)?;
    match check(db, viewer, host.id, action).await? {
        Access::Allowed(role) => Ok((host, role)),
        Access::SignInFirst => Err(AccessError::SignInFirst),
        Access::Forbidden => Err(AccessError::Forbidden),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organisers_run_gatherings_and_only_owners_run_the_team_and_page() {
        assert!(allows(Role::Owner, HostAction::ManageGatherings));
        assert!(allows(Role::Organiser, HostAction::ManageGatherings));
        assert!(allows(Role::Owner, HostAction::ManageTeam));
        assert!(!allows(Role::Organiser, HostAction::ManageTeam));
        assert!(allows(Role::Owner, HostAction::EditPage));
        assert!(!allows(Role::Organiser, HostAction::EditPage));
    }
}
