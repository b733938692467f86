//! How long guests of a date are remembered. The installation's setting
//! lives in `instance_meta`, so that every server process, the emails and
//! the privacy page all read one value; administrators set it with
//! `commonground privacy forget-after DAYS`. A host may choose fewer days
//! (`hosts.forget_guests_after_days`), never more.

use crate::backend::entities::host;
use crate::backend::installation_settings::{read, write};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr};

/// Days after a date ends before its guests are forgotten, when nobody
/// chose otherwise.
pub const DEFAULT_FORGET_AFTER_DAYS: i32 = 30;
/// The most an installation may keep guests after a date: a year.
pub const MAX_FORGET_AFTER_DAYS: i32 = 365;

const FORGET_AFTER_KEY: &str = "privacy.forget_guests_after_days";
const LAST_RUN_KEY: &str = "privacy.last_forget_run";

/// The installation's number of days.
pub async fn forget_after_days<C: ConnectionTrait>(db: &C) -> Result<i32, DbErr> {
    Ok(read(db, FORGET_AFTER_KEY)
        .await?
        .and_then(|value| value.parse().ok())
        .filter(|days| (0..=MAX_FORGET_AFTER_DAYS).contains(days))
        .unwrap_or(DEFAULT_FORGET_AFTER_DAYS))
}

/// Sets the installation's number of days; `None` when out of range.
pub async fn set_forget_after_days<C: ConnectionTrait>(
    db: &C,
    days: i32,
) -> Result<Option<()>, DbErr> {
    if !(0..=MAX_FORGET_AFTER_DAYS).contains(&days) {
        return Ok(None);
    }
    write(db, FORGET_AFTER_KEY, &days.to_string(), Utc::now()).await?;
    Ok(Some(()))
}

/// The days that apply to a host's dates: its own choice when fewer.
pub fn effective_days(installation: i32, host: Option<i32>) -> i32 {
    host.map_or(installation, |days| days.clamp(0, installation))
}

/// When the guests of a date that ends at `ends_at` are forgotten.
pub fn forgotten_on(ends_at: DateTime<Utc>, days: i32) -> DateTime<Utc> {
    ends_at + Duration::days(days.into())
}

/// When the guests of a date of `host`'s that ends at `ends_at` are
/// forgotten, by the installation's and the host's settings.
pub async fn guests_forgotten_on<C: ConnectionTrait>(
    db: &C,
    host: &host::Model,
    ends_at: DateTime<Utc>,
) -> Result<DateTime<Utc>, DbErr> {
    let installation = forget_after_days(db).await?;
    Ok(forgotten_on(
        ends_at,
        effective_days(installation, host.forget_guests_after_days),
    ))
}

/// When the housekeeping last looked for dates to forget, in any process.
pub async fn last_run<C: ConnectionTrait>(db: &C) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(read(db, LAST_RUN_KEY)
        .await?
        .and_then(|value| DateTime::parse_from_rfc3339(&value).ok())
        .map(|at| at.with_timezone(&Utc)))
}

pub(super) async fn record_run<C: ConnectionTrait>(db: &C, at: DateTime<Utc>) -> Result<(), DbErr> {
    write(db, LAST_RUN_KEY, &at.to_rfc3339(), at).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_host_may_forget_sooner_but_never_later() {
        assert_eq!(effective_days(30, None), 30);
        assert_eq!(effective_days(30, Some(7)), 7);
        assert_eq!(effective_days(30, Some(0)), 0);
        assert_eq!(effective_days(30, Some(90)), 30);
    }
}
