//! Saying "I'm coming" to one date of a gathering, and taking it back.
//!
//! Three ways, as the organisers allow (`domain::reply::ReplyMode`): signed
//! in; with an email address, which holds no seat until confirmed by an
//! emailed link (double opt-in); or anonymously, held by a random token in
//! this browser's cookie — no name, no address.
//!
//! Every change runs in one transaction that starts by locking the date's
//! seat counter (`seats`), so the counter's CHECK and the unique indexes —
//! not application code — guarantee no overbooking and one RSVP per
//! person, address or device. Any email it causes is written to the outbox
//! in the same transaction. On PostgreSQL a reply by device that needs
//! nothing else is one statement instead (`one_statement`), under the same
//! lock and the same rules.

pub mod approval;
mod cancel_links;
pub mod follow_ups;
pub mod lists;
pub mod mine;
pub mod my_calendar;
mod new_reply;
pub mod news;
mod notify;
mod one_statement;
pub mod seats;

use super::{
    entities::{event, occurrence, rsvp},
    rate_limit::{self, ReplyLimits},
    secret::{self, Secret},
    sql::Sql,
};
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::reply::{PartySize, ReplyMode, ReplyModes, ReplyStatus};
use crate::domain::status::{DateStatus, GatheringStatus};
use crate::i18n::Locale;
use chrono::{DateTime, Duration, Utc};
use leptos_i18n::Locale as _;
use new_reply::NewReply;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, SqlErr,
    sea_query::Expr,
};

/// The cookie holding this browser's device token, which holds anonymous
/// RSVPs (only its hash is stored).
pub const DEVICE_COOKIE: &str = "cg_device";

/// What the reply form asked besides the reply, stored with it in the
/// same write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AlsoAsked {
    /// The form put the question about time around here; its answer is
    /// counted apart (`backend::answers`), never stored with the reply.
    pub time_around: bool,
    /// "Ask me afterwards how it went" was ticked; kept only for a reply
    /// with an address.
    pub follow_up: bool,
}

/// Who is coming.
#[derive(Clone, Debug)]
pub enum Who {
    Account {
        user_id: UserId,
        email: String,
    },
    Email {
        email: String,
        name: Option<String>,
    },
    /// The hash of this browser's device token.
    Device {
        device_hash: String,
    },
}

impl Who {
    fn mode(&self) -> ReplyMode {
        match self {
            Who::Account { .. } => ReplyMode::Account,
            Who::Email { .. } => ReplyMode::Email,
            Who::Device { .. } => ReplyMode::Anonymous,
        }
    }
}

pub use crate::domain::refusals::ReplyProblem;

/// The outcome of saying "I'm coming".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Joined {
    pub public_id: String,
    pub status: ReplyStatus,
}

/// Everything an RSVP needs to know about its date, read before the
/// transaction so the transaction starts with its write lock.
struct Target {
    occurrence: occurrence::Model,
    event: event::Model,
}

async fn target<C: sea_orm::ConnectionTrait>(
    db: &C,
    event_public_id: &str,
    occurrence_id: OccurrenceId,
) -> Result<Option<Target>, DbErr> {
    let Some(event) = super::gatherings::by_public_id(db, event_public_id).await? else {
        return Ok(None);
    };
    let occurrence = occurrence::Entity::find_by_id(occurrence_id)
        .filter(occurrence::Column::EventId.eq(event.id))
        .one(db)
        .await?;
    Ok(occurrence.map(|occurrence| Target { occurrence, event }))
}

/// Whether the date still takes RSVPs at `now`.
fn open(target: &Target, now: DateTime<Utc>) -> Result<(), ReplyProblem> {
    // Held back by moderators: as good as unknown to the public.
    if !crate::backend::gatherings::visibility::is_public(&target.event) {
        return Err(ReplyProblem::NotFound);
    }
    if target.event.status != GatheringStatus::Published
        || target.occurrence.status != DateStatus::Scheduled
    {
        return Err(ReplyProblem::Cancelled);
    }
    if target.occurrence.starts_at <= now {
        return Err(ReplyProblem::Past);
    }
    let closes = Duration::minutes(i64::from(target.event.rsvp_closes_minutes.max(0)));
    if target.occurrence.starts_at - closes <= now {
        return Err(ReplyProblem::Closed);
    }
    Ok(())
}

/// Says `who` is coming to a date with a party of `party`.
#[allow(clippy::too_many_arguments)]
pub async fn join(
    db: &DatabaseConnection,
    public_url: &str,
    event_public_id: &str,
    occurrence_id: OccurrenceId,
    who: Who,
    party: PartySize,
    also: AlsoAsked,
    locale: Locale,
    limits: &ReplyLimits,
    now: DateTime<Utc>,
) -> Result<Result<Joined, ReplyProblem>, DbErr> {
    let Some(target) = target(db, event_public_id, occurrence_id).await? else {
        return Ok(Err(ReplyProblem::NotFound));
    };
    if let Err(problem) = open(&target, now) {
        return Ok(Err(problem));
    }
    if !ReplyModes::from_bits(target.event.rsvp_modes as u32).contains(who.mode()) {
        return Ok(Err(ReplyProblem::ModeNotAllowed));
    }
    if party.people() > target.event.max_guests + 1 {
        return Ok(Err(ReplyProblem::PartyTooLarge));
    }
    // Only replies with an address get an email; anonymous ones (the bulk
    // of a busy gathering) skip loading its text. Loaded before the
    // transaction, which must begin with its write.
    let email_text = match who {
        Who::Device { .. } => None,
        _ => Some(notify::Context::load(db, public_url, &target, locale).await?),
    };

    let confirm = matches!(who, Who::Email { .. }).then(Secret::generate);
    let cancel = Secret::generate();
    let (user_id, email, device_hash, name) = match &who {
        Who::Account { user_id, email } => (Some(*user_id), Some(email.clone()), None, None),
        Who::Email { email, name } => (None, Some(email.clone()), None, name.clone()),
        Who::Device { device_hash } => (None, None, Some(device_hash.clone()), None),
    };
    let reply = NewReply {
        public_id: secret::public_id(),
        occurrence_id,
        user_id,
        follow_up_wanted: also.follow_up && email.is_some(),
        email: email.clone(),
        device_hash,
        name,
        party: party.people(),
        confirm_hash: confirm.as_ref().map(|c| c.hash.clone()),
        cancel_hash: cancel.hash.clone(),
        locale: locale.as_str().into(),
        created_at: now,
        asked_time_around: also.time_around,
    };
    if one_statement::serves(db.get_database_backend(), &who, &target.event) {
        match one_statement::join(db, &reply).await {
            Ok(Some(status)) => {
                return Ok(Ok(Joined {
                    public_id: reply.public_id,
                    status,
                }));
            }
            // The counter is missing or moved: the transaction's way.
            Ok(None) => {}
            Err(error) if already_coming(&error) => return Ok(Err(ReplyProblem::AlreadyComing)),
            Err(error) => return Err(error),
        }
    }

    let txn = crate::backend::transaction::begin_write(db).await?;
    seats::lock(&txn, occurrence_id, target.event.capacity).await?;
    let cap = target.event.places_without_account;
    if !matches!(who, Who::Account { .. })
        && !seats::fits_without_account(&txn, occurrence_id, cap, party.people()).await?
    {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::NoPlacesWithoutAccount));
    }
    let status = if confirm.is_some() {
        ReplyStatus::Pending
    } else if target.event.requires_approval {
        ReplyStatus::Requested
    } else if seats::take_unless_waiting(&txn, occurrence_id, party.people()).await? {
        ReplyStatus::Going
    } else {
        ReplyStatus::Waitlisted
    };
    let mut insert = Sql::new(txn.get_database_backend());
    reply.push_insert(&mut insert, status, None);
    match txn.execute_raw(insert.build()).await {
        Ok(_) => {}
        Err(error) if already_coming(&error) => {
            txn.rollback().await?;
            return Ok(Err(ReplyProblem::AlreadyComing));
        }
        Err(error) => return Err(error),
    }
    let public_id = reply.public_id;
    if let (Some(address), Some(email_text)) = (email, &email_text) {
        let message = match &confirm {
            Some(confirm) => {
                // Counted only when a mail is really written (and undone
                // with the reply if it fails), so naming someone's address
                // in refused replies cannot use up their mails.
                let (key, limit) = limits.mails_to(&address);
                if !rate_limit::allow(&txn, &key, limit).await? {
                    txn.rollback().await?;
                    return Ok(Err(ReplyProblem::TooManyMails));
                }
                email_text.confirm_address(&address, &confirm.token, &cancel.token)
            }
            None => email_text.status(
                &address,
                status,
                party.people(),
                false,
                Some(&cancel.token),
                &public_id,
            ),
        };
        super::outbox::enqueue(&txn, message).await?;
    }
    txn.commit().await?;
    Ok(Ok(Joined { public_id, status }))
}

/// Whether writing a reply failed on a unique index: this person, address
/// or device already has a reply to the date.
fn already_coming(error: &DbErr) -> bool {
    matches!(error.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}

/// Confirms an RSVP made with an email address (the link in its email):
/// it then takes a seat, or joins the waitlist.
pub async fn confirm_address(
    db: &DatabaseConnection,
    public_url: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<(String, ReplyStatus), ReplyProblem>, DbErr> {
    let Some(found) = rsvp::Entity::find()
        .filter(rsvp::Column::ConfirmHash.eq(secret::hash(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let event_public_id = event_of(db, found.occurrence_id).await?;
    if found.status != ReplyStatus::Pending {
        return Ok(match found.status {
            // Confirming twice is harmless: say where it stands.
            status @ (ReplyStatus::Going | ReplyStatus::Waitlisted | ReplyStatus::Requested) => {
                Ok((event_public_id, status))
            }
            _ => Err(ReplyProblem::InvalidLink),
        });
    }
    let Some(target) = target(db, &event_public_id, found.occurrence_id).await? else {
        return Ok(Err(ReplyProblem::NotFound));
    };
    if let Err(problem) = open(&target, now) {
        return Ok(Err(problem));
    }
    let locale = crate::l10n::language::parse(&found.locale).unwrap_or_default();
    let email_text = notify::Context::load(db, public_url, &target, locale).await?;

    let txn = crate::backend::transaction::begin_write(db).await?;
    seats::lock(&txn, found.occurrence_id, target.event.capacity).await?;
    // With approval on, a confirmed address waits for the organisers.
    let status = if target.event.requires_approval {
        ReplyStatus::Requested
    } else if seats::take_unless_waiting(&txn, found.occurrence_id, found.party).await? {
        ReplyStatus::Going
    } else {
        ReplyStatus::Waitlisted
    };
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(status))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(found.id))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Pending))
        .exec(&txn)
        .await?;
    if changed.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::InvalidLink));
    }
    // The status email carries a fresh cancel link: the first one is only
    // known to the first email.
    if let Some(address) = &found.email {
        let standing = notify::Standing {
            status,
            party: found.party,
            promoted: false,
        };
        notify::send_status(&txn, &email_text, found.id, address, standing).await?;
    }
    txn.commit().await?;
    Ok(Ok((event_public_id, status)))
}

/// How a cancellation proves it is allowed.
pub enum CancelProof<'a> {
    /// The link in one of its emails.
    Token(&'a str),
    /// The signed-in person whose RSVP it is.
    Account(UserId),
    /// The device that made it.
    Device(&'a str),
}

/// The reply that still stands which `proof` (and `rsvp_public_id`, when
/// given) points at.
async fn active_reply(
    db: &DatabaseConnection,
    rsvp_public_id: Option<&str>,
    proof: CancelProof<'_>,
) -> Result<Option<rsvp::Model>, DbErr> {
    let mut query = match proof {
        CancelProof::Token(token) => {
            rsvp::Entity::find().filter(cancel_links::sent_with(db, token).await?)
        }
        CancelProof::Account(user_id) => {
            rsvp::Entity::find().filter(rsvp::Column::UserId.eq(user_id))
        }
        CancelProof::Device(device_hash) => {
            rsvp::Entity::find().filter(rsvp::Column::DeviceHash.eq(device_hash))
        }
    };
    if let Some(public_id) = rsvp_public_id {
        query = query.filter(rsvp::Column::PublicId.eq(public_id));
    }
    query
        .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
        .one(db)
        .await
}

/// Cancels an RSVP, gives its seats back and promotes the waitlist (each
/// promoted party with an address is emailed). Returns the gathering's
/// public id.
pub async fn cancel(
    db: &DatabaseConnection,
    public_url: &str,
    rsvp_public_id: Option<&str>,
    proof: CancelProof<'_>,
    now: DateTime<Utc>,
) -> Result<Result<String, ReplyProblem>, DbErr> {
    let Some(found) = active_reply(db, rsvp_public_id, proof).await? else {
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let event_public_id = event_of(db, found.occurrence_id).await?;
    if target(db, &event_public_id, found.occurrence_id)
        .await?
        .is_none()
    {
        return Ok(Err(ReplyProblem::NotFound));
    }
    let txn = crate::backend::transaction::begin_write(db).await?;
    if !cancel_within(&txn, public_url, &found, now).await? {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::InvalidLink));
    }
    txn.commit().await?;
    Ok(Ok(event_public_id))
}

/// Cancels `found` in the caller's transaction `txn`: its seats go back
/// and the waitlist moves up (those promoted are told). False when it no
/// longer stood as `found` says (cancelled or changed meanwhile).
pub(crate) async fn cancel_within<C: sea_orm::ConnectionTrait>(
    txn: &C,
    public_url: &str,
    found: &rsvp::Model,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let event_public_id = event_of(txn, found.occurrence_id).await?;
    let Some(target) = target(txn, &event_public_id, found.occurrence_id).await? else {
        return Ok(false);
    };
    seats::lock(txn, found.occurrence_id, target.event.capacity).await?;
    let changed = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Status, Expr::value(ReplyStatus::Cancelled))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(found.id))
        .filter(rsvp::Column::Status.eq(found.status))
        .exec(txn)
        .await?;
    if changed.rows_affected != 1 {
        return Ok(false);
    }
    if found.status == ReplyStatus::Going {
        seats::release(txn, found.occurrence_id, found.party).await?;
    }
    // A reply taken back names no one any more: only its status and party
    // size stay, for the figures.
    erase_who_replied(txn, rsvp::Column::Id.eq(found.id)).await?;
    let promoted = seats::promote(txn, found.occurrence_id).await?;
    notify::promoted(txn, public_url, &target, &promoted).await?;
    Ok(true)
}

/// Erases who made the replies matching `which` — account, name, email
/// address, device hash, token hashes (every cancel link's), language,
/// when they were checked in — keeping their status, party size and how
/// many came, so counts stay right. Cancelling, forgetting a date and
/// deleting an account all forget a reply this way.
pub(crate) async fn erase_who_replied<C: sea_orm::ConnectionTrait>(
    txn: &C,
    which: impl sea_orm::sea_query::IntoCondition,
) -> Result<u64, DbErr> {
    let which = which.into_condition();
    // First, while `which` still matches (it may name the address).
    cancel_links::forget(txn, which.clone()).await?;
    let nobody = || Expr::value(Option::<String>::None);
    Ok(rsvp::Entity::update_many()
        .col_expr(rsvp::Column::UserId, Expr::value(Option::<i64>::None))
        .col_expr(rsvp::Column::Email, nobody())
        .col_expr(rsvp::Column::DeviceHash, nobody())
        .col_expr(rsvp::Column::Name, nobody())
        .col_expr(rsvp::Column::ConfirmHash, nobody())
        // Not NULL in the schema; no token hashes to the empty string.
        .col_expr(rsvp::Column::CancelHash, Expr::value(""))
        .col_expr(rsvp::Column::Locale, Expr::value(""))
        // How many came stays (the figures); when they came goes.
        .col_expr(
            rsvp::Column::CheckedInAt,
            Expr::value(Option::<chrono::DateTime<chrono::Utc>>::None),
        )
        .filter(which)
        .exec(txn)
        .await?
        .rows_affected)
}

/// A new capacity for every future date of `event` (already changed in
/// `txn`): each date's counter gets it (never below who is already going),
/// and waitlists move up where seats appeared, those promoted told; all in
/// the caller's transaction, so the change and its consequences land
/// together.
pub async fn apply_capacity<C: sea_orm::ConnectionTrait>(
    txn: &C,
    public_url: &str,
    event: &event::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use super::entities::occurrence_seats;
    if event.status != GatheringStatus::Published {
        return Ok(());
    }
    let counters = occurrence_seats::Entity::find()
        .filter(
            occurrence_seats::Column::OccurrenceId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(occurrence::Column::Id)
                    .from(occurrence::Entity)
                    .and_where(occurrence::Column::EventId.eq(event.id))
                    .and_where(occurrence::Column::StartsAt.gt(now))
                    // Not the dates just cancelled: nobody moves up there.
                    .and_where(occurrence::Column::Status.eq(DateStatus::Scheduled))
                    .to_owned(),
            ),
        )
        .all(txn)
        .await?;
    for counter in counters {
        let Some(target) = target(txn, &event.public_id, counter.occurrence_id).await? else {
            continue;
        };
        seats::lock(txn, counter.occurrence_id, event.capacity).await?;
        // Who is going, read again under the lock: a reply may have come
        // in since the list above was read.
        let going = occurrence_seats::Entity::find_by_id(counter.occurrence_id)
            .one(txn)
            .await?
            .map_or(counter.going, |locked| locked.going);
        let capacity = event.capacity.map(|c| c.max(going));
        occurrence_seats::Entity::update_many()
            .col_expr(occurrence_seats::Column::Capacity, Expr::value(capacity))
            .filter(occurrence_seats::Column::OccurrenceId.eq(counter.occurrence_id))
            .exec(txn)
            .await?;
        let promoted = seats::promote(txn, counter.occurrence_id).await?;
        notify::promoted(txn, public_url, &target, &promoted).await?;
    }
    Ok(())
}

async fn event_of<C: sea_orm::ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
) -> Result<String, DbErr> {
    let occurrence = occurrence::Entity::find_by_id(occurrence_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("occurrence".into()))?;
    let event = event::Entity::find_by_id(occurrence.event_id)
        .one(db)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("event".into()))?;
    Ok(event.public_id)
}

/// After seats were given back outside an RSVP (a volunteer withdrew):
/// promotes the date's waitlist in order and emails those promoted, in the
/// caller's transaction `txn`.
pub async fn seats_freed<C: sea_orm::ConnectionTrait>(
    txn: &C,
    public_url: &str,
    occurrence_id: OccurrenceId,
) -> Result<(), DbErr> {
    let event_public_id = event_of(txn, occurrence_id).await?;
    let Some(target) = target(txn, &event_public_id, occurrence_id).await? else {
        return Ok(());
    };
    let promoted = seats::promote(txn, occurrence_id).await?;
    notify::promoted(txn, public_url, &target, &promoted).await
}

/// Changes how many people an RSVP is for. Going: more people must fit
/// (else nothing changes); fewer give seats back. Waiting: the party keeps
/// its place in line. Either way the waitlist then moves up if it can, so
/// a waiting party that shrinks to fit is seated when it is first in line.
pub async fn change_party(
    db: &DatabaseConnection,
    public_url: &str,
    rsvp_public_id: &str,
    proof: CancelProof<'_>,
    party: PartySize,
    now: DateTime<Utc>,
) -> Result<Result<(String, ReplyStatus), ReplyProblem>, DbErr> {
    let Some(found) = active_reply(db, Some(rsvp_public_id), proof).await? else {
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let event_public_id = event_of(db, found.occurrence_id).await?;
    let Some(target) = target(db, &event_public_id, found.occurrence_id).await? else {
        return Ok(Err(ReplyProblem::NotFound));
    };
    if let Err(problem) = open(&target, now) {
        return Ok(Err(problem));
    }
    if party.people() > target.event.max_guests + 1 {
        return Ok(Err(ReplyProblem::PartyTooLarge));
    }
    let txn = super::transaction::begin_write(db).await?;
    seats::lock(&txn, found.occurrence_id, target.event.capacity).await?;
    // Read again under the lock: the status may have changed meanwhile.
    let Some(current) = rsvp::Entity::find_by_id(found.id).one(&txn).await? else {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::InvalidLink));
    };
    let delta = party.people() - current.party;
    let cap = target.event.places_without_account;
    if delta > 0
        && current.user_id.is_none()
        && !seats::fits_without_account(&txn, current.occurrence_id, cap, delta).await?
    {
        txn.rollback().await?;
        return Ok(Err(ReplyProblem::NoRoomForMore));
    }
    if current.status == ReplyStatus::Going {
        if delta > 0 && !seats::take(&txn, current.occurrence_id, delta).await? {
            txn.rollback().await?;
            return Ok(Err(ReplyProblem::NoRoomForMore));
        }
        if delta < 0 {
            seats::release(&txn, current.occurrence_id, -delta).await?;
        }
    }
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::Party, Expr::value(party.people()))
        .col_expr(rsvp::Column::UpdatedAt, Expr::value(now))
        .filter(rsvp::Column::Id.eq(current.id))
        .exec(&txn)
        .await?;
    let promoted = seats::promote(&txn, current.occurrence_id).await?;
    notify::promoted(&txn, public_url, &target, &promoted).await?;
    txn.commit().await?;
    let status = if promoted.iter().any(|p| p.id == current.id) {
        ReplyStatus::Going
    } else {
        current.status
    };
    Ok(Ok((event_public_id, status)))
}
