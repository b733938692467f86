//! A host's team: members and their roles, invitations by email, leaving
//! and removing. An invitation is accepted by signing in with the address
//! it was sent to, so a forwarded link does not let someone else in.

use super::permissions::Role;
use crate::backend::{
    auth::Viewer,
    entities::{host, host_invitation, host_member, user},
    outbox::{
        self,
        templates::{Template, render},
    },
    secret::{self, Secret},
};
use crate::domain::email_address::EmailAddress;
use crate::domain::ids::{HostId, UserId};
use crate::i18n::Locale;
use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, sea_query::Expr, sea_query::OnConflict,
};

/// How long an invitation link works.
pub const INVITATION_LIFETIME: Duration = Duration::days(7);

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Member {
    pub user_id: UserId,
    /// Their display name, else their address (teammates may see it).
    pub shown_name: String,
    pub role: String,
    pub is_you: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PendingInvitation {
    pub email: String,
    pub role: String,
}

pub use crate::domain::refusals::InvitationProblem;

pub use crate::domain::refusals::RemovalProblem;

pub async fn members(
    db: &DatabaseConnection,
    host_id: HostId,
    viewer: &Viewer,
) -> Result<(Vec<Member>, Vec<PendingInvitation>), DbErr> {
    let rows = host_member::Entity::find()
        .filter(host_member::Column::HostId.eq(host_id))
        .find_also_related(user::Entity)
        .order_by_asc(host_member::Column::CreatedAt)
        .all(db)
        .await?;
    let members = rows
        .into_iter()
        .filter_map(|(member, user)| {
            let user = user?;
            Some(Member {
                user_id: user.id,
                shown_name: user.display_name.unwrap_or(user.email),
                role: member.role,
                is_you: user.id == viewer.user_id,
            })
        })
        .collect();
    let pending = host_invitation::Entity::find()
        .filter(host_invitation::Column::HostId.eq(host_id))
        .filter(host_invitation::Column::AcceptedAt.is_null())
        .filter(host_invitation::Column::ExpiresAt.gt(Utc::now()))
        .order_by_asc(host_invitation::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            email: i.email,
            role: i.role,
        })
        .collect();
    Ok((members, pending))
}

/// Invites `email` to join `host` as `role`; the invitation and its email
/// are written together.
pub async fn invite(
    db: &DatabaseConnection,
    public_url: &str,
    host: &host::Model,
    inviter: &Viewer,
    email: &EmailAddress,
    role: Role,
    inviter_locale: Locale,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let secret = Secret::generate();
    // Their own language if they have an account, else the inviter's.
    let locale = recipient_locale(db, email.as_str())
        .await?
        .unwrap_or(inviter_locale);
    let url = format!("{public_url}/invitations/{}", secret.token);
    let message = render(
        &Template::HostInvitation {
            host: &host.name,
            inviter: inviter.shown_name(),
            url: &url,
            days: INVITATION_LIFETIME.num_days(),
        },
        locale,
        email.as_str(),
    );
    let txn = crate::backend::transaction::begin_write(db).await?;
    host_invitation::ActiveModel {
        host_id: Set(host.id),
        email: Set(email.as_str().into()),
        role: Set(role.as_str().into()),
        token_hash: Set(secret.hash),
        invited_by: Set(inviter.user_id),
        created_at: Set(now),
        expires_at: Set(now + INVITATION_LIFETIME),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(&txn, message).await?;
    txn.commit().await
}

/// The language a person's emails are written in, if they have an account.
pub async fn recipient_locale<C: ConnectionTrait>(
    conn: &C,
    email: &str,
) -> Result<Option<Locale>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(conn)
        .await?
        .and_then(|u| crate::l10n::language::parse(&u.locale)))
}

/// The invitation behind a link, with its host, if it exists.
pub async fn invitation(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<(host_invitation::Model, host::Model)>, DbErr> {
    let Some(invitation) = host_invitation::Entity::find()
        .filter(host_invitation::Column::TokenHash.eq(secret::hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let host = host::Entity::find_by_id(invitation.host_id).one(db).await?;
    Ok(host.map(|host| (invitation, host)))
}

/// Accepts an invitation for the signed-in `viewer`; returns the host's slug.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    viewer: &Viewer,
) -> Result<Result<String, InvitationProblem>, DbErr> {
    let Some((invitation, host)) = invitation(db, token).await? else {
        return Ok(Err(InvitationProblem::Invalid));
    };
    if invitation.accepted_at.is_some() {
        return Ok(Err(InvitationProblem::Used));
    }
    if invitation.expires_at <= Utc::now() {
        return Ok(Err(InvitationProblem::Expired));
    }
    if invitation.email != viewer.email {
        return Ok(Err(InvitationProblem::OtherAddress));
    }
    let txn = crate::backend::transaction::begin_write(db).await?;
    let claimed = host_invitation::Entity::update_many()
        .col_expr(host_invitation::Column::AcceptedAt, Expr::value(Utc::now()))
        .filter(host_invitation::Column::Id.eq(invitation.id))
        .filter(host_invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Err(InvitationProblem::Used));
    }
    // Already a member: an invitation as owner promotes, never demotes.
    let mut on_conflict =
        OnConflict::columns([host_member::Column::HostId, host_member::Column::UserId]);
    if invitation.role == Role::Owner.as_str() {
        on_conflict.update_column(host_member::Column::Role);
    } else {
        on_conflict.do_nothing();
    }
    host_member::Entity::insert(host_member::ActiveModel {
        host_id: Set(host.id),
        user_id: Set(viewer.user_id),
        role: Set(invitation.role.clone()),
        created_at: Set(Utc::now()),
    })
    .on_conflict(on_conflict.to_owned())
    .exec_without_returning(&txn)
    .await?;
    txn.commit().await?;
    Ok(Ok(host.slug))
}

/// Removes `user_id` from the host (a member leaving, or an owner removing
/// them), unless they are its last owner.
pub async fn remove(
    db: &DatabaseConnection,
    host_id: HostId,
    user_id: UserId,
) -> Result<Result<(), RemovalProblem>, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(member) = host_member::Entity::find_by_id((host_id, user_id))
        .one(&txn)
        .await?
    else {
        return Ok(Err(RemovalProblem::NotAMember));
    };
    if member.role == Role::Owner.as_str() {
        let owners = host_member::Entity::find()
            .filter(host_member::Column::HostId.eq(host_id))
            .filter(host_member::Column::Role.eq(Role::Owner.as_str()))
            .count(&txn)
            .await?;
        if owners <= 1 {
            return Ok(Err(RemovalProblem::LastOwner));
        }
    }
    host_member::Entity::delete_by_id((host_id, user_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Ok(()))
}
