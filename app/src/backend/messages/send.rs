//! Sending a message from the organisers: checked, counted against the
//! day's limits, kept, and written to the outbox (one email per address,
//! in its language, with a fresh link that stops such messages) in one
//! transaction.

use super::{EMAILS_PER_HOST, MESSAGES_PER_ORGANISER};
use crate::backend::entities::{
    event, host, message_stop_link, occurrence, organiser_message, role_signup, rsvp, user,
    volunteer_role,
};
use crate::backend::outbox::{self, templates::Template};
use crate::backend::secret::{self, Secret};
use crate::backend::{event_texts, rate_limit, time_zone, transaction::begin_write};
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::organiser_message::{Audience, MessageProblem};
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, SignupStatus};
use chrono::{DateTime, Utc};
use leptos_i18n::Locale as _;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter,
};

/// How long after a date ends its people may still be written to ("thank
/// you for coming"); the messages page offers the same dates.
pub const WRITABLE_AFTER_END: chrono::Duration = chrono::Duration::days(1);

/// Whom one email goes to, and the row its stop link marks.
struct Recipient {
    email: String,
    locale: String,
    row: Row,
}

enum Row {
    Reply(i64),
    Signup(i64),
}

/// What an organiser asks to send.
pub struct Outgoing<'a> {
    pub occurrence_id: OccurrenceId,
    pub audience: Audience,
    /// Already checked (`domain::organiser_message::body_from_form`).
    pub body: &'a str,
}

/// Sends `message` from `sender`, an organiser of `event` (the caller
/// checked). Returns how many emails it became.
pub async fn send(
    db: &DatabaseConnection,
    public_url: &str,
    event: &event::Model,
    sender: UserId,
    message: Outgoing<'_>,
    now: DateTime<Utc>,
) -> Result<Result<usize, MessageProblem>, DbErr> {
    let Outgoing {
        occurrence_id,
        audience,
        body,
    } = message;
    let date = occurrence::Entity::find_by_id(occurrence_id)
        .filter(occurrence::Column::EventId.eq(event.id))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::GuestsForgottenAt.is_null())
        .one(db)
        .await?;
    // Only dates still to come or just over, of a gathering the public
    // may see (one moderators hid writes to nobody).
    let Some(date) = date.filter(|date| date.ends_at > now - WRITABLE_AFTER_END) else {
        return Ok(Err(MessageProblem::NoSuchDate));
    };
    if !crate::backend::gatherings::visibility::is_public(event) {
        return Ok(Err(MessageProblem::NoSuchDate));
    }
    if let Audience::Volunteers(Some(role)) = audience {
        let of_event = volunteer_role::Entity::find_by_id(role)
            .filter(volunteer_role::Column::EventId.eq(event.id))
            .one(db)
            .await?;
        if of_event.is_none() {
            return Ok(Err(MessageProblem::NoSuchAudience));
        }
    }
    let recipients = recipients(db, date.id, audience).await?;
    if recipients.is_empty() {
        return Ok(Err(MessageProblem::NobodyToTell));
    }
    let per_organiser = format!("organiser-messages:{sender}");
    let per_host = format!("organiser-mails:{}", event.host_id);
    if !rate_limit::allow(db, &per_organiser, MESSAGES_PER_ORGANISER).await?
        || !rate_limit::allow_many(db, &per_host, EMAILS_PER_HOST, recipients.len() as i32).await?
    {
        return Ok(Err(MessageProblem::TooMany));
    }
    let host_name = host::Entity::find_by_id(event.host_id)
        .one(db)
        .await?
        .map(|host| host.name)
        .unwrap_or_default();
    let zone = time_zone::named(&event.time_zone);
    let event_url = format!("{public_url}/events/{}", event.public_id);

    let txn = begin_write(db).await?;
    organiser_message::Entity::insert(organiser_message::ActiveModel {
        public_id: Set(secret::public_id()),
        event_id: Set(event.id),
        occurrence_id: Set(date.id),
        audience: Set(audience.stored().to_string()),
        role_id: Set(match audience {
            Audience::Volunteers(role) => role,
            _ => None,
        }),
        body: Set(body.to_string()),
        sent_by: Set(Some(sender)),
        recipients: Set(recipients.len() as i32),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    for recipient in &recipients {
        let stop = Secret::generate();
        keep_stop_link(&txn, date.id, &recipient.row, &stop.hash).await?;
        let locale = crate::l10n::language::parse(&recipient.locale).unwrap_or_default();
        let title = event_texts::for_reader(&txn, event, locale.as_str())
            .await?
            .map(|text| text.title)
            .unwrap_or_default();
        let when = time_zone::spoken_start(locale, date.starts_at, zone);
        let stop_url = format!("{public_url}/messages/stop?token={}", stop.token);
        let email = outbox::templates::render(
            &Template::OrganiserMessage {
                host: &host_name,
                title: &title,
                when: &when,
                body,
                event_url: &event_url,
                stop_url: &stop_url,
            },
            locale,
            &recipient.email,
        );
        // About the date: forgetting its guests drops an unsent copy.
        let email = outbox::Email {
            about: Some(date.id),
            ..email
        };
        outbox::enqueue(&txn, email).await?;
    }
    txn.commit().await?;
    Ok(Ok(recipients.len()))
}

/// The people of `date` a message to `audience` reaches: with an address,
/// not having stopped messages, each address once.
async fn recipients<C: ConnectionTrait>(
    db: &C,
    date: OccurrenceId,
    audience: Audience,
) -> Result<Vec<Recipient>, DbErr> {
    let mut out: Vec<Recipient> = Vec::new();
    let mut add = |email: String, locale: String, row: Row| {
        if !out.iter().any(|r| r.email.eq_ignore_ascii_case(&email)) {
            out.push(Recipient { email, locale, row });
        }
    };
    let statuses = match audience {
        Audience::Coming => vec![ReplyStatus::Going],
        Audience::Waiting => vec![ReplyStatus::Waitlisted, ReplyStatus::Requested],
        Audience::Volunteers(_) => Vec::new(),
    };
    if !statuses.is_empty() {
        let replies = rsvp::Entity::find()
            .filter(rsvp::Column::OccurrenceId.eq(date))
            .filter(rsvp::Column::Status.is_in(statuses))
            .filter(rsvp::Column::MessagesOff.eq(false))
            .filter(rsvp::Column::Email.is_not_null())
            .all(db)
            .await?;
        for reply in replies {
            if let Some(email) = reply.email {
                add(email, reply.locale, Row::Reply(reply.id));
            }
        }
        return Ok(out);
    }
    let mut signups = role_signup::Entity::find()
        .filter(role_signup::Column::OccurrenceId.eq(date))
        .filter(role_signup::Column::Status.eq(SignupStatus::Active))
        .filter(role_signup::Column::MessagesOff.eq(false));
    if let Audience::Volunteers(Some(role)) = audience {
        signups = signups.filter(role_signup::Column::RoleId.eq(role));
    }
    for signup in signups.all(db).await? {
        let Some(user_id) = signup.user_id else {
            continue;
        };
        if let Some(person) = user::Entity::find_by_id(user_id).one(db).await? {
            add(person.email, person.locale, Row::Signup(signup.id));
        }
    }
    Ok(out)
}

/// Keeps the hash of this email's stop link, with the row it stops (every
/// link ever sent keeps working).
async fn keep_stop_link<C: ConnectionTrait>(
    txn: &C,
    date: OccurrenceId,
    row: &Row,
    hash: &str,
) -> Result<(), DbErr> {
    let (rsvp_id, signup_id) = match *row {
        Row::Reply(id) => (Some(id), None),
        Row::Signup(id) => (None, Some(id)),
    };
    message_stop_link::Entity::insert(message_stop_link::ActiveModel {
        hash: Set(hash.to_string()),
        occurrence_id: Set(date),
        rsvp_id: Set(rsvp_id),
        signup_id: Set(signup_id),
    })
    .exec_without_returning(txn)
    .await?;
    Ok(())
}
