//! Who moderates and administers the installation. The first administrator
//! is named on the command line (`commonground admin grant`).

use crate::backend::entities::{site_role, user};
use crate::domain::email_address::EmailAddress;
use crate::domain::ids::UserId;
use crate::domain::moderation::SiteRole;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, Set, sea_query::OnConflict};

/// `user_id`'s role on the installation, if any.
pub async fn role_of<C: ConnectionTrait>(
    conn: &C,
    user_id: UserId,
) -> Result<Option<SiteRole>, DbErr> {
    Ok(site_role::Entity::find_by_id(user_id)
        .one(conn)
        .await?
        .map(|row| row.role))
}

/// Gives the account of `email` the role `role` (replacing another role),
/// creating the account when the person has never signed in (they sign in
/// with this address).
pub async fn grant<C: ConnectionTrait>(
    conn: &C,
    email: &EmailAddress,
    role: SiteRole,
) -> Result<user::Model, DbErr> {
    let person = crate::backend::auth::account_of(conn, email).await?;
    site_role::Entity::insert(site_role::ActiveModel {
        user_id: Set(person.id),
        role: Set(role),
        granted_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(site_role::Column::UserId)
            .update_columns([site_role::Column::Role, site_role::Column::GrantedAt])
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    Ok(person)
}

/// Takes `user_id`'s role away.
pub async fn withdraw<C: ConnectionTrait>(conn: &C, user_id: UserId) -> Result<(), DbErr> {
    site_role::Entity::delete_by_id(user_id).exec(conn).await?;
    Ok(())
}
