//! The moderation queue and its cases: reading them, taking one, closing
//! and reopening it, and moderators' notes.

use super::log::{self, Action};
use super::permissions::Moderator;
use crate::backend::entities::{
    event, event_text, host, host_member, moderation_case, moderation_note, report, user,
};
use crate::backend::hosts::permissions::Role;
use crate::domain::ids::{HostId, UserId};
use crate::domain::moderation::{CaseState, Moderation, ReportReason};
use crate::domain::status::GatheringStatus;
use crate::views::moderation::{
    AccountView, CaseSummary, CaseView, HostSubject, NoteView, QueueView, ReportView, SubjectView,
    WaitingGathering,
};
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, sea_query::Expr,
};
use std::collections::HashMap;

/// The most cases one page of the queue lists.
const LISTED: u64 = 100;

pub async fn queue<C: ConnectionTrait>(
    conn: &C,
    moderator: &Moderator,
    state: CaseState,
) -> Result<QueueView, DbErr> {
    let rows = moderation_case::Entity::find()
        .filter(moderation_case::Column::State.eq(state))
        .order_by_desc(moderation_case::Column::UpdatedAt)
        .limit(LISTED)
        .all(conn)
        .await?;
    let mut cases = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(summary) = summary(conn, row).await? {
            cases.push(summary);
        }
    }
    let mut counts = Vec::new();
    for state in CaseState::ALL {
        let count = moderation_case::Entity::find()
            .filter(moderation_case::Column::State.eq(*state))
            .count(conn)
            .await?;
        counts.push((*state, count));
    }
    Ok(QueueView {
        state,
        cases,
        counts,
        waiting: waiting(conn).await?,
        is_administrator: moderator.role.administers(),
    })
}

/// Gatherings waiting for review, the oldest first.
async fn waiting<C: ConnectionTrait>(conn: &C) -> Result<Vec<WaitingGathering>, DbErr> {
    let events = event::Entity::find()
        .filter(event::Column::Moderation.eq(Moderation::Waiting))
        .filter(event::Column::Status.ne(GatheringStatus::Draft))
        .order_by_asc(event::Column::CreatedAt)
        .limit(LISTED)
        .all(conn)
        .await?;
    let mut waiting = Vec::with_capacity(events.len());
    for event in events {
        let Some(SubjectView::Gathering { title, host, .. }) =
            gathering_subject(conn, &event).await?
        else {
            continue;
        };
        waiting.push(WaitingGathering {
            public_id: event.public_id,
            title,
            host_slug: host.slug,
            host_name: host.name,
            created_at: event.created_at,
        });
    }
    Ok(waiting)
}

/// One case with its reports and notes; `None` if there is no such case.
pub async fn one<C: ConnectionTrait>(conn: &C, id: i64) -> Result<Option<CaseView>, DbErr> {
    let Some(row) = moderation_case::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let Some(summary) = summary(conn, row).await? else {
        return Ok(None);
    };
    let reports = report::Entity::find()
        .filter(report::Column::CaseId.eq(id))
        .order_by_asc(report::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| ReportView {
            reason: r.reason,
            details: r.details,
            at: r.created_at,
        })
        .collect();
    let notes = moderation_note::Entity::find()
        .filter(moderation_note::Column::CaseId.eq(id))
        .order_by_asc(moderation_note::Column::Id)
        .all(conn)
        .await?;
    let authors = emails(conn, notes.iter().filter_map(|n| n.author_id)).await?;
    let notes = notes
        .into_iter()
        .map(|n| NoteView {
            author: n.author_id.and_then(|id| authors.get(&id).cloned()),
            body: n.body,
            at: n.created_at,
        })
        .collect();
    Ok(Some(CaseView {
        summary,
        reports,
        notes,
    }))
}

/// The moderator takes the case (it is "in hand").
pub async fn take<C: ConnectionTrait>(
    conn: &C,
    moderator: &Moderator,
    id: i64,
) -> Result<bool, DbErr> {
    let taken = moderation_case::Entity::update_many()
        .col_expr(
            moderation_case::Column::State,
            Expr::value(CaseState::InHand.as_str()),
        )
        .col_expr(
            moderation_case::Column::AssigneeId,
            Expr::value(moderator.viewer.user_id.0),
        )
        .col_expr(moderation_case::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(moderation_case::Column::Id.eq(id))
        .filter(moderation_case::Column::State.ne(CaseState::Closed))
        .exec(conn)
        .await?;
    Ok(taken.rows_affected == 1)
}

/// Closes the case, or reopens it (`closed == false`). Closing leaves it
/// open when a report arrived after `seen` (what the moderator's page
/// showed), so no report is closed unread. Reopening fails when a newer
/// case about the same thing is already open (a new report opened it):
/// the database allows one.
pub async fn set_closed(
    db: &sea_orm::DatabaseConnection,
    moderator: &Moderator,
    id: i64,
    closed: bool,
    seen: Option<chrono::DateTime<Utc>>,
) -> Result<bool, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(row) = moderation_case::Entity::find_by_id(id).one(&txn).await? else {
        return Ok(false);
    };
    let Some(summary) = summary(&txn, row).await? else {
        return Ok(false);
    };
    let (from, to, action) = if closed {
        (CaseState::Closed, CaseState::Closed, Action::CloseCase)
    } else {
        (CaseState::Closed, CaseState::Open, Action::ReopenCase)
    };
    let mut update = moderation_case::Entity::update_many()
        .col_expr(moderation_case::Column::State, Expr::value(to.as_str()))
        .col_expr(moderation_case::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(moderation_case::Column::Id.eq(id));
    update = if closed {
        let update = update.filter(moderation_case::Column::State.ne(from));
        match seen {
            Some(seen) => update.filter(moderation_case::Column::UpdatedAt.lte(seen)),
            None => update,
        }
    } else {
        update.filter(moderation_case::Column::State.eq(from))
    };
    let changed = match update.exec(&txn).await {
        Ok(result) => result.rows_affected == 1,
        // Another case about the same thing is open: keep this one closed.
        Err(error) if is_unique_violation(&error) => return Ok(false),
        Err(error) => return Err(error),
    };
    if changed {
        log::write(
            &txn,
            &moderator.viewer.email,
            action,
            &describe(&summary.subject),
            "",
        )
        .await?;
    }
    txn.commit().await?;
    Ok(changed)
}

fn is_unique_violation(error: &DbErr) -> bool {
    matches!(
        error.sql_err(),
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_))
    )
}

/// A note from the moderator on the case.
pub async fn note<C: ConnectionTrait>(
    conn: &C,
    moderator: &Moderator,
    id: i64,
    body: &str,
) -> Result<bool, DbErr> {
    if moderation_case::Entity::find_by_id(id)
        .one(conn)
        .await?
        .is_none()
    {
        return Ok(false);
    }
    moderation_note::ActiveModel {
        case_id: Set(id),
        author_id: Set(Some(moderator.viewer.user_id)),
        body: Set(body.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(true)
}

/// What a subject is called in the log: kind, public name and title.
pub fn describe(subject: &SubjectView) -> String {
    match subject {
        SubjectView::Gathering {
            public_id, title, ..
        } => format!("gathering {public_id} \"{title}\""),
        SubjectView::Host(host) => format!("host {} \"{}\"", host.slug, host.name),
    }
}

async fn summary<C: ConnectionTrait>(
    conn: &C,
    row: moderation_case::Model,
) -> Result<Option<CaseSummary>, DbErr> {
    let subject = match (row.event_id, row.host_id) {
        (Some(event_id), _) => {
            let Some(event) = event::Entity::find_by_id(event_id).one(conn).await? else {
                return Ok(None);
            };
            gathering_subject(conn, &event).await?
        }
        (None, Some(host_id)) => host_subject(conn, host_id).await?.map(SubjectView::Host),
        (None, None) => None,
    };
    let Some(subject) = subject else {
        return Ok(None);
    };
    let reasons: Vec<ReportReason> = report::Entity::find()
        .select_only()
        .column(report::Column::Reason)
        .filter(report::Column::CaseId.eq(row.id))
        .into_tuple::<ReportReason>()
        .all(conn)
        .await?;
    let assignee = match row.assignee_id {
        Some(id) => emails(conn, [id]).await?.remove(&id),
        None => None,
    };
    Ok(Some(CaseSummary {
        id: row.id,
        subject,
        state: row.state,
        reports: reasons.len() as u64,
        reasons: ReportReason::ALL
            .iter()
            .copied()
            .filter(|r| reasons.contains(r))
            .collect(),
        opened_at: row.opened_at,
        updated_at: row.updated_at,
        assignee,
    }))
}

/// A gathering as moderators see it: its title in its own language.
pub async fn gathering_subject<C: ConnectionTrait>(
    conn: &C,
    event: &event::Model,
) -> Result<Option<SubjectView>, DbErr> {
    let Some(host) = host_subject(conn, event.host_id).await? else {
        return Ok(None);
    };
    let texts = event_text::Entity::find()
        .filter(event_text::Column::EventId.eq(event.id))
        .all(conn)
        .await?;
    let title = crate::backend::event_texts::pick(&texts, &event.default_language, "")
        .map(|t| t.title.clone())
        .unwrap_or_default();
    Ok(Some(SubjectView::Gathering {
        public_id: event.public_id.clone(),
        title,
        moderation: event.moderation,
        host,
    }))
}

pub async fn host_subject<C: ConnectionTrait>(
    conn: &C,
    host_id: HostId,
) -> Result<Option<HostSubject>, DbErr> {
    let Some(host) = host::Entity::find_by_id(host_id).one(conn).await? else {
        return Ok(None);
    };
    let owner_ids: Vec<UserId> = host_member::Entity::find()
        .select_only()
        .column(host_member::Column::UserId)
        .filter(host_member::Column::HostId.eq(host.id))
        .filter(host_member::Column::Role.eq(Role::Owner.as_str()))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(Some(HostSubject {
        slug: host.slug,
        name: host.name,
        suspended: host.suspended_at.is_some(),
        owners: accounts(conn, owner_ids).await?,
    }))
}

/// The accounts `ids`, by email address.
pub async fn accounts<C: ConnectionTrait>(
    conn: &C,
    ids: Vec<UserId>,
) -> Result<Vec<AccountView>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .order_by_asc(user::Column::Email)
        .all(conn)
        .await?
        .into_iter()
        .map(|u| AccountView {
            id: u.id,
            email: u.email,
            suspended: u.suspended_at.is_some(),
        })
        .collect())
}

async fn emails<C: ConnectionTrait>(
    conn: &C,
    ids: impl IntoIterator<Item = UserId>,
) -> Result<HashMap<UserId, String>, DbErr> {
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.email))
        .collect())
}
