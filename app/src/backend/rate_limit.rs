//! Rate limits shared by every server process: a counter per key and fixed
//! time window, incremented by one atomic upsert.

use super::sql::Sql;
use crate::domain::ids::OccurrenceId;
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
    /// Gatherings created per person.
    pub const GATHERINGS_PER_PERSON: Limit = Limit {
        max: 30,
        window_seconds: 60 * 60,
    };
    /// Lookups on a door page by one helper (not an organiser) on one date:
    /// enough to look up every guest of a big dinner, far too few to rebuild
    /// the list by trying names.
    pub const DOOR_LOOKUPS_PER_HELPER: Limit = Limit {
        max: 200,
        window_seconds: 3 * 60 * 60,
    };
    /// Reports per network address (anyone may report, with or without an
    /// account; a shared wifi may hold several people who report).
    pub const REPORTS_PER_NETWORK: Limit = Limit {
        max: 10,
        window_seconds: 60 * 60,
    };
    /// Pictures added per person: each is decoded, the costliest thing a
    /// form asks of the server.
    pub const PICTURES_PER_PERSON: Limit = Limit {
        max: 30,
        window_seconds: 60 * 60,
    };
    /// Other writes (hosts, invitations, edits) per person.
    pub const WRITES_PER_PERSON: Limit = Limit {
        max: 120,
        window_seconds: 60 * 60,
    };
    /// Forms sent with a key from an email and no account (a follow-up's
    /// answers, withdrawing a story, stopping messages) per network
    /// address: a guessed key never works, but guessing still costs us.
    pub const LINK_FORMS_PER_NETWORK: Limit = Limit {
        max: 120,
        window_seconds: 60 * 60,
    };
}

/// How many people replies without an account from one network address
/// may bring, and how many confirmation emails they may cause. Counted in
/// people, not requests: a reply for a party of five counts five. Many
/// people may share one address (a shelter's or a community centre's wifi),
/// so these are generous, and an installation can raise them
/// (`[reply_limits]`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct ReplyLimits {
    /// People in replies without an account (by device or by email) from
    /// one network to one date, per hour.
    pub per_network_per_date: i32,
    /// The same to all dates together, per hour.
    pub per_network: i32,
    /// Confirmation emails to one address, per hour: a typed address gets
    /// no more than this, whoever types it.
    pub mails_per_address: i32,
    /// Confirmation emails caused from one network, per hour.
    pub mails_per_network: i32,
}

impl Default for ReplyLimits {
    fn default() -> Self {
        Self {
            per_network_per_date: 20,
            per_network: 80,
            mails_per_address: 5,
            mails_per_network: 40,
        }
    }
}

/// Sign-in links (and links to a guest's data) asked for from one network
/// address per 15 minutes. Many people may share one address (a shelter, a
/// library, a language class), so an installation can raise it
/// (`[sign_in_limits]`).
#[derive(Clone, Copy, Debug, PartialEq, serde::Deserialize, serde::Serialize)]
pub struct SignInLimits {
    pub per_network: i32,
}

impl Default for SignInLimits {
    fn default() -> Self {
        Self { per_network: 30 }
    }
}

impl SignInLimits {
    pub fn per_network(self) -> Limit {
        Limit {
            max: self.per_network,
            window_seconds: 15 * 60,
        }
    }
}

/// At most `max` per hour.
fn hourly(max: i32) -> Limit {
    Limit {
        max,
        window_seconds: 60 * 60,
    }
}

impl ReplyLimits {
    /// The counters of the people a reply without an account brings, in
    /// the order they are counted: its network's to all dates, then to this
    /// date.
    pub fn people_from(&self, network: &str, occurrence_id: OccurrenceId) -> [(String, Limit); 2] {
        [
            (format!("reply-network:{network}"), hourly(self.per_network)),
            (
                format!("reply-date:{occurrence_id}:{network}"),
                hourly(self.per_network_per_date),
            ),
        ]
    }

    /// The counter of confirmation emails a network caused. (The mails to
    /// one address are counted when one is written: [`Self::mails_to`].)
    pub fn mails_from(&self, network: &str) -> (String, Limit) {
        (
            format!("reply-mail-from:{network}"),
            hourly(self.mails_per_network),
        )
    }

    /// The counter of confirmation emails to `email`. The key holds a hash
    /// of the address without its `+tag` (every tag reaches the same
    /// inbox), and like every counter it is deleted after a day.
    pub fn mails_to(&self, email: &str) -> (String, Limit) {
        let email = email.to_lowercase();
        let inbox = match email.split_once('@') {
            Some((local, domain)) => {
                format!("{}@{domain}", local.split('+').next().unwrap_or(local))
            }
            None => email,
        };
        (
            format!("reply-mail-to:{}", super::secret::hash(&inbox)),
            hourly(self.mails_per_address),
        )
    }
}

/// The network a request comes from, as rate limits count it: an IPv4
/// address, or the /64 prefix of an IPv6 one (a single home or phone gets a
/// whole /64, so counting addresses inside it would count nothing).
pub fn network_of(address: std::net::IpAddr) -> String {
    match address {
        std::net::IpAddr::V4(v4) => v4.to_string(),
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// Counts one action under `key`; `false` when the limit is already
/// reached, and the action must not happen.
pub async fn allow<C: ConnectionTrait>(conn: &C, key: &str, limit: Limit) -> Result<bool, DbErr> {
    allow_many(conn, key, limit, 1).await
}

/// Counts `weight` actions at once under `key` (a reply for several
/// people); `false` when they would go past the limit.
pub async fn allow_many<C: ConnectionTrait>(
    conn: &C,
    key: &str,
    limit: Limit,
    weight: i32,
) -> Result<bool, DbErr> {
    let keys = [(key.to_string(), limit)];
    Ok(first_over(conn, &keys, weight).await?.is_none())
}

/// Counts `weight` actions under every key of `keys` in one statement (one
/// write however many keys); the first key whose limit they would pass, if
/// any. The one place that counts: [`allow`] and [`allow_many`] ask it for
/// one key.
pub async fn first_over<'k, C: ConnectionTrait>(
    conn: &C,
    keys: &'k [(String, Limit)],
    weight: i32,
) -> Result<Option<&'k str>, DbErr> {
    if keys.is_empty() {
        return Ok(None);
    }
    let now = Utc::now().timestamp();
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("INSERT INTO rate_limits (\"key\", window_start, hits) VALUES ");
    for (n, (key, limit)) in keys.iter().enumerate() {
        let window_start = window_start(now, *limit);
        sql.push(if n == 0 { "(" } else { ", (" })
            .bind(key.as_str())
            .push(", ")
            .bind(window_start)
            .push(", ")
            .bind(weight)
            .push(")");
    }
    sql.push(" ON CONFLICT (\"key\", window_start) DO UPDATE SET hits = rate_limits.hits + ")
        .bind(weight)
        .push(" RETURNING \"key\", hits");
    let counted = KeyHits::find_by_statement(sql.build()).all(conn).await?;
    Ok(keys.iter().find_map(|(key, limit)| {
        let over = counted
            .iter()
            .any(|row| row.key == *key && row.hits > limit.max);
        over.then_some(key.as_str())
    }))
}

/// The start of the window of `limit` that `now` (Unix seconds) falls in.
pub fn window_start(now: i64, limit: Limit) -> i64 {
    now - now.rem_euclid(limit.window_seconds)
}

#[derive(FromQueryResult)]
struct KeyHits {
    key: String,
    hits: i32,
}

/// How long a counting window (which names a network or a hashed address)
/// is kept; the privacy page says so.
pub const KEPT_FOR_HOURS: i64 = 24;

/// Forgets windows older than `KEPT_FOR_HOURS`.
pub async fn remove_old<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("DELETE FROM rate_limits WHERE window_start < ")
        .bind(Utc::now().timestamp() - KEPT_FOR_HOURS * 60 * 60);
    conn.execute_raw(sql.build()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{ReplyLimits, network_of};

    #[test]
    fn networks_are_addresses_or_ipv6_prefixes() {
        assert_eq!(network_of("203.0.113.7".parse().unwrap()), "203.0.113.7");
        assert_eq!(
            network_of("2001:db8:1:2:aaaa::1".parse().unwrap()),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            network_of("2001:db8:1:2:bbbb::9".parse().unwrap()),
            network_of("2001:db8:1:2::1".parse().unwrap())
        );
        assert_eq!(network_of("::ffff:192.0.2.1".parse().unwrap()), "192.0.2.1");
    }

    #[test]
    fn every_tag_of_an_address_shares_its_mail_limit() {
        let limits = ReplyLimits::default();
        let (key, _) = limits.mails_to("amal@example.org");
        assert_eq!(limits.mails_to("Amal+1@Example.org").0, key);
        assert_eq!(limits.mails_to("amal+spam@example.org").0, key);
        assert_ne!(limits.mails_to("amala@example.org").0, key);
        assert!(!key.contains("amal"), "the key never holds the address");
    }

    #[test]
    fn keys_of_different_networks_and_dates_never_meet() {
        use crate::domain::ids::OccurrenceId;
        let limits = ReplyLimits::default();
        let a = limits.people_from("2001:db8::/64", OccurrenceId(5));
        let b = limits.people_from("2001:db8::1:5", OccurrenceId(5));
        for (key, _) in &a {
            assert!(b.iter().all(|(other, _)| other != key));
        }
    }
}
