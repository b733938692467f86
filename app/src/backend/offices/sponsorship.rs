//! A city office sponsoring a gathering (one date or the whole series),
//! only inside its jurisdiction; the host being told and able to decline;
//! the office ending it. Every change is written to `sponsorship_audit`
//! in the same transaction, and every email goes through the outbox.
//!
//! Sponsorship never changes the order of search results. It shows as a
//! "Sponsored by …" label, and in a strip of at most three sponsored
//! gatherings above the results when the searcher stands in the office's
//! area (`strip`).

use super::jurisdiction;
use crate::backend::{
    auth::Viewer,
    entities::{
        city_office, event, host_member, occurrence, place, sponsorship, sponsorship_audit, user,
    },
    outbox::{self, templates::Template},
    search::Found,
};
use crate::domain::ids::{EventId, HostId, OccurrenceId, OfficeId, SponsorshipId, UserId};
use crate::domain::status::{DateStatus, GatheringStatus, SponsorshipStatus};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, SqlErr,
    sea_query::{Expr, Query, SelectStatement},
};
use std::collections::HashMap;

/// The longest note ("Supported by the Office for Integration").
pub const NOTE_MAX: usize = 200;

/// What an office sponsors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Series,
    Date(OccurrenceId),
}

pub use crate::domain::refusals::SponsorProblem;

/// Sponsors `event` (or one of its dates) for `office`. The caller checked
/// that `actor` is a member of the office (`offices::permissions`).
#[allow(clippy::too_many_arguments)]
pub async fn sponsor(
    db: &DatabaseConnection,
    public_url: &str,
    office: &city_office::Model,
    actor: &Viewer,
    event_public_id: &str,
    scope: Scope,
    note: &str,
    now: DateTime<Utc>,
) -> Result<Result<SponsorshipId, SponsorProblem>, DbErr> {
    let note = crate::domain::text::one_line(note);
    if note.chars().count() > NOTE_MAX {
        return Ok(Err(SponsorProblem::NoteTooLong));
    }
    let Some(event) = event::Entity::find()
        .filter(event::Column::PublicId.eq(event_public_id))
        .one(db)
        .await?
    else {
        return Ok(Err(SponsorProblem::NotFound));
    };
    if event.status != GatheringStatus::Published
        || !crate::backend::gatherings::visibility::is_public(&event)
    {
        return Ok(Err(SponsorProblem::NotOpen));
    }
    let upcoming = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event.id))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::EndsAt.gt(now));
    let upcoming = match scope {
        Scope::Series => upcoming,
        Scope::Date(id) => upcoming.filter(occurrence::Column::Id.eq(id)),
    };
    if upcoming.one(db).await?.is_none() {
        return Ok(Err(match scope {
            Scope::Date(id) if !belongs(db, event.id, id).await? => SponsorProblem::NotFound,
            _ => SponsorProblem::NotOpen,
        }));
    }
    let Some(area) = jurisdiction::of_office(db, office.id).await? else {
        return Ok(Err(SponsorProblem::NoJurisdiction));
    };
    let place = place::Entity::find_by_id(event.place_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("place".into()))?;
    if !jurisdiction::covers(&area, place.latitude, place.longitude) {
        return Ok(Err(SponsorProblem::Outside));
    }
    let title = crate::backend::event_texts::for_reader(db, &event, &event.default_language)
        .await?
        .map(|t| t.title)
        .unwrap_or_default();
    let hosts_people = host_people(db, event.host_id).await?;

    let txn = crate::backend::transaction::begin_write(db).await?;
    lock_event(&txn, event.id).await?;
    // Checked under the gathering's lock, which a decline also takes: a
    // decline is respected even when it lands a moment before.
    let declined = sponsorship::Entity::find()
        .filter(sponsorship::Column::OfficeId.eq(office.id))
        .filter(sponsorship::Column::EventId.eq(event.id))
        .filter(sponsorship::Column::Status.eq(SponsorshipStatus::Declined))
        .one(&txn)
        .await?;
    if declined.is_some() {
        txn.rollback().await?;
        return Ok(Err(SponsorProblem::DeclinedByHost));
    }
    let inserted = sponsorship::ActiveModel {
        office_id: Set(office.id),
        event_id: Set(event.id),
        occurrence_id: Set(match scope {
            Scope::Series => None,
            Scope::Date(id) => Some(id),
        }),
        note: Set(note.clone()),
        status: Set(SponsorshipStatus::Active),
        created_by: Set(Some(actor.user_id)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await;
    let row = match inserted {
        Ok(row) => row,
        Err(error) if matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
            txn.rollback().await?;
            return Ok(Err(SponsorProblem::Already));
        }
        Err(error) => return Err(error),
    };
    audit(&txn, &row, actor, "sponsored", &note, now).await?;
    let manage_url = format!("{public_url}/events/{}/manage", event.public_id);
    for (email, locale) in hosts_people {
        let locale = crate::l10n::language::parse(&locale).unwrap_or_default();
        let message = outbox::templates::render(
            &Template::Sponsored {
                office: &office.name,
                title: &title,
                note: &note,
                manage_url: &manage_url,
            },
            locale,
            &email,
        );
        outbox::enqueue(&txn, message).await?;
    }
    txn.commit().await?;
    Ok(Ok(row.id))
}

/// Serialises sponsorship changes of one gathering: a no-op update takes
/// the gathering's row lock on PostgreSQL (SQLite's write transaction
/// already serialises every writer).
async fn lock_event<C: ConnectionTrait>(conn: &C, event_id: EventId) -> Result<(), DbErr> {
    event::Entity::update_many()
        .col_expr(
            event::Column::UpdatedAt,
            Expr::col(event::Column::UpdatedAt),
        )
        .filter(event::Column::Id.eq(event_id))
        .exec(conn)
        .await?;
    Ok(())
}

async fn belongs<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    occurrence_id: OccurrenceId,
) -> Result<bool, DbErr> {
    Ok(occurrence::Entity::find_by_id(occurrence_id)
        .one(conn)
        .await?
        .is_some_and(|o| o.event_id == event_id))
}

/// Everyone who runs the host: address and language.
async fn host_people<C: ConnectionTrait>(
    conn: &C,
    host_id: HostId,
) -> Result<Vec<(String, String)>, DbErr> {
    let members: Vec<UserId> = host_member::Entity::find()
        .filter(host_member::Column::HostId.eq(host_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    Ok(user::Entity::find()
        .filter(user::Column::Id.is_in(members))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.email, u.locale))
        .collect())
}

/// Who may change a sponsorship.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    /// The host of this gathering declines it (checked by the caller: the
    /// viewer organises the gathering).
    Host(EventId),
    /// This office ends it (checked by the caller: the viewer is a member).
    Office(OfficeId),
}

/// Declines (host) or ends (office) the active sponsorship `id`, when it
/// is one of the side's own: of its gathering, or of its office.
pub async fn stop(
    db: &DatabaseConnection,
    id: SponsorshipId,
    side: Side,
    actor: &Viewer,
    now: DateTime<Utc>,
) -> Result<Result<(), SponsorProblem>, DbErr> {
    let theirs = match side {
        Side::Host(event_id) => sponsorship::Column::EventId.eq(event_id),
        Side::Office(office_id) => sponsorship::Column::OfficeId.eq(office_id),
    };
    let Some(row) = sponsorship::Entity::find_by_id(id)
        .filter(theirs)
        .one(db)
        .await?
    else {
        return Ok(Err(SponsorProblem::NotFound));
    };
    let (status, action) = match side {
        Side::Host(_) => (SponsorshipStatus::Declined, "declined"),
        Side::Office(_) => (SponsorshipStatus::Ended, "ended"),
    };
    let txn = crate::backend::transaction::begin_write(db).await?;
    lock_event(&txn, row.event_id).await?;
    let changed = sponsorship::Entity::update_many()
        .col_expr(sponsorship::Column::Status, Expr::value(status))
        .col_expr(sponsorship::Column::EndedAt, Expr::value(now))
        .filter(sponsorship::Column::Id.eq(row.id))
        .filter(sponsorship::Column::Status.eq(SponsorshipStatus::Active))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(Err(SponsorProblem::NotActive));
    }
    audit(&txn, &row, actor, action, "", now).await?;
    txn.commit().await?;
    Ok(Ok(()))
}

async fn audit<C: ConnectionTrait>(
    conn: &C,
    row: &sponsorship::Model,
    actor: &Viewer,
    action: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let scope = match row.occurrence_id {
        None => "series".to_string(),
        Some(id) => format!("date {id}"),
    };
    sponsorship_audit::ActiveModel {
        sponsorship_id: Set(Some(row.id)),
        office_id: Set(row.office_id),
        event_id: Set(row.event_id),
        actor_id: Set(Some(actor.user_id)),
        actor_email: Set(actor.email.clone()),
        action: Set(action.into()),
        detail: Set(if detail.is_empty() {
            scope
        } else {
            format!("{scope}: {detail}")
        }),
        at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The active sponsorships of one gathering (any of its dates), with their
/// offices, for its page.
pub async fn of_event<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
) -> Result<Vec<(sponsorship::Model, city_office::Model)>, DbErr> {
    let rows = sponsorship::Entity::find()
        .filter(sponsorship::Column::EventId.eq(event_id))
        .filter(sponsorship::Column::Status.eq(SponsorshipStatus::Active))
        .order_by_asc(sponsorship::Column::Id)
        .all(conn)
        .await?;
    let offices = offices_by_id(conn, rows.iter().map(|r| r.office_id)).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let office = offices.get(&row.office_id)?.clone();
            Some((row, office))
        })
        .collect())
}

/// Rows of an active sponsorship of the gathering `event` (a bound id, or
/// the column of an outer statement), of the series or of one of its
/// dates: a page asks [`of_event`] or [`sponsors_of`] only when there is
/// one. By the gathering alone, so its index serves it.
pub fn any_active_of(event: impl Into<Expr>) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .expr(Expr::val(1))
        .from(sponsorship::Entity)
        .and_where(Expr::col((sponsorship::Entity, sponsorship::Column::EventId)).eq(event))
        .and_where(
            Expr::col((sponsorship::Entity, sponsorship::Column::Status))
                .eq(sea_orm::Value::from(SponsorshipStatus::Active)),
        )
        .to_owned()
}

/// For each date `(event_id, occurrence_id)`, the names of the offices
/// sponsoring it (the date itself, or its whole series): one query for a
/// page of cards.
pub async fn sponsors_of<C: ConnectionTrait>(
    conn: &C,
    dates: &[(EventId, OccurrenceId)],
) -> Result<HashMap<OccurrenceId, Vec<String>>, DbErr> {
    if dates.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = sponsorship::Entity::find()
        .filter(sponsorship::Column::Status.eq(SponsorshipStatus::Active))
        .filter(
            Condition::any()
                .add(
                    Condition::all()
                        .add(sponsorship::Column::EventId.is_in(dates.iter().map(|(e, _)| *e)))
                        .add(sponsorship::Column::OccurrenceId.is_null()),
                )
                .add(sponsorship::Column::OccurrenceId.is_in(dates.iter().map(|(_, o)| *o))),
        )
        .order_by_asc(sponsorship::Column::Id)
        .all(conn)
        .await?;
    let offices = offices_by_id(conn, rows.iter().map(|r| r.office_id)).await?;
    let mut out: HashMap<OccurrenceId, Vec<String>> = HashMap::new();
    for (event_id, occurrence_id) in dates {
        for row in &rows {
            let applies = row.occurrence_id == Some(*occurrence_id)
                || (row.occurrence_id.is_none() && row.event_id == *event_id);
            if let (true, Some(office)) = (applies, offices.get(&row.office_id)) {
                let list = out.entry(*occurrence_id).or_default();
                if !list.contains(&office.name) {
                    list.push(office.name.clone());
                }
            }
        }
    }
    Ok(out)
}

async fn offices_by_id<C: ConnectionTrait>(
    conn: &C,
    ids: impl Iterator<Item = OfficeId>,
) -> Result<HashMap<OfficeId, city_office::Model>, DbErr> {
    let ids: Vec<OfficeId> = ids.collect();
    // Pages ask on every view, and most gatherings have no sponsor.
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(city_office::Entity::find()
        .filter(city_office::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|o| (o.id, o))
        .collect())
}

/// The offices `user_id` belongs to whose jurisdiction covers the place of
/// the gathering `event_public_id` (its real position, not the one shown
/// when the address is kept for guests).
pub async fn offices_for<C: ConnectionTrait>(
    conn: &C,
    user_id: UserId,
    event_public_id: &str,
) -> Result<Vec<city_office::Model>, DbErr> {
    let offices = super::of_member(conn, user_id).await?;
    if offices.is_empty() {
        return Ok(offices);
    }
    let Some(event) = event::Entity::find()
        .filter(event::Column::PublicId.eq(event_public_id))
        .one(conn)
        .await?
    else {
        return Ok(Vec::new());
    };
    let Some(place) = place::Entity::find_by_id(event.place_id).one(conn).await? else {
        return Ok(Vec::new());
    };
    let covering = jurisdiction::offices_covering(conn, place.latitude, place.longitude).await?;
    Ok(offices
        .into_iter()
        .filter(|office| covering.contains(&office.id))
        .collect())
}

/// At most this many gatherings in the "Sponsored in your area" strip.
pub const STRIP_SIZE: usize = 3;

/// The strip above search results: the soonest upcoming dates sponsored by
/// offices whose jurisdiction covers the searcher's point, one per
/// gathering. It never touches the results themselves.
pub async fn strip<C: ConnectionTrait>(
    conn: &C,
    latitude: f64,
    longitude: f64,
    now: DateTime<Utc>,
) -> Result<Vec<Found>, DbErr> {
    let offices = jurisdiction::offices_covering(conn, latitude, longitude).await?;
    if offices.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sponsorship::Entity::find()
        .filter(sponsorship::Column::OfficeId.is_in(offices))
        .filter(sponsorship::Column::Status.eq(SponsorshipStatus::Active))
        .all(conn)
        .await?;
    next_dates(conn, &rows, now, STRIP_SIZE).await
}

/// The next upcoming date of each published gathering that `rows` (active
/// sponsorships) cover, soonest first, at most `limit`.
pub async fn next_dates<C: ConnectionTrait>(
    conn: &C,
    rows: &[sponsorship::Model],
    now: DateTime<Utc>,
    limit: usize,
) -> Result<Vec<Found>, DbErr> {
    let active = || {
        rows.iter()
            .filter(|r| r.status == SponsorshipStatus::Active)
    };
    let series: Vec<EventId> = active()
        .filter(|r| r.occurrence_id.is_none())
        .map(|r| r.event_id)
        .collect();
    let dates: Vec<OccurrenceId> = active().filter_map(|r| r.occurrence_id).collect();
    let published: Vec<EventId> = event::Entity::find()
        .filter(event::Column::Id.is_in(active().map(|r| r.event_id)))
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .filter(crate::backend::gatherings::visibility::public())
        .all(conn)
        .await?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let upcoming = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.is_in(published))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::StartsAt.gt(now))
        .filter(
            Condition::any()
                .add(occurrence::Column::EventId.is_in(series))
                .add(occurrence::Column::Id.is_in(dates)),
        )
        .order_by_asc(occurrence::Column::StartsAt)
        .order_by_asc(occurrence::Column::Id)
        .limit(500)
        .all(conn)
        .await?;
    let mut seen = std::collections::HashSet::new();
    Ok(upcoming
        .into_iter()
        .filter(|o| seen.insert(o.event_id))
        .take(limit)
        .map(|o| Found {
            occurrence_id: o.id,
            starts_at: o.starts_at,
            metres: None,
        })
        .collect())
}
