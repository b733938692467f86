//! The follow-up email: the day after a date, once, to each guest who
//! ticked "ask me afterwards how it went" and came (when the door was used,
//! those checked in; otherwise those whose place was confirmed). Each email
//! carries a fresh key that names no reply (`backend::follow_up::keys`).
//!
//! Safe with several processes: a reply is marked in the transaction that
//! writes its email, only where it was not marked yet.

use super::{Target, notify::Context};
use crate::backend::entities::{event, occurrence, rsvp};
use crate::backend::follow_up::keys;
use crate::backend::{outbox, time_zone, transaction::begin_write};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus};
use chrono::{DateTime, Duration, NaiveTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// The local time of day the follow-up goes out, the day after a date.
const SENT_AT_LOCAL: NaiveTime = NaiveTime::from_hms_opt(10, 0, 0).expect("a time of day");
/// At least this long after a date ends (a date that ends late at night).
const AFTER_THE_END: Duration = Duration::hours(2);
/// A date whose follow-up could not go out within this long (the server
/// was down) gets none: a week later nobody remembers the evening well.
const GIVE_UP_AFTER: Duration = Duration::days(7);

/// When the follow-up of `date` goes out: 10:00 in the gathering's time
/// zone on the day after it starts, and no sooner than two hours after it
/// ends.
pub fn due_at(date: &occurrence::Model, time_zone: &str) -> DateTime<Utc> {
    let zone = time_zone::named(time_zone);
    let next_day = date.starts_at.with_timezone(&zone).date_naive() + Duration::days(1);
    let morning = next_day
        .and_time(SENT_AT_LOCAL)
        .and_local_timezone(zone)
        .earliest()
        // 10:00 falls in a clock change only in theory; noon never does.
        .map_or(date.starts_at + Duration::days(1), |at| {
            at.with_timezone(&Utc)
        });
    morning.max(date.ends_at + AFTER_THE_END)
}

/// When the follow-up of `date` stops taking answers: every key of the
/// date expires then (they are made with it, whenever they are sent).
pub fn answers_close_at(date: &occurrence::Model, time_zone: &str) -> DateTime<Utc> {
    keys::expiry(due_at(date, time_zone), date.starts_at, time_zone)
}

/// Writes the follow-ups that are due at `now`. Returns how many.
pub async fn send_due(
    db: &DatabaseConnection,
    public_url: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    // A date ends at least two hours before its follow-up goes, which is
    // at most a day and a half after it starts.
    let candidates = occurrence::Entity::find()
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::EndsAt.lte(now - AFTER_THE_END))
        .filter(occurrence::Column::EndsAt.gt(now - GIVE_UP_AFTER))
        .filter(occurrence::Column::GuestsForgottenAt.is_null())
        .filter(
            occurrence::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(rsvp::Column::OccurrenceId)
                    .from(rsvp::Entity)
                    .and_where(rsvp::Column::FollowUpWanted.eq(true))
                    .and_where(rsvp::Column::FollowUpSent.eq(false))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    let mut sent = 0;
    for date in candidates {
        let Some(event) = event::Entity::find_by_id(date.event_id).one(db).await? else {
            continue;
        };
        if event.status != GatheringStatus::Published
            || !crate::backend::gatherings::visibility::is_public(&event)
            || due_at(&date, &event.time_zone) > now
        {
            continue;
        }
        let target = Target {
            occurrence: date,
            event,
        };
        sent += send_for_date(db, public_url, &target).await?;
    }
    Ok(sent)
}

/// Writes the follow-ups of one date in one transaction: marks the replies,
/// makes their keys together and queues their emails.
async fn send_for_date(
    db: &DatabaseConnection,
    public_url: &str,
    target: &Target,
) -> Result<usize, DbErr> {
    let date_id = target.occurrence.id;
    let txn = begin_write(db).await?;
    let replies = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(date_id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .all(&txn)
        .await?;
    // When the door was used, only those who came are asked how it went.
    let door_used = replies.iter().any(|reply| reply.checked_in.is_some());
    let mut recipients = Vec::new();
    for reply in replies {
        let came = !door_used || reply.checked_in.is_some();
        let Some(email) = reply.email.clone() else {
            continue;
        };
        if !reply.follow_up_wanted || reply.follow_up_sent || !came {
            continue;
        }
        // Marked only where not marked yet: another process may be here.
        let marked = rsvp::Entity::update_many()
            .col_expr(rsvp::Column::FollowUpSent, Expr::value(true))
            .filter(rsvp::Column::Id.eq(reply.id))
            .filter(rsvp::Column::FollowUpSent.eq(false))
            .exec(&txn)
            .await?
            .rows_affected;
        if marked == 1 {
            recipients.push((email, reply.locale));
        }
    }
    // Replies that wanted a follow-up but did not come are marked too,
    // so the date is not looked at again.
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::FollowUpSent, Expr::value(true))
        .filter(rsvp::Column::OccurrenceId.eq(date_id))
        .filter(rsvp::Column::FollowUpWanted.eq(true))
        .exec(&txn)
        .await?;
    let expires_at = answers_close_at(&target.occurrence, &target.event.time_zone);
    let tokens = keys::issue(&txn, date_id, recipients.len(), expires_at).await?;
    for ((email, locale), token) in recipients.iter().zip(&tokens) {
        let locale = crate::l10n::language::parse(locale).unwrap_or_default();
        let context = Context::load(&txn, public_url, target, locale).await?;
        let survey_url = format!("{public_url}/follow-up?token={token}");
        outbox::enqueue(&txn, context.follow_up(email, &survey_url)).await?;
    }
    txn.commit().await?;
    Ok(recipients.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn date(starts: DateTime<Utc>, hours: i64) -> occurrence::Model {
        occurrence::Model {
            id: crate::domain::ids::OccurrenceId(1),
            event_id: crate::domain::ids::EventId(1),
            starts_at: starts,
            ends_at: starts + Duration::hours(hours),
            status: DateStatus::Scheduled,
            latitude: 52.52,
            longitude: 13.405,
            cell_r3: 0,
            cell_r4: 0,
            cell_r5: 0,
            cell_r6: 0,
            detached: false,
            guests_forgotten_at: None,
            sequence: 0,
        }
    }

    #[test]
    fn the_follow_up_goes_the_next_morning_where_the_gathering_is() {
        // 19:00 in Berlin (CET, UTC+1) → 10:00 Berlin the next day.
        let dinner = date(Utc.with_ymd_and_hms(2026, 12, 10, 18, 0, 0).unwrap(), 3);
        assert_eq!(
            due_at(&dinner, "Europe/Berlin"),
            Utc.with_ymd_and_hms(2026, 12, 11, 9, 0, 0).unwrap()
        );
        // 23:30 local in Auckland is already the next day in UTC.
        let late = date(Utc.with_ymd_and_hms(2026, 12, 10, 10, 30, 0).unwrap(), 1);
        assert_eq!(
            due_at(&late, "Pacific/Auckland"),
            Utc.with_ymd_and_hms(2026, 12, 10, 21, 0, 0).unwrap()
        );
    }

    #[test]
    fn a_date_that_ends_late_gets_its_follow_up_two_hours_after_the_end() {
        // A night walk until 09:00 the next morning.
        let walk = date(Utc.with_ymd_and_hms(2026, 12, 10, 20, 0, 0).unwrap(), 13);
        assert_eq!(
            due_at(&walk, "UTC"),
            Utc.with_ymd_and_hms(2026, 12, 11, 11, 0, 0).unwrap()
        );
    }
}
