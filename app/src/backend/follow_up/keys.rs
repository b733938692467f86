//! The keys of follow-up emails. A key is 256 random bits; the database
//! holds its hash, its date and whether it was used. A date's keys are
//! made in one statement, in an order of their own, so nothing tells which
//! reply a key went to. Its story is kept under a different hash of the
//! same key (`story_hash`): the two tables cannot be joined.

use crate::backend::entities::follow_up_key;
use crate::backend::secret::{self, Secret};
use crate::domain::ids::OccurrenceId;
use chrono::{DateTime, Duration, Utc};
use rand::seq::SliceRandom;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// How long a key answers the questions after its email went out. (A
/// published story can be withdrawn with it for as long as it is shown.)
pub const VALID_FOR: Duration = Duration::days(30);

/// When the keys of a date that started at `starts_at` (in `time_zone`),
/// sent at `sent_at`, stop taking answers: [`VALID_FOR`] later, but never
/// after its quarter's figures are published (`domain::quarter`), so a
/// published figure does not change.
pub fn expiry(sent_at: DateTime<Utc>, starts_at: DateTime<Utc>, time_zone: &str) -> DateTime<Utc> {
    use crate::domain::quarter::{Quarter, SETTLE_DAYS};
    let local_day = starts_at
        .with_timezone(&crate::backend::time_zone::named(time_zone))
        .date_naive();
    // A day's margin for the date's own time zone.
    let settles = (Quarter::of(local_day).last_day() + Duration::days(SETTLE_DAYS - 1))
        .and_hms_opt(0, 0, 0)
        .expect("midnight")
        .and_utc();
    (sent_at + VALID_FOR).min(settles)
}

/// The hash a key is stored under.
pub fn key_hash(token: &str) -> String {
    secret::hash(token)
}

/// The hash a key's story is stored under: never equal to a key's hash.
pub fn story_hash(token: &str) -> String {
    secret::hash(&format!("story:{token}"))
}

/// Makes `how_many` keys for the date `occurrence_id`, all valid until
/// `expires_at`, and returns them (to be emailed, each to one guest).
pub async fn issue<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
    how_many: usize,
    expires_at: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    if how_many == 0 {
        return Ok(Vec::new());
    }
    let secrets: Vec<Secret> = (0..how_many).map(|_| Secret::generate()).collect();
    let mut rows: Vec<follow_up_key::ActiveModel> = secrets
        .iter()
        .map(|secret| follow_up_key::ActiveModel {
            key_hash: Set(secret.hash.clone()),
            occurrence_id: Set(occurrence_id),
            answered: Set(false),
            expires_at: Set(expires_at),
        })
        .collect();
    // Stored in an order unrelated to the order the emails are written in.
    rows.shuffle(&mut rand::rng());
    follow_up_key::Entity::insert_many(rows)
        .exec_without_returning(db)
        .await?;
    Ok(secrets.into_iter().map(|secret| secret.token).collect())
}

/// The key `token`, when it exists.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    token: &str,
) -> Result<Option<follow_up_key::Model>, DbErr> {
    follow_up_key::Entity::find_by_id(key_hash(token))
        .one(db)
        .await
}

/// Housekeeping: deletes the keys that no longer answer anything.
pub async fn remove_expired<C: ConnectionTrait>(db: &C, now: DateTime<Utc>) -> Result<u64, DbErr> {
    Ok(follow_up_key::Entity::delete_many()
        .filter(follow_up_key::Column::ExpiresAt.lt(now))
        .exec(db)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_key_never_outlives_its_quarters_publication() {
        // A date in mid-February: 30 days after sending.
        let starts = Utc.with_ymd_and_hms(2026, 2, 10, 17, 0, 0).unwrap();
        let sent = starts + Duration::hours(16);
        assert_eq!(expiry(sent, starts, "Europe/Berlin"), sent + VALID_FOR);
        // A date on the quarter's last evening (31 March), sent days later
        // (the server was down): cut to the day before the quarter settles.
        let late = Utc.with_ymd_and_hms(2026, 3, 31, 17, 0, 0).unwrap();
        let sent = late + Duration::days(6);
        let cut = expiry(sent, late, "Europe/Berlin");
        assert!(cut < sent + VALID_FOR);
        assert_eq!(cut, Utc.with_ymd_and_hms(2026, 5, 4, 0, 0, 0).unwrap());
    }
}
