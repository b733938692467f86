//! A guest who replied with an email address but has no account sees what
//! is held about that address through a link sent to it: only whoever
//! reads that inbox can open it. The link works for an hour; only a hash
//! of its token is stored. Asking answers the same whether or not the
//! address is known, so nobody learns who replied to what.

use crate::backend::entities::guest_data_link;
use crate::backend::outbox::{
    self,
    templates::{Template, render},
};
use crate::backend::secret::{self, Secret};
use crate::domain::email_address::EmailAddress;
use crate::i18n::Locale;
use chrono::{DateTime, Duration, Utc};
use leptos_i18n::Locale as _;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};

/// How long a link works.
pub const LINK_LIFETIME: Duration = Duration::minutes(60);

/// Writes a link for `email` and its email to the outbox.
pub async fn request(
    db: &DatabaseConnection,
    public_url: &str,
    email: &EmailAddress,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let secret = Secret::generate();
    let url = format!("{public_url}/my-data?token={}", secret.token);
    let message = render(
        &Template::GuestDataLink {
            url: &url,
            minutes: LINK_LIFETIME.num_minutes(),
        },
        locale,
        email.as_str(),
    );
    let txn = crate::backend::transaction::begin_write(db).await?;
    guest_data_link::ActiveModel {
        token_hash: Set(secret.hash),
        email: Set(email.as_str().into()),
        locale: Set(locale.as_str().into()),
        created_at: Set(now),
        expires_at: Set(now + LINK_LIFETIME),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    outbox::enqueue(&txn, message).await?;
    txn.commit().await
}

/// The address a link was sent to, while it works.
pub async fn address_of(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, DbErr> {
    Ok(guest_data_link::Entity::find()
        .filter(guest_data_link::Column::TokenHash.eq(secret::hash(token)))
        .filter(guest_data_link::Column::ExpiresAt.gt(now))
        .one(db)
        .await?
        .map(|link| link.email))
}

/// Housekeeping: links that no longer work hold an address for nothing.
pub async fn remove_expired(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(guest_data_link::Entity::delete_many()
        .filter(guest_data_link::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?
        .rows_affected)
}
