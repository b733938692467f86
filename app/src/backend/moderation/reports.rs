//! Reports from anyone, with or without an account. A report names what
//! is reported, a reason and optional text, never who reported. Reports
//! about the same gathering or host join its open case.

use crate::backend::entities::{event, host, moderation_case, report};
use crate::backend::{gatherings::visibility, sql::Sql};
use crate::domain::ids::{EventId, HostId};
use crate::domain::moderation::{CaseState, ReportInput, ReportProblem};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set, sea_query::Expr,
};

/// What is reported, by its public name.
#[derive(Clone, Copy, Debug)]
pub enum Reported<'a> {
    Gathering(&'a str),
    Host(&'a str),
}

/// The row a case is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseSubject {
    Gathering(EventId),
    Host(HostId),
}

pub async fn report(
    db: &DatabaseConnection,
    reported: Reported<'_>,
    input: &ReportInput,
    now: DateTime<Utc>,
) -> Result<Result<(), ReportProblem>, DbErr> {
    let Some(subject) = public_subject(db, reported).await? else {
        return Ok(Err(ReportProblem::NotFound));
    };
    let txn = crate::backend::transaction::begin_write(db).await?;
    let case_id = open_case(&txn, subject, now).await?;
    report::ActiveModel {
        case_id: Set(case_id),
        reason: Set(input.reason),
        details: Set(input.details.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    moderation_case::Entity::update_many()
        .col_expr(moderation_case::Column::UpdatedAt, Expr::value(now))
        .filter(moderation_case::Column::Id.eq(case_id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// What `reported` names, if the public may see it (nothing else can be
/// reported: it is not there to see).
async fn public_subject(
    db: &DatabaseConnection,
    reported: Reported<'_>,
) -> Result<Option<CaseSubject>, DbErr> {
    Ok(match reported {
        Reported::Gathering(public_id) => event::Entity::find()
            .filter(event::Column::PublicId.eq(public_id))
            .filter(visibility::public())
            .one(db)
            .await?
            .map(|e| CaseSubject::Gathering(e.id)),
        Reported::Host(slug) => crate::backend::hosts::public_by_slug(db, slug)
            .await?
            .map(|h: host::Model| CaseSubject::Host(h.id)),
    })
}

/// The case about `subject` that is not closed, opened now if there is
/// none. The database allows one such case per subject, so two reports at
/// once join the same case: the second insert does nothing.
pub async fn open_case<C: ConnectionTrait>(
    conn: &C,
    subject: CaseSubject,
    now: DateTime<Utc>,
) -> Result<i64, DbErr> {
    // A moderator may close the case between the insert (which then does
    // nothing) and the read: try again, and a new case opens.
    for _ in 0..3 {
        if let Some(id) = insert_or_find(conn, subject, now).await? {
            return Ok(id);
        }
    }
    Err(DbErr::RecordNotFound("the open moderation case".into()))
}

async fn insert_or_find<C: ConnectionTrait>(
    conn: &C,
    subject: CaseSubject,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let (event_id, host_id) = match subject {
        CaseSubject::Gathering(id) => (Some(id), None),
        CaseSubject::Host(id) => (None, Some(id)),
    };
    let mut sql = Sql::new(conn.get_database_backend());
    sql.push(
        "INSERT INTO moderation_cases (event_id, host_id, state, opened_at, updated_at) VALUES (",
    )
    .bind(event_id.map(|id| id.0))
    .push(", ")
    .bind(host_id.map(|id| id.0))
    .push(", ")
    .bind(CaseState::Open.as_str())
    .push(", ")
    .bind(now)
    .push(", ")
    .bind(now)
    .push(") ON CONFLICT DO NOTHING");
    conn.execute_raw(sql.build()).await?;
    let mut open = moderation_case::Entity::find()
        .filter(moderation_case::Column::State.ne(CaseState::Closed));
    open = match subject {
        CaseSubject::Gathering(id) => open.filter(moderation_case::Column::EventId.eq(id)),
        CaseSubject::Host(id) => open.filter(moderation_case::Column::HostId.eq(id)),
    };
    Ok(open.one(conn).await?.map(|case| case.id))
}
