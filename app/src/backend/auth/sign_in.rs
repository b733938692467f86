//! Passwordless sign-in. Asking for a link writes the link and its email in
//! one transaction; the page then says the same thing whether or not the
//! address has an account, and the account is only created when the link
//! is used, so nobody can learn who uses Common Ground.
//!
//! A link has 256 random bits, is stored as a hash, works once (a
//! conditional update, so two clicks at once cannot both win), for 15
//! minutes, and only in the browser that asked: that browser holds a random
//! value in a cookie whose hash is stored with the link.

use super::session;
use crate::backend::{
    entities::{sign_in_link, user},
    outbox::{
        self,
        templates::{Template, render},
    },
    secret::{self, Secret},
};
use crate::domain::email_address::EmailAddress;
use crate::domain::ids::UserId;
use crate::i18n::Locale;
use chrono::{Duration, Utc};
use leptos_i18n::Locale as _;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, Set,
    sea_query::Expr, sea_query::OnConflict,
};

/// How long an emailed link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(15);
/// The cookie that ties a link to the browser that asked for it.
pub const BROWSER_COOKIE: &str = "cg_sign_in";

pub use crate::domain::refusals::LinkProblem;

/// A successful sign-in.
pub struct SignedIn {
    pub session_token: String,
    pub next_path: String,
}

/// Writes a sign-in link for `email` and its email to the outbox.
/// `browser_token` is the random value in the asking browser's cookie.
pub async fn request_link(
    db: &DatabaseConnection,
    public_url: &str,
    email: &EmailAddress,
    browser_token: &str,
    locale: Locale,
    next_path: &str,
) -> Result<(), DbErr> {
    let now = Utc::now();
    let secret = Secret::generate();
    let url = format!("{public_url}/sign-in/confirm?token={}", secret.token);
    let message = render(
        &Template::SignInLink {
            url: &url,
            minutes: LINK_LIFETIME.num_minutes(),
        },
        locale,
        email.as_str(),
    );
    let txn = crate::backend::transaction::begin_write(db).await?;
    sign_in_link::ActiveModel {
        token_hash: Set(secret.hash),
        browser_hash: Set(secret::hash(browser_token)),
        email: Set(email.as_str().into()),
        locale: Set(locale.as_str().into()),
        next_path: Set(next_path.into()),
        created_at: Set(now),
        expires_at: Set(now + LINK_LIFETIME),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(&txn, message).await?;
    txn.commit().await
}

/// Uses a link: on success, the person is signed in with a new session
/// (their account is created on first use).
pub async fn confirm(
    db: &DatabaseConnection,
    token: &str,
    browser_token: Option<&str>,
) -> Result<Result<SignedIn, LinkProblem>, DbErr> {
    let now = Utc::now();
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(link) = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::TokenHash.eq(secret::hash(token)))
        .one(&txn)
        .await?
    else {
        return Ok(Err(LinkProblem::Invalid));
    };
    if link.used_at.is_some() {
        return Ok(Err(LinkProblem::Used));
    }
    if link.expires_at <= now {
        return Ok(Err(LinkProblem::Expired));
    }
    let same_browser =
        browser_token.is_some_and(|token| secret::equal(&secret::hash(token), &link.browser_hash));
    if !same_browser {
        return Ok(Err(LinkProblem::OtherBrowser));
    }
    let claimed = sign_in_link::Entity::update_many()
        .col_expr(sign_in_link::Column::UsedAt, Expr::value(now))
        .filter(sign_in_link::Column::Id.eq(link.id))
        .filter(sign_in_link::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Ok(Err(LinkProblem::Used));
    }
    let user_id = account_for(&txn, &link.email, &link.locale).await?;
    if crate::backend::moderation::accounts::is_suspended(&txn, user_id).await? {
        // The link is spent either way.
        txn.commit().await?;
        return Ok(Err(LinkProblem::Suspended));
    }
    let session_token = session::start(&txn, user_id).await?;
    txn.commit().await?;
    Ok(Ok(SignedIn {
        session_token,
        next_path: link.next_path,
    }))
}

/// The account of `email`, created on first sign-in; its email language is
/// updated to the one used now.
async fn account_for<C: sea_orm::ConnectionTrait>(
    conn: &C,
    email: &str,
    locale: &str,
) -> Result<UserId, DbErr> {
    user::Entity::insert(user::ActiveModel {
        email: Set(email.into()),
        display_name: Set(None),
        locale: Set(locale.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(user::Column::Email)
            .update_column(user::Column::Locale)
            .to_owned(),
    )
    .exec_without_returning(conn)
    .await?;
    let account = user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("user {email}")))?;
    Ok(account.id)
}

/// Removes links that can no longer be used.
pub async fn remove_expired(db: &DatabaseConnection) -> Result<u64, DbErr> {
    let result = sign_in_link::Entity::delete_many()
        .filter(sign_in_link::Column::ExpiresAt.lt(Utc::now() - Duration::hours(1)))
        .exec(db)
        .await?;
    Ok(result.rows_affected)
}
