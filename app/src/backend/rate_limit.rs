//! Rate limits shared by every server process: a counter per key and fixed
//! time window, incremented by one atomic upsert.

use super::sql::Sql;
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr, FromQueryResult};

/// A limit of `max` actions per `window_seconds`.
#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max: i32,
    pub window_seconds: i64,
}

/// The limits of each kind of write, per person or per network address.
pub mod limits {
    use super::Limit;

    /// Sign-in links per email address.
    pub const SIGN_IN_PER_ADDRESS: Limit = Limit {
        max: 5,
        window_seconds: 15 * 60,
    };
    /// Sign-in links per network address (many people may share one).
    pub const SIGN_IN_PER_NETWORK: Limit = Limit {
        max: 30,
        window_seconds: 15 * 60,
    };
    /// Gatherings created per person.
    pub const GATHERINGS_PER_PERSON: Limit = Limit {
        max: 30,
        window_seconds: 60 * 60,
    };
    /// Other writes (hosts, invitations, edits) per person.
    pub const WRITES_PER_PERSON: Limit = Limit {
        max: 120,
        window_seconds: 60 * 60,
    };
}

/// How many replies without an account one network address may send, and
/// how many confirmation emails they may cause. Many people may share one
/// address (a shelter's or a community centre's wifi), so these are
/// generous and an installation can raise them (`[reply_limits]`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ReplyLimits {
    /// Replies without an account (by device or by email) from one network
    /// address to one date, per hour.
    pub per_network_per_date: i32,
    /// The same to all dates together, per hour.
    pub per_network: i32,
    /// Confirmation emails to one address, per hour: a typed address gets
    /// no more than this, whoever types it.
    pub mails_per_address: i32,
    /// Confirmation emails caused from one network address, per hour.
    pub mails_per_network: i32,
}

impl Default for ReplyLimits {
    fn default() -> Self {
        Self {
            per_network_per_date: 30,
            per_network: 120,
            mails_per_address: 5,
            mails_per_network: 40,
        }
    }
}

impl ReplyLimits {
    /// The counters one reply without an account goes through, in order:
    /// per network and date, per network; with an email address also per
    /// recipient and per network. Keys never hold the address itself, only
    /// its hash, since the table is not forgotten with the reply.
    pub fn keys(
        &self,
        network: &str,
        occurrence_id: i64,
        email: Option<&str>,
    ) -> Vec<(String, Limit)> {
        let hourly = |max| Limit {
            max,
            window_seconds: 60 * 60,
        };
        let mut keys = vec![
            (
                format!("reply:{network}:{occurrence_id}"),
                hourly(self.per_network_per_date),
            ),
            (format!("reply:{network}"), hourly(self.per_network)),
        ];
        if let Some(email) = email {
            let recipient = super::secret::hash(&email.to_lowercase());
            keys.push((
                format!("reply-mail-to:{recipient}"),
                hourly(self.mails_per_address),
            ));
            keys.push((
                format!("reply-mail-from:{network}"),
                hourly(self.mails_per_network),
            ));
        }
        keys
    }
}

#[derive(FromQueryResult)]
struct Hits {
    hits: i32,
}

/// Counts one action under `key`; `false` when the limit is already
/// reached, and the action must not happen.
pub async fn allow<C: ConnectionTrait>(conn: &C, key: &str, limit: Limit) -> Result<bool, DbErr> {
    let now = Utc::now().timestamp();
    let window_start = now - now.rem_euclid(limit.window_seconds);
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("INSERT INTO rate_limits (\"key\", window_start, hits) VALUES (")
        .bind(key)
        .push(", ")
        .bind(window_start)
        .push(", 1) ON CONFLICT (\"key\", window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits");
    let hits = Hits::find_by_statement(sql.build())
        .one(conn)
        .await?
        .map_or(1, |row| row.hits);
    Ok(hits <= limit.max)
}

/// Forgets windows older than a day.
pub async fn remove_old<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("DELETE FROM rate_limits WHERE window_start < ")
        .bind(Utc::now().timestamp() - 24 * 60 * 60);
    conn.execute_raw(sql.build()).await?;
    Ok(())
}
