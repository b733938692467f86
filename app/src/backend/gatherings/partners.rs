//! Partner hosts credited on a gathering ("co-hosts"). A partner is named
//! publicly only after one of its own organisers accepted: nothing about
//! them without them.

use crate::backend::{
    auth::Viewer,
    entities::{event, event_cohost, host, host_member, user},
    hosts::team::recipient_locale,
    outbox::{
        self,
        templates::{Template, render},
    },
};
use crate::domain::ids::{EventId, HostId};
use crate::domain::status::PartnerStatus;
use crate::i18n::Locale;
use crate::views::hosting::{PartnerInvitation as PendingPartnership, PartnerView as Partner};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
    sea_query::{Expr, Query, SelectStatement},
};

pub use crate::domain::refusals::PartnerProblem;

/// Invites the host at `partner_slug` to co-host `event`, and emails each
/// of its members in their own language.
pub async fn invite(
    db: &DatabaseConnection,
    public_url: &str,
    event: &event::Model,
    partner_slug: &str,
    inviter: &Viewer,
    fallback_locale: Locale,
) -> Result<Result<(), PartnerProblem>, DbErr> {
    let slug = partner_slug
        .trim()
        .trim_start_matches('/')
        .trim_start_matches("hosts/");
    // Nobody is emailed about a gathering the public may not see yet.
    if !super::visibility::is_public(event) {
        return Ok(Err(PartnerProblem::NotPublic));
    }
    let Some(partner) = super::super::hosts::public_by_slug(db, slug).await? else {
        return Ok(Err(PartnerProblem::UnknownHost));
    };
    if partner.id == event.host_id {
        return Ok(Err(PartnerProblem::OwnHost));
    }
    if event_cohost::Entity::find_by_id((event.id, partner.id))
        .one(db)
        .await?
        .is_some()
    {
        return Ok(Err(PartnerProblem::AlreadyInvited));
    }
    let inviting = host::Entity::find_by_id(event.host_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("host".into()))?;
    let title = title_of(db, event).await?;
    let members = host_member::Entity::find()
        .filter(host_member::Column::HostId.eq(partner.id))
        .find_also_related(user::Entity)
        .all(db)
        .await?;
    let url = format!("{public_url}/hosts/{}", partner.slug);
    let txn = crate::backend::transaction::begin_write(db).await?;
    event_cohost::ActiveModel {
        event_id: Set(event.id),
        host_id: Set(partner.id),
        status: Set(PartnerStatus::Invited),
        invited_by: Set(Some(inviter.user_id)),
        created_at: Set(Utc::now()),
        responded_at: Set(None),
    }
    .insert(&txn)
    .await?;
    for (_, member) in members {
        let Some(member) = member else { continue };
        let locale = recipient_locale(&txn, &member.email)
            .await?
            .unwrap_or(fallback_locale);
        let message = render(
            &Template::PartnerInvitation {
                host: &inviting.name,
                partner: &partner.name,
                title: &title,
                url: &url,
            },
            locale,
            &member.email,
        );
        outbox::enqueue(&txn, message).await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Records the partner's answer to the gathering `event_public_id`: `None`
/// when there is no such gathering, `Some(false)` when there was no open
/// invitation.
pub async fn respond(
    db: &DatabaseConnection,
    partner_host_id: HostId,
    event_public_id: &str,
    accept: bool,
) -> Result<Option<bool>, DbErr> {
    let Some(event) = super::by_public_id(db, event_public_id).await? else {
        return Ok(None);
    };
    let event_id = event.id;
    let result = event_cohost::Entity::update_many()
        .col_expr(
            event_cohost::Column::Status,
            Expr::value(if accept {
                PartnerStatus::Accepted
            } else {
                PartnerStatus::Declined
            }),
        )
        .col_expr(event_cohost::Column::RespondedAt, Expr::value(Utc::now()))
        .filter(event_cohost::Column::EventId.eq(event_id))
        .filter(event_cohost::Column::HostId.eq(partner_host_id))
        .filter(event_cohost::Column::Status.eq(PartnerStatus::Invited))
        .exec(db)
        .await?;
    Ok(Some(result.rows_affected == 1))
}

/// Every partner of a gathering, whatever their answer (for its organisers).
pub async fn partners<C: ConnectionTrait>(
    db: &C,
    event_id: EventId,
) -> Result<Vec<Partner>, DbErr> {
    Ok(with_hosts(db, event_id)
        .await?
        .into_iter()
        .map(|(row, host)| partner(&row, &host))
        .collect())
}

/// Partners the public may see: those that accepted, unless a moderator
/// suspended them.
pub async fn accepted<C: ConnectionTrait>(
    db: &C,
    event_id: EventId,
) -> Result<Vec<Partner>, DbErr> {
    Ok(with_hosts(db, event_id)
        .await?
        .into_iter()
        .filter(|(row, host)| row.status == PartnerStatus::Accepted && host.suspended_at.is_none())
        .map(|(row, host)| partner(&row, &host))
        .collect())
}

/// Rows of any partnership of the gathering `event` (a bound id, or the
/// column of an outer statement; asked, accepted or declined), for a page
/// to ask [`accepted`] only when there is one.
pub fn any_of(event: impl Into<Expr>) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .expr(Expr::val(1))
        .from(event_cohost::Entity)
        .and_where(Expr::col((event_cohost::Entity, event_cohost::Column::EventId)).eq(event))
        .to_owned()
}

async fn with_hosts<C: ConnectionTrait>(
    db: &C,
    event_id: EventId,
) -> Result<Vec<(event_cohost::Model, host::Model)>, DbErr> {
    let rows = event_cohost::Entity::find()
        .filter(event_cohost::Column::EventId.eq(event_id))
        .all(db)
        .await?;
    // Most gatherings have no partner: no second statement for nothing.
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let hosts = host::Entity::find()
        .filter(host::Column::Id.is_in(rows.iter().map(|r| r.host_id)))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let host = hosts.iter().find(|h| h.id == row.host_id)?.clone();
            Some((row, host))
        })
        .collect())
}

fn partner(row: &event_cohost::Model, host: &host::Model) -> Partner {
    Partner {
        slug: host.slug.clone(),
        name: host.name.clone(),
        status: row.status,
    }
}

/// Invitations waiting for `host_id`'s answer.
pub async fn pending_for(
    db: &DatabaseConnection,
    host_id: HostId,
    reader_language: &str,
) -> Result<Vec<PendingPartnership>, DbErr> {
    let rows = event_cohost::Entity::find()
        .filter(event_cohost::Column::HostId.eq(host_id))
        .filter(event_cohost::Column::Status.eq(PartnerStatus::Invited))
        .find_also_related(event::Entity)
        .all(db)
        .await?;
    let mut pending = Vec::new();
    for (_, event) in rows {
        let Some(event) = event else { continue };
        let inviting = host::Entity::find_by_id(event.host_id).one(db).await?;
        let title = title_in(db, &event, reader_language).await?;
        pending.push(PendingPartnership {
            public_id: event.public_id.clone(),
            title,
            inviting_host: inviting.map(|h| h.name).unwrap_or_default(),
        });
    }
    Ok(pending)
}

async fn title_of(db: &DatabaseConnection, event: &event::Model) -> Result<String, DbErr> {
    title_in(db, event, &event.default_language).await
}

async fn title_in(
    db: &DatabaseConnection,
    event: &event::Model,
    language: &str,
) -> Result<String, DbErr> {
    Ok(crate::backend::event_texts::for_reader(db, event, language)
        .await?
        .map(|t| t.title)
        .unwrap_or_default())
}
