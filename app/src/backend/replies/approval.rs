//! Organisers approving replies, for gatherings that ask for it
//! (`events.requires_approval`). A reply waiting for approval holds no seat;
//! once approved it takes one like any new reply — or joins the waitlist
//! if the date is full, so approval never overbooks — and its person is
//! emailed either way.
//!
//! The caller has checked that the viewer organises the gathering
//! (`gatherings::view::managed_event`).

use super::{ReplyProblem, notify, seats, target};
use crate::backend::entities::{event, rsvp};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, GatheringStatus};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Approve,
    Decline,
}

/// Approves or declines the waiting reply `rsvp_public_id` to a date of
/// `event`. Returns where the reply now stands.
pub async fn decide(
    db: &DatabaseConnection,
    public_url: &str,
    event: &event::Model,
    rsvp_public_id: &str,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<Result<ReplyStatus, ReplyProblem>, DbErr> {
    let Some(found) = rsvp::Entity::find()
        .filter(rsvp::Column::PublicId.eq(rsvp_public_id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Requested))
        .one(db)
        .await?
    else {
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let Some(target) = target(db, &event.public_id, found.occurrence_id).await? else {
        // A reply to another organiser's gathering is as good as unknown.
        return Ok(Err(ReplyProblem::NotFound));
    };
    if decision == Decision::Approve {
        if target.occurrence.status != DateStatus::Scheduled
            || target.event.status != GatheringStatus::Published
        {
            return Ok(Err(ReplyProblem::Cancelled));
        }
        if target.occurrence.starts_at <= now {
            return Ok(Err(ReplyProblem::Past));
        }
    }
    let locale = crate::l10n::language::parse(&found.locale).unwrap_or_default();
    let email_text = match found.email {
        Some(_) => Some(notify::Context::load(db, public_url, &target, locale).await?),
        None => None,
    };

    let txn = crate::backend::transaction::begin_write(db).await?;
    seats::lock(&txn, found.occurrence_id, target.event.capacity).await?;
    // Read again under the lock: the person may have changed their party
    // (or cancelled) since; the seats taken must be for the party now.
    let Some(found) = rsvp::Entity::find_by_id(found.id)
        .filter(rsvp::Column::Status.eq(ReplyStatus::Requested))
        .one(&txn)
        .await?
    else {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let status = match decision {
        Decision::Decline => ReplyStatus::Declined,
        Decision::Approve
            if seats::take_unless_waiting(&txn, found.occurrence_id, found.party).await? =>
        {
            ReplyStatus::Going
        }
        Decision::Approve => ReplyStatus::Waitlisted,
    };
    // Still conditional, though the lock already serialises deciders.
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(status))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(found.id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Requested))
        .filter(rsvp::Column::Party.eq(found.party))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::InvalidLink));
    }
    if let (Some(address), Some(email_text)) = (&found.email, &email_text) {
        let standing = notify::Standing {
            status,
            party: found.party,
            promoted: false,
        };
        notify::send_status(&txn, email_text, found.id, address, standing).await?;
    }
    txn.commit().await?;
    Ok(Ok(status))
}
