//! "Delete my account": immediate and complete, in one transaction.
//!
//! Replies and volunteering still standing are cancelled the way a person
//! cancels them (seats freed, waiting lists moved up in order, those
//! promoted told); then every row that named the person either goes
//! (account, sessions, memberships, links, invitations they sent or
//! received, emails to them) or keeps what happened without who
//! (replies, sign-ups, partner invitations, sponsorships and their audit:
//! "a former member"). The rows are those `export` shows, so what can be
//! downloaded is exactly what is deleted.
//!
//! Refused while the person is the only owner of a host: it would be left
//! with nobody who can manage it. They hand it to another owner first, or
//! close it.

use crate::backend::entities::{
    attendee_list_download, event_cohost, guest_data_link, host, host_invitation, host_member,
    occurrence, outbox_message, role_signup, rsvp, session, sign_in_link, sponsorship,
    sponsorship_audit, user,
};
use crate::backend::hosts::permissions::Role;
use crate::backend::transaction::begin_write;
use crate::domain::ids::UserId;
use crate::domain::reply::ReplyStatus;
use crate::domain::status::DateStatus;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbBackend, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::{Expr, Query},
};

pub use crate::domain::refusals::DeletionProblem;

/// Deletes the account `user_id` and everything that named its person.
pub async fn delete_account(
    db: &DatabaseConnection,
    public_url: &str,
    user_id: UserId,
    now: DateTime<Utc>,
) -> Result<Result<(), DeletionProblem>, DbErr> {
    let txn = begin_write(db).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(&txn).await? else {
        txn.rollback().await?;
        return Ok(Ok(()));
    };
    let sole = sole_owner_of(&txn, user_id).await?;
    if !sole.is_empty() {
        txn.rollback().await?;
        return Ok(Err(DeletionProblem::SoleOwner(sole)));
    }
    let email = person.email.as_str();
    let theirs = || {
        Condition::any()
            .add(rsvp::Column::UserId.eq(user_id))
            .add(rsvp::Column::Email.eq(email))
    };

    // What still stands on dates to come is cancelled as the person would
    // cancel it; on dates that are over or cancelled nothing moves up, and
    // who it was is only erased below.
    let standing = rsvp::Entity::find()
        .filter(theirs())
        .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
        .filter(rsvp::Column::OccurrenceId.in_subquery(dates_to_come(now)))
        .all(&txn)
        .await?;
    for reply in &standing {
        crate::backend::replies::cancel_within(&txn, public_url, reply, now).await?;
    }
    crate::backend::volunteers::withdraw_all_of(&txn, public_url, user_id, dates_to_come(now))
        .await?;

    // What happened stays; who it was goes.
    crate::backend::replies::erase_who_replied(&txn, theirs()).await?;
    role_signup::Entity::update_many()
        .col_expr(
            role_signup::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .filter(role_signup::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    event_cohost::Entity::update_many()
        .col_expr(
            event_cohost::Column::InvitedBy,
            Expr::value(Option::<i64>::None),
        )
        .filter(event_cohost::Column::InvitedBy.eq(user_id))
        .exec(&txn)
        .await?;
    sponsorship::Entity::update_many()
        .col_expr(
            sponsorship::Column::CreatedBy,
            Expr::value(Option::<i64>::None),
        )
        .filter(sponsorship::Column::CreatedBy.eq(user_id))
        .exec(&txn)
        .await?;
    sponsorship_audit::Entity::update_many()
        .col_expr(
            sponsorship_audit::Column::ActorId,
            Expr::value(Option::<i64>::None),
        )
        // The tombstone: pages say "a former member" for an empty actor.
        .col_expr(sponsorship_audit::Column::ActorEmail, Expr::value(""))
        .filter(
            Condition::any()
                .add(sponsorship_audit::Column::ActorId.eq(user_id))
                .add(sponsorship_audit::Column::ActorEmail.eq(email)),
        )
        .exec(&txn)
        .await?;
    attendee_list_download::Entity::update_many()
        .col_expr(
            attendee_list_download::Column::UserId,
            Expr::value(Option::<i64>::None),
        )
        .filter(attendee_list_download::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;

    // The rest goes: invitations they sent lapse, links and emails to
    // their address are dropped, and the account with its sessions and
    // memberships.
    host_invitation::Entity::delete_many()
        .filter(
            Condition::any()
                .add(host_invitation::Column::InvitedBy.eq(user_id))
                .add(host_invitation::Column::Email.eq(email)),
        )
        .exec(&txn)
        .await?;
    sign_in_link::Entity::delete_many()
        .filter(sign_in_link::Column::Email.eq(email))
        .exec(&txn)
        .await?;
    guest_data_link::Entity::delete_many()
        .filter(guest_data_link::Column::Email.eq(email))
        .exec(&txn)
        .await?;
    // Emails to them, and invitations they sent that name them.
    let mut naming = Condition::any()
        .add(outbox_message::Column::Recipient.eq(email))
        .add(outbox_message::Column::BodyText.contains(email));
    if let Some(name) = person.display_name.as_deref().filter(|n| !n.is_empty()) {
        naming = naming.add(
            Condition::all()
                .add(outbox_message::Column::Kind.is_in(["host_invitation", "cohost_invitation"]))
                .add(outbox_message::Column::BodyText.contains(name)),
        );
    }
    outbox_message::Entity::delete_many()
        .filter(naming)
        .exec(&txn)
        .await?;
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    host_member::Entity::delete_many()
        .filter(host_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    crate::backend::entities::office_member::Entity::delete_many()
        .filter(crate::backend::entities::office_member::Column::UserId.eq(user_id))
        .exec(&txn)
        .await?;
    user::Entity::delete_by_id(user_id).exec(&txn).await?;
    txn.commit().await?;
    tracing::info!("an account was deleted");
    Ok(Ok(()))
}

/// The dates still to come that are not cancelled.
fn dates_to_come(now: DateTime<Utc>) -> sea_orm::sea_query::SelectStatement {
    Query::select()
        .column(occurrence::Column::Id)
        .from(occurrence::Entity)
        .and_where(occurrence::Column::StartsAt.gt(now))
        .and_where(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .to_owned()
}

/// The hosts (slug, name) of which `user_id` is the only owner. On
/// PostgreSQL the hosts they own are locked first, so two owners leaving
/// at once cannot both see the other one still there.
pub async fn sole_owner_of<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
) -> Result<Vec<(String, String)>, DbErr> {
    let owned = host_member::Entity::find()
        .filter(host_member::Column::UserId.eq(user_id))
        .filter(host_member::Column::Role.eq(Role::Owner.as_str()))
        .all(db)
        .await?;
    if db.get_database_backend() == DbBackend::Postgres && !owned.is_empty() {
        // SQLite needs no lock: its write transactions run one at a time.
        host::Entity::find()
            .filter(host::Column::Id.is_in(owned.iter().map(|m| m.host_id)))
            .lock_exclusive()
            .all(db)
            .await?;
    }
    let mut sole = Vec::new();
    for membership in owned {
        let owners = host_member::Entity::find()
            .filter(host_member::Column::HostId.eq(membership.host_id))
            .filter(host_member::Column::Role.eq(Role::Owner.as_str()))
            .count(db)
            .await?;
        if owners <= 1
            && let Some(found) = host::Entity::find_by_id(membership.host_id).one(db).await?
        {
            sole.push((found.slug, found.name));
        }
    }
    Ok(sole)
}
