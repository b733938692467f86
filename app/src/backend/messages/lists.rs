//! Messages as organisers keep them and as a guest reads them.

use crate::backend::entities::{event, occurrence, organiser_message, volunteer_role};
use crate::backend::{event_texts, time_zone};
use crate::domain::ids::OccurrenceId;
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::organiser_message::Audience;
use crate::domain::reply::ReplyStatus;
use crate::domain::status::DateStatus;
use crate::views::messages::{GuestMessage, MessagesView, SentMessage};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};

/// The most messages a guest sees on a gathering's page, newest first.
const SHOWN_TO_A_GUEST: u64 = 10;

/// The messages page of `event` (the caller checked that the viewer
/// organises it): the dates a message may go to (scheduled, from a day ago
/// on), its roles, and every message sent, newest first.
pub async fn for_organisers<C: ConnectionTrait>(
    db: &C,
    event: &event::Model,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<MessagesView, DbErr> {
    let zone = time_zone::named(&event.time_zone);
    let local = |at: DateTime<Utc>| {
        at.with_timezone(&zone)
            .naive_local()
            .format(LOCAL_TIME_FORMAT)
            .to_string()
    };
    let all_dates = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event.id))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(db)
        .await?;
    let dates = all_dates
        .iter()
        .filter(|date| {
            date.status == DateStatus::Scheduled
                && date.guests_forgotten_at.is_none()
                && date.ends_at > now - super::send::WRITABLE_AFTER_END
        })
        .map(|date| (date.id, local(date.starts_at)))
        .collect();
    let roles = volunteer_role::Entity::find()
        .filter(volunteer_role::Column::EventId.eq(event.id))
        .all(db)
        .await?;
    let sent = organiser_message::Entity::find()
        .filter(organiser_message::Column::EventId.eq(event.id))
        .order_by_desc(organiser_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|message| SentMessage {
            date_local: all_dates
                .iter()
                .find(|date| date.id == message.occurrence_id)
                .map(|date| local(date.starts_at))
                .unwrap_or_default(),
            audience: Audience::from_stored(&message.audience, message.role_id)
                .unwrap_or(Audience::Coming),
            role: message.role_id.and_then(|id| {
                roles
                    .iter()
                    .find(|role| role.id == id)
                    .map(|role| role.name.clone())
            }),
            recipients: message.recipients,
            body: message.body,
            sent_at: message.created_at,
        })
        .collect();
    let title = event_texts::for_reader(db, event, reader_language)
        .await?
        .map(|text| text.title)
        .unwrap_or_default();
    Ok(MessagesView {
        event_public_id: event.public_id.clone(),
        title,
        dates,
        roles: roles.into_iter().map(|role| (role.id, role.name)).collect(),
        sent,
    })
}

/// The messages meant for a guest with the replies `own` (their dates and
/// where each stands): to those coming, or to the waiting list. For guests
/// who replied without an address, who get no email.
pub async fn for_guest<C: ConnectionTrait>(
    db: &C,
    own: &[(OccurrenceId, ReplyStatus)],
) -> Result<Vec<GuestMessage>, DbErr> {
    let audience_of = |status: ReplyStatus| match status {
        ReplyStatus::Going => Some("coming"),
        ReplyStatus::Waitlisted | ReplyStatus::Requested => Some("waiting"),
        _ => None,
    };
    let dates: Vec<OccurrenceId> = own.iter().map(|(date, _)| *date).collect();
    if dates.is_empty() {
        return Ok(Vec::new());
    }
    let messages = organiser_message::Entity::find()
        .filter(organiser_message::Column::OccurrenceId.is_in(dates))
        .filter(organiser_message::Column::Audience.is_in(["coming", "waiting"]))
        .order_by_desc(organiser_message::Column::Id)
        .limit(SHOWN_TO_A_GUEST * 4)
        .all(db)
        .await?;
    Ok(messages
        .into_iter()
        .filter(|message| {
            own.iter().any(|(date, status)| {
                *date == message.occurrence_id
                    && audience_of(*status) == Some(message.audience.as_str())
            })
        })
        .take(SHOWN_TO_A_GUEST as usize)
        .map(|message| GuestMessage {
            occurrence_id: message.occurrence_id,
            body: message.body,
            sent_at: message.created_at,
        })
        .collect())
}
