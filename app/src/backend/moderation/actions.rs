//! What moderators do and undo: hide a gathering (and remove a hidden one
//! for good, its guests told), suspend a host (its
//! gatherings hidden with it), suspend an account (signing in refused, its
//! sessions ended). Each action is one transaction with its log entry and
//! the email with its reason to those it concerns (the host's owners, or
//! the account's person), in their language.
//!
//! Hiding changes `events.moderation`; the search log's trigger sees that,
//! so every process's search index drops or restores the gathering.

use super::cases::{describe, gathering_subject, host_subject};
use super::log::{self, Action};
use super::permissions::Moderator;
use crate::backend::entities::{event, host, host_member, session, user};
use crate::backend::hosts::permissions::Role;
use crate::backend::outbox::{
    self,
    templates::{ModerationNotice, Template, render},
};
use crate::domain::ids::{HostId, UserId};
use crate::domain::moderation::{Moderation, PublishPolicy};
use crate::domain::status::GatheringStatus;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};

/// Why an action did nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionOutcome {
    Done,
    /// Nothing by that name.
    NotFound,
    /// It already was so (hidden, suspended, shown…).
    Unchanged,
}

/// Hides the gathering `public_id` (`hide`), or shows it again.
pub async fn set_gathering_hidden(
    db: &DatabaseConnection,
    public_url: &str,
    moderator: &Moderator,
    public_id: &str,
    hide: bool,
    reason: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(event) = gathering_by_public_id(&txn, public_id).await? else {
        return Ok(ActionOutcome::NotFound);
    };
    let host = host::Entity::find_by_id(event.host_id)
        .one(&txn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("host".into()))?;
    let (from, to): (&[Moderation], Moderation) = if hide {
        (
            &[
                Moderation::Visible,
                Moderation::Waiting,
                Moderation::HostSuspended,
            ],
            Moderation::Hidden,
        )
    } else {
        // Where a new gathering of its host would start: with its host
        // when that is suspended, waiting when it still needs review.
        (&[Moderation::Hidden], shown_state(&txn, &host).await?)
    };
    let changed = event::Entity::update_many()
        .col_expr(event::Column::Moderation, Expr::value(to.as_str()))
        .filter(event::Column::Id.eq(event.id))
        .filter(event::Column::Moderation.is_in(from.iter().copied()))
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(ActionOutcome::Unchanged);
    }
    let (name, described) = named(&txn, &event).await?;
    let action = if hide {
        Action::HideGathering
    } else {
        Action::RestoreGathering
    };
    log::write(&txn, &moderator.viewer.email, action, &described, reason).await?;
    let notice = match (hide, to) {
        (true, _) => Some(ModerationNotice::GatheringHidden),
        (false, Moderation::Visible) => Some(ModerationNotice::GatheringRestored),
        // Still not public (its host is suspended, or it waits for
        // review): there is nothing good to announce yet.
        (false, _) => None,
    };
    if let Some(notice) = notice {
        let url = format!("{public_url}/events/{}/manage", event.public_id);
        tell_owners(&txn, event.host_id, notice, &name, reason, &url).await?;
    }
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// Removes the hidden gathering `public_id` for good: its dates to come
/// are cancelled and everyone coming to them is told (as when organisers
/// cancel), its owners get the reason, and it stays hidden. Only a hidden
/// gathering, not yet cancelled, can be removed.
pub async fn remove_gathering(
    db: &DatabaseConnection,
    public_url: &str,
    moderator: &Moderator,
    public_id: &str,
    reason: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(event) = gathering_by_public_id(&txn, public_id).await? else {
        return Ok(ActionOutcome::NotFound);
    };
    if event.moderation != Moderation::Hidden || event.status == GatheringStatus::Cancelled {
        return Ok(ActionOutcome::Unchanged);
    }
    let now = Utc::now();
    crate::backend::gatherings::manage::cancel_series_within(&txn, public_url, event.id, now)
        .await?;
    let (name, described) = named(&txn, &event).await?;
    log::write(
        &txn,
        &moderator.viewer.email,
        Action::RemoveGathering,
        &described,
        reason,
    )
    .await?;
    let url = format!("{public_url}/events/{}/manage", event.public_id);
    let notice = ModerationNotice::GatheringRemoved;
    tell_owners(&txn, event.host_id, notice, &name, reason, &url).await?;
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// Makes the gathering `public_id`, waiting for review, public. Under the
/// "first gatherings reviewed" policy its host is approved with it, and
/// its other waiting gatherings are released too.
pub async fn approve_gathering(
    db: &DatabaseConnection,
    public_url: &str,
    moderator: &Moderator,
    public_id: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(event) = gathering_by_public_id(&txn, public_id).await? else {
        return Ok(ActionOutcome::NotFound);
    };
    if event.moderation != Moderation::Waiting {
        return Ok(ActionOutcome::Unchanged);
    }
    let suspended = host::Entity::find_by_id(event.host_id)
        .one(&txn)
        .await?
        .is_some_and(|h| h.suspended_at.is_some());
    if suspended {
        // Its host's suspension decides: lift that first.
        return Ok(ActionOutcome::Unchanged);
    }
    let approves_host =
        super::settings::publish_policy(&txn).await? == PublishPolicy::FirstReviewed;
    if approves_host {
        approve(&txn, event.host_id).await?;
        release_waiting(&txn, event::Column::HostId.eq(event.host_id)).await?;
    } else {
        release_waiting(&txn, event::Column::Id.eq(event.id)).await?;
    }
    let (name, described) = named(&txn, &event).await?;
    log::write(
        &txn,
        &moderator.viewer.email,
        Action::ApproveGathering,
        &described,
        "",
    )
    .await?;
    let url = format!("{public_url}/events/{}", event.public_id);
    tell_owners(
        &txn,
        event.host_id,
        ModerationNotice::GatheringApproved,
        &name,
        "",
        &url,
    )
    .await?;
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// Approves the host `slug`: its gatherings are public at once from now
/// on, and those waiting are released.
pub async fn approve_host(
    db: &DatabaseConnection,
    moderator: &Moderator,
    slug: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(host) = host::Entity::find()
        .filter(host::Column::Slug.eq(slug))
        .one(&txn)
        .await?
    else {
        return Ok(ActionOutcome::NotFound);
    };
    if host.approved_at.is_some() || host.suspended_at.is_some() {
        return Ok(ActionOutcome::Unchanged);
    }
    approve(&txn, host.id).await?;
    release_waiting(&txn, event::Column::HostId.eq(host.id)).await?;
    log::write(
        &txn,
        &moderator.viewer.email,
        Action::ApproveHost,
        &format!("host {} \"{}\"", host.slug, host.name),
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// The state a gathering of `host` is shown again in.
async fn shown_state<C: ConnectionTrait>(
    conn: &C,
    host: &host::Model,
) -> Result<Moderation, DbErr> {
    if host.suspended_at.is_some() {
        return Ok(Moderation::HostSuspended);
    }
    super::settings::new_gathering_state(conn, host).await
}

/// Makes the gatherings `which` that wait for review public.
async fn release_waiting<C: ConnectionTrait>(
    conn: &C,
    which: sea_orm::sea_query::SimpleExpr,
) -> Result<(), DbErr> {
    event::Entity::update_many()
        .col_expr(
            event::Column::Moderation,
            Expr::value(Moderation::Visible.as_str()),
        )
        .filter(event::Column::Moderation.eq(Moderation::Waiting))
        .filter(which)
        .exec(conn)
        .await?;
    Ok(())
}

async fn approve<C: ConnectionTrait>(conn: &C, host_id: HostId) -> Result<(), DbErr> {
    host::Entity::update_many()
        .col_expr(host::Column::ApprovedAt, Expr::value(Some(Utc::now())))
        .filter(host::Column::Id.eq(host_id))
        .filter(host::Column::ApprovedAt.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// Suspends the host `slug` (`suspend`) with its gatherings, or lifts it.
pub async fn set_host_suspended(
    db: &DatabaseConnection,
    public_url: &str,
    moderator: &Moderator,
    slug: &str,
    suspend: bool,
    reason: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(host) = host::Entity::find()
        .filter(host::Column::Slug.eq(slug))
        .one(&txn)
        .await?
    else {
        return Ok(ActionOutcome::NotFound);
    };
    let now = Utc::now();
    let changed = host::Entity::update_many()
        .col_expr(
            host::Column::SuspendedAt,
            Expr::value(if suspend { Some(now) } else { None }),
        )
        .filter(host::Column::Id.eq(host.id))
        .filter(if suspend {
            host::Column::SuspendedAt.is_null()
        } else {
            host::Column::SuspendedAt.is_not_null()
        })
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(ActionOutcome::Unchanged);
    }
    // Its visible gatherings go with it and come back with it; those a
    // moderator hid one by one, or that wait for review, stay as they are.
    let (from, to) = if suspend {
        (Moderation::Visible, Moderation::HostSuspended)
    } else {
        (Moderation::HostSuspended, Moderation::Visible)
    };
    event::Entity::update_many()
        .col_expr(event::Column::Moderation, Expr::value(to.as_str()))
        .filter(event::Column::HostId.eq(host.id))
        .filter(event::Column::Moderation.eq(from))
        .exec(&txn)
        .await?;
    let described = host_subject(&txn, host.id)
        .await?
        .map(|subject| describe(&crate::views::moderation::SubjectView::Host(subject)))
        .unwrap_or_else(|| format!("host {}", host.slug));
    let action = if suspend {
        Action::SuspendHost
    } else {
        Action::RestoreHost
    };
    log::write(&txn, &moderator.viewer.email, action, &described, reason).await?;
    let notice = if suspend {
        ModerationNotice::HostSuspended
    } else {
        ModerationNotice::HostRestored
    };
    let url = format!("{public_url}/hosts/{}", host.slug);
    tell_owners(&txn, host.id, notice, &host.name, reason, &url).await?;
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// Suspends the account `user_id` (`suspend`), ending its sessions, or
/// lifts it. Moderators cannot suspend one another: an administrator
/// withdraws the role first.
pub async fn set_account_suspended(
    db: &DatabaseConnection,
    public_url: &str,
    moderator: &Moderator,
    user_id: UserId,
    suspend: bool,
    reason: &str,
) -> Result<ActionOutcome, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(&txn).await? else {
        return Ok(ActionOutcome::NotFound);
    };
    if suspend && super::roles::role_of(&txn, user_id).await?.is_some() {
        return Ok(ActionOutcome::Unchanged);
    }
    let changed = user::Entity::update_many()
        .col_expr(
            user::Column::SuspendedAt,
            Expr::value(if suspend { Some(Utc::now()) } else { None }),
        )
        .filter(user::Column::Id.eq(user_id))
        .filter(if suspend {
            user::Column::SuspendedAt.is_null()
        } else {
            user::Column::SuspendedAt.is_not_null()
        })
        .exec(&txn)
        .await?;
    if changed.rows_affected == 0 {
        return Ok(ActionOutcome::Unchanged);
    }
    if suspend {
        session::Entity::delete_many()
            .filter(session::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
    }
    let action = if suspend {
        Action::SuspendAccount
    } else {
        Action::RestoreAccount
    };
    log::write(
        &txn,
        &moderator.viewer.email,
        action,
        &format!("account {}", person.email),
        reason,
    )
    .await?;
    let notice = if suspend {
        ModerationNotice::AccountSuspended
    } else {
        ModerationNotice::AccountRestored
    };
    let locale = crate::l10n::language::parse(&person.locale).unwrap_or_default();
    let message = render(
        &Template::Moderation {
            notice,
            name: &person.email,
            reason,
            url: public_url,
        },
        locale,
        &person.email,
    );
    outbox::enqueue(&txn, message).await?;
    txn.commit().await?;
    Ok(ActionOutcome::Done)
}

/// Emails the owners of `host_id`, each in their language.
async fn tell_owners<C: ConnectionTrait>(
    conn: &C,
    host_id: HostId,
    notice: ModerationNotice,
    name: &str,
    reason: &str,
    url: &str,
) -> Result<(), DbErr> {
    let owners: Vec<UserId> = host_member::Entity::find()
        .select_only()
        .column(host_member::Column::UserId)
        .filter(host_member::Column::HostId.eq(host_id))
        .filter(host_member::Column::Role.eq(Role::Owner.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    for owner in user::Entity::find()
        .filter(user::Column::Id.is_in(owners))
        .all(conn)
        .await?
    {
        let locale = crate::l10n::language::parse(&owner.locale).unwrap_or_default();
        let message = render(
            &Template::Moderation {
                notice,
                name,
                reason,
                url,
            },
            locale,
            &owner.email,
        );
        outbox::enqueue(conn, message).await?;
    }
    Ok(())
}

async fn gathering_by_public_id<C: ConnectionTrait>(
    txn: &C,
    public_id: &str,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .one(txn)
        .await
}

/// The gathering's title for its owners' email, and how the log describes
/// it (its public id when its texts are gone).
async fn named<C: ConnectionTrait>(
    txn: &C,
    event: &event::Model,
) -> Result<(String, String), DbErr> {
    let subject = gathering_subject(txn, event).await?;
    Ok(match &subject {
        Some(subject @ crate::views::moderation::SubjectView::Gathering { title, .. }) => {
            (title.clone(), describe(subject))
        }
        _ => (
            event.public_id.clone(),
            format!("gathering {}", event.public_id),
        ),
    })
}
