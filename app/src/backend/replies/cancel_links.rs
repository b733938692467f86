//! The cancel links in a reply's emails. Only a link's hash is kept, so
//! each email needs a fresh link; every one of them works until the reply
//! is cancelled or forgotten. The first email's hash is on the reply
//! (`rsvps.cancel_hash`), each later one is a row of `rsvp_cancel_links`.
//! A guest reading an older email (the confirmation, after the reminder
//! that came a minute later) can still cancel with it.

use crate::backend::{
    entities::{rsvp, rsvp_cancel_link},
    secret::{self, Secret},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Condition, IntoCondition, Query},
};

/// A fresh cancel link's token for a later email about the reply
/// `rsvp_id`, its hash written in `txn` (the email's transaction).
pub(super) async fn issue<C: ConnectionTrait>(txn: &C, rsvp_id: i64) -> Result<String, DbErr> {
    let link = Secret::generate();
    rsvp_cancel_link::Entity::insert(rsvp_cancel_link::ActiveModel {
        hash: sea_orm::Set(link.hash),
        rsvp_id: sea_orm::Set(rsvp_id),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(link.token)
}

/// The reply (if it still stands, as the caller filters) that any of its
/// emails' cancel link `token` was sent for. Two lookups by index: an OR
/// across both tables would scan every reply on PostgreSQL.
pub(super) async fn sent_with<C: ConnectionTrait>(db: &C, token: &str) -> Result<Condition, DbErr> {
    let hash = secret::hash(token);
    let later_email = rsvp_cancel_link::Entity::find_by_id(hash.clone())
        .one(db)
        .await?;
    Ok(match later_email {
        Some(link) => rsvp::Column::Id.eq(link.rsvp_id).into_condition(),
        None => rsvp::Column::CancelHash.eq(hash).into_condition(),
    })
}

/// Deletes the later emails' links of the replies matching `which`, as
/// their first link is erased with who replied.
pub(super) async fn forget<C: ConnectionTrait>(
    txn: &C,
    which: impl IntoCondition,
) -> Result<u64, DbErr> {
    let replies = Query::select()
        .column(rsvp::Column::Id)
        .from(rsvp::Entity)
        .cond_where(which)
        .to_owned();
    Ok(rsvp_cancel_link::Entity::delete_many()
        .filter(rsvp_cancel_link::Column::RsvpId.in_subquery(replies))
        .exec(txn)
        .await?
        .rows_affected)
}
