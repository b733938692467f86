//! Telling people about a date they are coming to: a reminder before it
//! starts (at most once each, safe with several processes: the "reminded"
//! mark is a conditional update), and news when organisers move or cancel
//! it — written to the outbox in the organisers' change's transaction.

use super::{Target, event_of, notify::Context, target};
use crate::backend::{
    entities::{event, occurrence, role_signup, rsvp, user},
    outbox::{self, templates::DateNews},
};
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus, SignupStatus};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    sea_query::Expr,
};

/// One person to tell, in their language, with a cancel link of its own
/// when they hold an RSVP.
struct Recipient {
    email: String,
    locale: String,
    rsvp_id: Option<i64>,
}

async fn recipients<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    not_yet_reminded: bool,
) -> Result<Vec<Recipient>, DbErr> {
    let mut query = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Status.is_in([
            ReplyStatus::Going,
            ReplyStatus::Waitlisted,
            ReplyStatus::Requested,
        ]))
        .filter(rsvp::Column::Email.is_not_null());
    if not_yet_reminded {
        query = query
            .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
            .filter(rsvp::Column::RemindedAt.is_null());
    }
    let mut out: Vec<Recipient> = query
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|r| {
            Some(Recipient {
                email: r.email?,
                locale: r.locale,
                rsvp_id: Some(r.id),
            })
        })
        .collect();
    let mut volunteers = role_signup::Entity::find()
        .filter(role_signup::Column::OccurrenceId.eq(occurrence_id))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active));
    if not_yet_reminded {
        volunteers = volunteers.filter(role_signup::Column::RemindedAt.is_null());
    }
    for signup in volunteers.all(conn).await? {
        // A sign-up that names no one (forgotten, or the account deleted)
        // has nobody to tell.
        let Some(user_id) = signup.user_id else {
            continue;
        };
        if let Some(person) = user::Entity::find_by_id(user_id).one(conn).await?
            && !out.iter().any(|r| r.email == person.email)
        {
            out.push(Recipient {
                email: person.email,
                locale: person.locale,
                rsvp_id: None,
            });
        }
    }
    Ok(out)
}

async fn tell<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    target: &Target,
    recipient: &Recipient,
    news: DateNews,
) -> Result<(), DbErr> {
    let locale = crate::l10n::language::parse(&recipient.locale).unwrap_or_default();
    // Read in the transaction: the date and place as they are being changed.
    let context = Context::load(txn, public_url, target, locale).await?;
    let cancel = match recipient.rsvp_id {
        // A cancelled date leaves nothing to cancel.
        Some(id) if news != DateNews::Cancelled => Some(super::cancel_links::issue(txn, id).await?),
        _ => None,
    };
    outbox::enqueue(txn, context.news(&recipient.email, news, cancel.as_deref())).await
}

/// Tells everyone coming to `occurrence_id` (with an address) that it moved
/// or was cancelled; call inside the change's transaction `txn`, after the
/// change.
pub async fn tell_everyone<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    occurrence_id: OccurrenceId,
    news: DateNews,
) -> Result<(), DbErr> {
    let public_id = event_of(txn, occurrence_id).await?;
    let Some(target) = target(txn, &public_id, occurrence_id).await? else {
        return Ok(());
    };
    for recipient in recipients(txn, occurrence_id, false).await? {
        tell(txn, public_url, &target, &recipient, news).await?;
    }
    Ok(())
}

/// Sends the reminders that are due: each date whose reminder time has come,
/// to each person going who was not reminded yet. Returns how many.
pub async fn send_reminders(
    db: &DatabaseConnection,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    // The longest reminder offered is two days; a week covers any setting.
    let soon = occurrence::Entity::find()
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(occurrence::Column::StartsAt.lt(now + Duration::days(7)))
        .all(db)
        .await?;
    let mut sent = 0;
    for date in soon {
        let Some(event) = event::Entity::find_by_id(date.event_id).one(db).await? else {
            continue;
        };
        if event.status != GatheringStatus::Published
            || !crate::backend::gatherings::visibility::is_public(&event)
            || event.reminder_hours <= 0
            || date.starts_at - Duration::hours(i64::from(event.reminder_hours)) > now
        {
            continue;
        }
        let Some(target) = target(db, &event.public_id, date.id).await? else {
            continue;
        };
        for recipient in recipients(db, date.id, true).await? {
            let txn = crate::backend::transaction::begin_write(db).await?;
            // Marked first, conditionally: another process may be here too.
            let marked = match recipient.rsvp_id {
                Some(id) => {
                    rsvp::Entity::update_many()
                        .col_expr(rsvp::Column::RemindedAt, Expr::value(now))
                        .filter(rsvp::Column::Id.eq(id))
                        .filter(rsvp::Column::RemindedAt.is_null())
                        // Read before this transaction: not if it was
                        // cancelled (and its address erased) since.
                        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
                        .filter(rsvp::Column::Email.eq(recipient.email.as_str()))
                        .exec(&txn)
                        .await?
                        .rows_affected
                }
                None => {
                    let person = user::Entity::find()
                        .filter(user::Column::Email.eq(recipient.email.as_str()))
                        .one(&txn)
                        .await?;
                    let Some(person) = person else { continue };
                    role_signup::Entity::update_many()
                        .col_expr(role_signup::Column::RemindedAt, Expr::value(now))
                        .filter(role_signup::Column::OccurrenceId.eq(date.id))
                        .filter(role_signup::Column::UserId.eq(person.id))
                        .filter(role_signup::Column::RemindedAt.is_null())
                        .exec(&txn)
                        .await?
                        .rows_affected
                }
            };
            if marked == 0 {
                txn.rollback().await?;
                continue;
            }
            tell(&txn, public_url, &target, &recipient, DateNews::Reminder).await?;
            txn.commit().await?;
            sent += 1;
        }
    }
    Ok(sent)
}
