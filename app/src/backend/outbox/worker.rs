//! Sends what the outbox holds. Each server process runs one worker; on
//! PostgreSQL several processes share one outbox.
//!
//! A worker *claims* one due message with a single conditional `UPDATE`
//! that sets a lease (`locked_until`) and counts the attempt. On PostgreSQL
//! the row is picked with `FOR UPDATE SKIP LOCKED`, and the outer `WHERE`
//! re-checks the lease, so two processes never claim the same message; on
//! SQLite the statement runs under the database's single write lock. After
//! the SMTP server accepted the message, it is marked sent. If the process
//! dies between the two, the lease runs out and the message is sent again:
//! delivery is at least once, and twice only in that narrow crash window.

use super::super::{
    entities::outbox_message,
    mail::{Mailer, OutgoingEmail},
};
use super::{OutboxDoorbell, delivered::DeliveredCount};
use crate::backend::sql::Sql;
use chrono::{DateTime, Utc};
use rand::Rng;
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, FromQueryResult,
    QueryFilter, sea_query::Expr,
};
use std::time::Duration;

/// How the worker paces itself.
#[derive(Clone, Debug)]
pub struct RetryPolicy {
    /// Wait after the first failure; doubles with each further one.
    pub first_retry: Duration,
    /// The longest wait between two attempts.
    pub max_retry: Duration,
    /// After this many failed attempts the message is set aside as failed.
    pub max_attempts: i32,
    /// How often to look for due messages when nobody rings.
    pub poll: Duration,
    /// How long a claimed message is reserved for its worker.
    pub lease: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            first_retry: Duration::from_secs(30),
            max_retry: Duration::from_secs(60 * 60),
            // About two days of hourly retries after the first hour.
            max_attempts: 60,
            poll: Duration::from_secs(2),
            lease: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// Exponential backoff with jitter (between half and all of the step),
    /// so messages that failed together do not all retry at once.
    pub fn delay_after(&self, attempts: i32) -> Duration {
        let exponent = attempts.saturating_sub(1).clamp(0, 20) as u32;
        let step = self
            .first_retry
            .saturating_mul(2u32.saturating_pow(exponent))
            .min(self.max_retry);
        step.mul_f64(rand::rng().random_range(0.5..=1.0))
    }
}

pub struct OutboxWorker {
    pub db: DatabaseConnection,
    pub mailer: Mailer,
    pub policy: RetryPolicy,
    pub doorbell: OutboxDoorbell,
    /// Counts what this worker delivered (for `/metrics`).
    pub delivered: DeliveredCount,
}

impl OutboxWorker {
    /// Sends until the task is dropped (at shutdown).
    pub async fn run(self) {
        loop {
            match self.send_next().await {
                Ok(true) => continue,
                Ok(false) => {}
                Err(error) => tracing::warn!(%error, "outbox: database unavailable"),
            }
            tokio::select! {
                () = self.doorbell.wait() => {}
                () = tokio::time::sleep(self.policy.poll) => {}
            }
        }
    }

    /// Claims and sends one due message. `Ok(false)` when none is due.
    pub async fn send_next(&self) -> Result<bool, DbErr> {
        let Some(message) = claim(&self.db, self.policy.lease).await? else {
            return Ok(false);
        };
        let email = match message.recipient.parse() {
            Ok(to) => OutgoingEmail {
                to,
                subject: message.subject.clone(),
                text: message.body_text.clone(),
                html: message.body_html.clone(),
                calendar: message.calendar.clone(),
            },
            Err(error) => {
                // No retry can fix an address the mail library refuses.
                let error = format!("invalid recipient address: {error}");
                record_failure(&self.db, message.id, &error, None).await?;
                return Ok(true);
            }
        };
        match self.mailer.send(email).await {
            Ok(()) => {
                record_sent(&self.db, message.id).await?;
                self.delivered.add_one();
                tracing::info!(id = message.id, kind = %message.kind, "outbox: sent");
            }
            Err(error) => {
                let retry_at = (message.attempts < self.policy.max_attempts).then(|| {
                    Utc::now()
                        + chrono::Duration::from_std(self.policy.delay_after(message.attempts))
                            .unwrap_or_default()
                });
                tracing::warn!(id = message.id, attempts = message.attempts, %error, "outbox: delivery failed");
                record_failure(&self.db, message.id, &error.to_string(), retry_at).await?;
            }
        }
        Ok(true)
    }
}

#[derive(FromQueryResult)]
struct Claimed {
    id: i64,
    kind: String,
    recipient: String,
    subject: String,
    body_text: String,
    body_html: String,
    calendar: Option<String>,
    attempts: i32,
}

async fn claim(db: &DatabaseConnection, lease: Duration) -> Result<Option<Claimed>, DbErr> {
    let backend = db.get_database_backend();
    let now = Utc::now();
    let lease_end = now + chrono::Duration::from_std(lease).unwrap_or_default();
    let due = |sql: &mut Sql| {
        sql.push("sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ")
            .bind(now)
            .push(" AND (locked_until IS NULL OR locked_until < ")
            .bind(now)
            .push(")");
    };
    let mut sql = Sql::new(backend);
    sql.push("UPDATE outbox SET locked_until = ")
        .bind(lease_end)
        .push(", attempts = attempts + 1 WHERE id = (SELECT id FROM outbox WHERE ");
    due(&mut sql);
    sql.push(" ORDER BY next_attempt_at, id LIMIT 1");
    if backend == DatabaseBackend::Postgres {
        sql.push(" FOR UPDATE SKIP LOCKED");
    }
    // Checked again on the row actually updated: under PostgreSQL's read
    // committed, a worker that waited for another's update sees its lease.
    sql.push(") AND ");
    due(&mut sql);
    sql.push(" RETURNING id, kind, recipient, subject, body_text, body_html, calendar, attempts");
    Claimed::find_by_statement(sql.build()).one(db).await
}

async fn record_sent(db: &DatabaseConnection, id: i64) -> Result<(), DbErr> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::SentAt, Expr::value(Utc::now()))
        .col_expr(
            outbox_message::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            outbox_message::Column::LastError,
            Expr::value(Option::<String>::None),
        )
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    forget_lasting_secret(db, id).await
}

/// Keeps only the subject and recipient of a message whose body holds a
/// lasting secret, once it is delivered or given up on (a message that
/// timed out may have arrived all the same).
async fn forget_lasting_secret(db: &DatabaseConnection, id: i64) -> Result<(), DbErr> {
    outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::BodyText, Expr::value(""))
        .col_expr(outbox_message::Column::BodyHtml, Expr::value(""))
        .filter(outbox_message::Column::Id.eq(id))
        .filter(outbox_message::Column::Kind.is_in(super::LASTING_SECRET_KINDS))
        .exec(db)
        .await?;
    Ok(())
}

/// Puts a message back for a retry at `retry_at`, or sets it aside as
/// failed when there is none.
async fn record_failure(
    db: &DatabaseConnection,
    id: i64,
    error: &str,
    retry_at: Option<DateTime<Utc>>,
) -> Result<(), DbErr> {
    let error: String = error.chars().take(1000).collect();
    let update = outbox_message::Entity::update_many()
        .col_expr(
            outbox_message::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(outbox_message::Column::LastError, Expr::value(error));
    let update = match retry_at {
        Some(at) => update.col_expr(outbox_message::Column::NextAttemptAt, Expr::value(at)),
        None => update.col_expr(outbox_message::Column::FailedAt, Expr::value(Utc::now())),
    };
    update
        .filter(outbox_message::Column::Id.eq(id))
        .exec(db)
        .await?;
    if retry_at.is_none() {
        forget_lasting_secret(db, id).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::RetryPolicy;
    use std::time::Duration;

    #[test]
    fn retries_back_off_exponentially_within_bounds() {
        let policy = RetryPolicy::default();
        for (attempts, full) in [(1, 30), (2, 60), (3, 120), (8, 3600), (50, 3600)] {
            let delay = policy.delay_after(attempts);
            assert!(delay <= Duration::from_secs(full), "{attempts}: {delay:?}");
            assert!(
                delay >= Duration::from_secs(full) / 2,
                "{attempts}: {delay:?}"
            );
        }
    }
}
