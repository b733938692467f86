//! The email outbox. A feature never sends mail itself: it renders the
//! email (`templates`) and writes it here **in the same transaction** as the
//! change that causes it, so the change and its email commit or fail
//! together. The worker (`worker`) sends what is due, retrying with
//! backoff, and survives restarts because everything lives in the table.

pub mod delivered;
pub mod depth;
pub mod templates;
pub mod worker;

use super::entities::outbox_message;
use crate::domain::ids::OccurrenceId;
use chrono::Utc;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};
use std::sync::Arc;
use tokio::sync::Notify;

/// A rendered email, ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email {
    /// The template it came from, e.g. `sign_in_link`.
    pub kind: &'static str,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar file to attach (`invite.ics`).
    pub calendar: Option<String>,
    /// The date this email is about, when it goes to a guest or volunteer
    /// of that date: forgetting the date's guests drops it too.
    pub about: Option<OccurrenceId>,
}

/// Writes `email` to the outbox on `conn`, which should be the transaction
/// of the change the email is about.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, email: Email) -> Result<(), DbErr> {
    let now = Utc::now();
    outbox_message::ActiveModel {
        kind: Set(email.kind.into()),
        recipient: Set(email.to),
        subject: Set(email.subject),
        body_text: Set(email.text),
        body_html: Set(email.html),
        calendar: Set(email.calendar),
        occurrence_id: Set(email.about),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// Days a copy of a sent (or given-up) email is kept, for looking into a
/// delivery problem; then housekeeping deletes it. (Emails about a date go
/// sooner when its guests are forgotten.)
pub const DELIVERED_KEPT_FOR_DAYS: i64 = 7;

/// Kinds of email whose body holds a secret that does not expire soon (a
/// calendar address; a follow-up's key, which would also tie its answers
/// and story to the address): once delivered, only their subject and
/// recipient are kept, so the copy cannot be used by whoever reads the
/// database.
pub const LASTING_SECRET_KINDS: [&str; 2] = ["calendar_link", "follow_up"];

/// Housekeeping: deletes the copies of emails delivered or given up more
/// than [`DELIVERED_KEPT_FOR_DAYS`] before `now`.
pub async fn remove_delivered<C: ConnectionTrait>(
    conn: &C,
    now: chrono::DateTime<Utc>,
) -> Result<u64, DbErr> {
    use sea_orm::{ColumnTrait, Condition, EntityTrait, QueryFilter};
    let before = now - chrono::Duration::days(DELIVERED_KEPT_FOR_DAYS);
    Ok(outbox_message::Entity::delete_many()
        .filter(
            Condition::any()
                .add(outbox_message::Column::SentAt.lt(before))
                .add(outbox_message::Column::FailedAt.lt(before)),
        )
        .exec(conn)
        .await?
        .rows_affected)
}

/// Tells this process's worker that mail is waiting, so it need not wait for
/// its next poll. Other processes find it at their next poll.
#[derive(Clone, Default)]
pub struct OutboxDoorbell(Arc<Notify>);

impl OutboxDoorbell {
    pub fn ring(&self) {
        self.0.notify_one();
    }

    pub async fn wait(&self) {
        self.0.notified().await;
    }
}
