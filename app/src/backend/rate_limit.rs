//! Rate limits shared by every server process: a counter per key and fixed
//! time window, incremented by one atomic upsert, and read as a sliding
//! window: the previous window's count weighs as much as the part of it
//! still within `window_seconds` of now. So a limit means the same at
//! 07:00:01 as at 07:30 — a fixed window alone would let `max` actions
//! through just before the hour and `max` more just after it.

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

/// A key found over its limit, and until when it stays over if nothing
/// more is counted under it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Over<'k> {
    pub key: &'k str,
    /// Unix seconds.
    pub until: i64,
}

/// Counts `weight` actions under every key of `keys` in one statement (one
/// write however many keys); the first key whose limit they would pass, if
/// any. The one place that counts: [`allow`] and [`allow_many`] ask it for
/// one key.
pub async fn first_over<'k, C: ConnectionTrait>(
    conn: &C,
    keys: &'k [(String, Limit)],
    weight: i32,
) -> Result<Option<Over<'k>>, DbErr> {
    if keys.is_empty() {
        return Ok(None);
    }
    debug_assert!(
        keys.iter()
            .enumerate()
            .all(|(n, (key, _))| keys[..n].iter().all(|(other, _)| other != key)),
        "each key once: the statement matches rows by key"
    );
    let now = Utc::now().timestamp();
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("INSERT INTO rate_limits (\"key\", window_start, hits, expires_at) VALUES ");
    for (n, (key, limit)) in keys.iter().enumerate() {
        let start = window_start(now, *limit);
        sql.push(if n == 0 { "(" } else { ", (" })
            .bind(key.as_str())
            .push(", ")
            .bind(start)
            .push(", ")
            .bind(weight)
            .push(", ")
            // It counts in its own window and, weighed, in the next.
            .bind(start + 2 * limit.window_seconds)
            .push(")");
    }
    sql.push(" ON CONFLICT (\"key\", window_start) DO UPDATE SET hits = rate_limits.hits + ")
        .bind(weight)
        // The previous window's count beside the new one. (PostgreSQL
        // reads it as it was before the statement, SQLite after the rows
        // this statement wrote before; either way the previous window's
        // row is not one this statement writes.)
        .push(
            " RETURNING \"key\", hits, (SELECT previous.hits FROM rate_limits previous \
             WHERE previous.\"key\" = rate_limits.\"key\" \
             AND previous.window_start = CASE rate_limits.\"key\"",
        );
    for (key, limit) in keys {
        sql.push(" WHEN ")
            .bind(key.as_str())
            .push(" THEN ")
            .bind(window_start(now, *limit) - limit.window_seconds);
    }
    sql.push(" END) AS previous_hits");
    let counted = KeyHits::find_by_statement(sql.build()).all(conn).await?;
    Ok(keys.iter().find_map(|(key, limit)| {
        let row = counted.iter().find(|row| row.key == *key)?;
        let count = Count {
            current: row.hits,
            previous: row.previous_hits.unwrap_or(0),
        };
        let until = count.over_until(now, *limit)?;
        Some(Over { key, until })
    }))
}

/// The start of the window of `limit` that `now` (Unix seconds) falls in.
pub fn window_start(now: i64, limit: Limit) -> i64 {
    now - now.rem_euclid(limit.window_seconds)
}

/// What one key counted in the window `now` falls in, and in the one
/// before it.
#[derive(Clone, Copy, Debug)]
struct Count {
    current: i32,
    previous: i32,
}

impl Count {
    /// Whether the count is over `limit` at `now`, and if so the first
    /// second at which it no longer is, should nothing more be counted:
    /// the previous window's count weighs `(window - elapsed) / window`,
    /// and once this window ends, this count becomes the previous one.
    fn over_until(self, now: i64, limit: Limit) -> Option<i64> {
        let window = limit.window_seconds;
        let start = window_start(now, limit);
        let (current, previous, max) = (
            i64::from(self.current),
            i64::from(self.previous),
            i64::from(limit.max),
        );
        let elapsed = now - start;
        if current * window + previous * (window - elapsed) <= max * window {
            return None;
        }
        // The weighted count falls to `max` when the older count's weight
        // has fallen to what `max` leaves room for.
        // (`older` is over zero whenever the count is over: a limit below
        // zero is no limit an installation can set, but is not divided by.)
        let falls_to_max = |older: i64, room: i64, its_window_end: i64| {
            its_window_end - (room.max(0) * window).div_euclid(older.max(1))
        };
        Some(if current <= max {
            falls_to_max(previous, max - current, start + window)
        } else {
            falls_to_max(current, max, start + 2 * window)
        })
    }
}

#[derive(FromQueryResult)]
struct KeyHits {
    key: String,
    hits: i32,
    previous_hits: Option<i32>,
}

/// How long a count that names a network or a hashed address is kept at
/// most; the privacy page says so. Each such limit counts per hour or
/// less, and a count is deleted when it can no longer count: after its
/// window and the next (a unit test holds the limits to it).
pub const KEPT_FOR_HOURS: i64 = 2;

/// Forgets the counts that can no longer count (`expires_at`: the end of
/// the window after their own).
pub async fn remove_old<C: ConnectionTrait>(conn: &C) -> Result<(), DbErr> {
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push("DELETE FROM rate_limits WHERE expires_at <= ")
        .bind(Utc::now().timestamp());
    conn.execute_raw(sql.build()).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{Count, Limit, ReplyLimits, network_of};

    const HOURLY_30: Limit = Limit {
        max: 30,
        window_seconds: 3600,
    };
    /// Some hour's start, in Unix seconds.
    const HOUR: i64 = 500_000 * 3600;

    fn count(current: i32, previous: i32) -> Count {
        Count { current, previous }
    }

    #[test]
    fn a_limit_reached_just_before_the_hour_still_holds_just_after_it() {
        // 30 in the last minute of the previous hour, one more 10 s into
        // this one: over, until the 30 weigh 29 (two minutes in).
        let over = count(1, 30).over_until(HOUR + 10, HOURLY_30);
        assert_eq!(over, Some(HOUR + 120));
        assert_eq!(count(1, 30).over_until(HOUR + 120, HOURLY_30), None);
        assert_eq!(count(1, 30).over_until(HOUR + 119, HOURLY_30), over);
        // Half an hour on, the previous hour weighs half.
        assert_eq!(count(15, 30).over_until(HOUR + 1800, HOURLY_30), None);
        assert!(count(16, 30).over_until(HOUR + 1800, HOURLY_30).is_some());
    }

    #[test]
    fn counts_that_name_networks_or_addresses_are_kept_as_the_privacy_page_says() {
        use super::{KEPT_FOR_HOURS, SignInLimits, limits};
        let replies = ReplyLimits::default();
        let network = "203.0.113.7";
        let naming = [
            limits::SIGN_IN_PER_ADDRESS,
            limits::REPORTS_PER_NETWORK,
            limits::LINK_FORMS_PER_NETWORK,
            SignInLimits::default().per_network(),
            replies.mails_from(network).1,
            replies.mails_to("amal@example.org").1,
            replies.people_from(network, crate::domain::ids::OccurrenceId(1))[0].1,
            replies.people_from(network, crate::domain::ids::OccurrenceId(1))[1].1,
        ];
        for limit in naming {
            // Kept for its own window and the next.
            assert!(
                2 * limit.window_seconds <= KEPT_FOR_HOURS * 3600,
                "{limit:?}"
            );
        }
    }

    #[test]
    fn a_count_over_in_its_own_window_stays_over_into_the_next() {
        assert_eq!(count(30, 0).over_until(HOUR + 1800, HOURLY_30), None);
        // 31 this hour: over for the rest of it, and in the next until the
        // 31 weigh 30 (3,600 x 30 / 31 = 3,483 s before that hour ends).
        let until = count(31, 0).over_until(HOUR + 1800, HOURLY_30);
        assert_eq!(until, Some(HOUR + 2 * 3600 - 3483));
        assert!(
            count(0, 31)
                .over_until(HOUR + 3600 + 116, HOURLY_30)
                .is_some()
        );
        assert_eq!(count(0, 31).over_until(HOUR + 3600 + 117, HOURLY_30), None);
    }

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
