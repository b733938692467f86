//! Database sessions. The cookie holds a random token; the table holds its
//! hash, so sessions can be listed and ended on the server.

use super::Viewer;
use crate::backend::{
    entities::{session, user},
    secret::{self, Secret},
};
use crate::domain::ids::UserId;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    Set, sea_query::Expr,
};

/// The cookie's name (prefixed `__Host-` over HTTPS).
pub const COOKIE: &str = "cg_session";
/// Signed out after this long without a request.
pub const IDLE_TIMEOUT: Duration = Duration::days(14);
/// Signed out this long after signing in, however active.
pub const ABSOLUTE_TIMEOUT: Duration = Duration::days(30);
/// `last_seen_at` is written at most this often, not on every request.
const TOUCH_EVERY: Duration = Duration::minutes(10);

/// Starts a session for `user_id`; returns the token for the cookie.
pub async fn start<C: ConnectionTrait>(conn: &C, user_id: UserId) -> Result<String, DbErr> {
    let now = Utc::now();
    let secret = Secret::generate();
    session::ActiveModel {
        token_hash: Set(secret.hash),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + ABSOLUTE_TIMEOUT),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(secret.token)
}

/// The person behind a session token, if the session is still alive.
pub async fn viewer<C: ConnectionTrait>(conn: &C, token: &str) -> Result<Option<Viewer>, DbErr> {
    let now = Utc::now();
    let Some((session, Some(user))) = session::Entity::find()
        .filter(session::Column::TokenHash.eq(secret::hash(token)))
        .find_also_related(user::Entity)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    // Suspending an account ends its sessions; this keeps one that was
    // being used at that moment from living on.
    if !alive(&session, now) || user.suspended_at.is_some() {
        session::Entity::delete_by_id(session.id).exec(conn).await?;
        return Ok(None);
    }
    if now - session.last_seen_at > TOUCH_EVERY {
        session::Entity::update_many()
            .col_expr(session::Column::LastSeenAt, Expr::value(now))
            .filter(session::Column::Id.eq(session.id))
            .exec(conn)
            .await?;
    }
    Ok(Some(Viewer {
        user_id: user.id,
        email: user.email,
        display_name: user.display_name,
    }))
}

fn alive(session: &session::Model, now: DateTime<Utc>) -> bool {
    now < session.expires_at && now - session.last_seen_at < IDLE_TIMEOUT
}

/// Ends the session of `token` (sign-out); other browsers stay signed in.
pub async fn end<C: ConnectionTrait>(conn: &C, token: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::TokenHash.eq(secret::hash(token)))
        .exec(conn)
        .await?;
    Ok(())
}

/// Removes sessions that can no longer be used.
pub async fn remove_expired<C: ConnectionTrait>(conn: &C) -> Result<u64, DbErr> {
    let now = Utc::now();
    let result = session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lt(now))
                .add(session::Column::LastSeenAt.lt(now - IDLE_TIMEOUT)),
        )
        .exec(conn)
        .await?;
    Ok(result.rows_affected)
}

/// Sets or clears the display name teammates see instead of the address.
pub async fn set_display_name<C: ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    name: Option<String>,
) -> Result<(), DbErr> {
    user::Entity::update_many()
        .col_expr(user::Column::DisplayName, Expr::value(name))
        .filter(user::Column::Id.eq(user_id))
        .exec(conn)
        .await?;
    Ok(())
}
