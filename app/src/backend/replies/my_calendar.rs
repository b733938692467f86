//! "My gatherings" in a calendar app: a secret address, one per account,
//! that lists the dates the person is coming to or volunteers at. The
//! address goes to the person by email (so it is never shown on a page
//! that someone else could see over their shoulder, and never kept in a
//! page's history); only its hash is stored. Asking for a new address, or
//! stopping it, makes the old one answer 404 at once.
//!
//! The calendar shows each gathering as its public page does: a street
//! kept for guests is left out, because calendar apps copy subscriptions
//! to servers the person does not control. The confirmation email and the
//! page, signed in, show the street.

use crate::backend::entities::{calendar_link, occurrence, role_signup, rsvp};
use crate::backend::gatherings::calendar::{FeedItem, feed_items};
use crate::backend::outbox::{
    self,
    templates::{Template, render},
};
use crate::backend::secret::{self, Secret};
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::SignupStatus;
use crate::i18n::Locale;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, QuerySelect, sea_query::OnConflict,
};
use std::collections::HashSet;

/// Makes a new address for `user_id` (the old one stops working) and
/// writes the email that carries it to `email`.
pub async fn send_new_link(
    db: &DatabaseConnection,
    public_url: &str,
    user_id: UserId,
    email: &str,
    locale: Locale,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let secret = Secret::generate();
    let url = format!("{public_url}/my/calendar/{}.ics", secret.token);
    let message = render(&Template::CalendarLink { url: &url }, locale, email);
    let txn = crate::backend::transaction::begin_write(db).await?;
    // One row per person: a new token replaces the old in one statement,
    // so two quick clicks cannot both insert.
    calendar_link::Entity::insert(calendar_link::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(secret.hash),
        created_at: Set(now),
        ..Default::default()
    })
    .on_conflict(
        OnConflict::column(calendar_link::Column::UserId)
            .update_columns([
                calendar_link::Column::TokenHash,
                calendar_link::Column::CreatedAt,
            ])
            .to_owned(),
    )
    .exec(&txn)
    .await?;
    outbox::enqueue(&txn, message).await?;
    txn.commit().await
}

/// Stops `user_id`'s address.
pub async fn stop<C: ConnectionTrait>(db: &C, user_id: UserId) -> Result<(), DbErr> {
    calendar_link::Entity::delete_many()
        .filter(calendar_link::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Since when `user_id` has a working address, if they have one.
pub async fn active_since<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(calendar_link::Entity::find()
        .filter(calendar_link::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|link| link.created_at))
}

/// Whose address `token` is, while it works.
pub async fn owner<C: ConnectionTrait>(db: &C, token: &str) -> Result<Option<UserId>, DbErr> {
    // Only tokens we could have made are looked up.
    if token.len() != 43 {
        return Ok(None);
    }
    Ok(calendar_link::Entity::find()
        .filter(calendar_link::Column::TokenHash.eq(secret::hash(token)))
        .one(db)
        .await?
        .map(|link| link.user_id))
}

/// The gatherings `user_id` is coming to (a seat held) or volunteers at,
/// from a month ago on, each with only the dates that are theirs.
pub async fn items<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<FeedItem>, DbErr> {
    let mut dates: HashSet<OccurrenceId> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::OccurrenceId)
        .filter(rsvp::Column::UserId.eq(user_id))
        // Only seats held: a waiting list or a pending reply is not a date
        // in the person's diary yet.
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .into_tuple::<OccurrenceId>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    dates.extend(
        role_signup::Entity::find()
            .select_only()
            .column(role_signup::Column::OccurrenceId)
            .filter(role_signup::Column::UserId.eq(user_id))
            .filter(role_signup::Column::Status.eq(SignupStatus::Active))
            .into_tuple::<OccurrenceId>()
            .all(db)
            .await?,
    );
    let gatherings: Vec<String> = occurrence::Entity::find()
        .select_only()
        .column(crate::backend::entities::event::Column::PublicId)
        .inner_join(crate::backend::entities::event::Entity)
        .filter(occurrence::Column::Id.is_in(dates.iter().copied()))
        .filter(occurrence::Column::EndsAt.gt(now - Duration::days(30)))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    let mut items = feed_items(db, &gatherings, reader_language, now).await?;
    for item in &mut items {
        item.dates.retain(|date| dates.contains(&date.id));
    }
    items.retain(|item| !item.dates.is_empty());
    Ok(items)
}
