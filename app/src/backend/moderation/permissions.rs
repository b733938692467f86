//! Who may moderate and administer: the one place these rules live.

use super::roles::role_of;
use crate::backend::{access::AccessError, auth::Viewer};
use crate::domain::moderation::SiteRole;
use sea_orm::ConnectionTrait;

/// Someone allowed to moderate, with their role.
#[derive(Clone, Debug)]
pub struct Moderator {
    pub viewer: Viewer,
    pub role: SiteRole,
}

/// `viewer` when they moderate (moderators and administrators).
pub async fn moderator<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
) -> Result<Moderator, AccessError> {
    let viewer = viewer.ok_or(AccessError::SignInFirst)?;
    match role_of(conn, viewer.user_id).await? {
        Some(role) => Ok(Moderator {
            viewer: viewer.clone(),
            role,
        }),
        None => Err(AccessError::Forbidden),
    }
}

/// `viewer` when they administer the installation.
pub async fn administrator<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
) -> Result<Moderator, AccessError> {
    let moderator = moderator(conn, viewer).await?;
    if moderator.role.administers() {
        Ok(moderator)
    } else {
        Err(AccessError::Forbidden)
    }
}
