//! Who may act for a city office: its members, and nobody else. The one
//! place this rule lives; handlers and server functions ask here.

use crate::backend::{
    access::AccessError,
    auth::Viewer,
    entities::{city_office, office_member},
};
use crate::domain::ids::OfficeId;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OfficeAccess {
    Member,
    /// Nobody is signed in: send them to sign in.
    SignInFirst,
    /// Signed in, but not a member.
    Forbidden,
}

/// May `viewer` sponsor for, end sponsorships of, and read the overview of
/// office `office_id`?
pub async fn check<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
    office_id: OfficeId,
) -> Result<OfficeAccess, DbErr> {
    let Some(viewer) = viewer else {
        return Ok(OfficeAccess::SignInFirst);
    };
    let member = office_member::Entity::find_by_id((office_id, viewer.user_id))
        .one(conn)
        .await?;
    Ok(if member.is_some() {
        OfficeAccess::Member
    } else {
        OfficeAccess::Forbidden
    })
}

/// The office at `slug`, when the viewer is one of its members.
pub async fn office_of_member<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
    slug: &str,
) -> Result<city_office::Model, AccessError> {
    let office = super::by_slug(conn, slug)
        .await?
        .ok_or(AccessError::NotFound)?;
    match check(conn, viewer, office.id).await? {
        OfficeAccess::Member => Ok(office),
        OfficeAccess::SignInFirst => Err(AccessError::SignInFirst),
        OfficeAccess::Forbidden => Err(AccessError::Forbidden),
    }
}
