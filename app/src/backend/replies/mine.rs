//! A person's own upcoming gatherings: RSVPs held by their account or this
//! device, and volunteer sign-ups.

use crate::backend::entities::{event, occurrence, role_signup, rsvp, volunteer_role};
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::domain::reply::ReplyStatus;
use crate::domain::status::{DateStatus, SignupStatus};
use crate::views::mine::MyGathering;
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

pub async fn upcoming<C: ConnectionTrait>(
    conn: &C,
    public_url: &str,
    user_id: Option<UserId>,
    device_hash: Option<&str>,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Vec<MyGathering>, DbErr> {
    let mut items = Vec::new();
    if user_id.is_some() || device_hash.is_some() {
        let mut who = Condition::any();
        if let Some(user_id) = user_id {
            who = who.add(rsvp::Column::UserId.eq(user_id));
        }
        if let Some(device_hash) = device_hash {
            who = who.add(rsvp::Column::DeviceHash.eq(device_hash));
        }
        let rsvps = rsvp::Entity::find()
            .filter(who)
            .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
            .all(conn)
            .await?;
        for r in rsvps {
            if let Some(item) = item(conn, r.occurrence_id, reader_language, now).await? {
                let door_code = (r.status == ReplyStatus::Going)
                    .then(|| crate::backend::door::code::of(&r.public_id));
                let door_qr = door_code.as_ref().and_then(|code| {
                    let event = &item.event_public_id;
                    let address = crate::backend::door::code::door_address(
                        public_url,
                        event,
                        r.occurrence_id,
                        code,
                    );
                    crate::domain::qr_code::svg(&address, 180)
                });
                items.push(MyGathering {
                    status: r.status.as_str().into(),
                    cancel_action: format!("/rsvps/{}/cancel", r.public_id),
                    door_code,
                    door_qr,
                    ..item
                });
            }
        }
    }
    if let Some(user_id) = user_id {
        let signups = role_signup::Entity::find()
            .filter(role_signup::Column::UserId.eq(user_id))
            .filter(role_signup::Column::Status.eq(SignupStatus::Active))
            .all(conn)
            .await?;
        for s in signups {
            let role = volunteer_role::Entity::find_by_id(s.role_id)
                .one(conn)
                .await?;
            if let Some(item) = item(conn, s.occurrence_id, reader_language, now).await? {
                let shift = role.as_ref().and_then(|r| {
                    let (start, end) = r.shift_start.as_ref().zip(r.shift_end.as_ref())?;
                    Some(format!("{start}–{end}"))
                });
                items.push(MyGathering {
                    status: "volunteering".into(),
                    role: role.map(|r| r.name),
                    shift,
                    cancel_action: format!("/signups/{}/withdraw", s.public_id),
                    ..item
                });
            }
        }
    }
    items.sort_by(|a, b| a.starts_local.cmp(&b.starts_local));
    Ok(items)
}

/// The date as listed, if it is still to come and not cancelled.
async fn item<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Option<MyGathering>, DbErr> {
    let Some(date) = occurrence::Entity::find_by_id(occurrence_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if date.ends_at <= now || date.status != DateStatus::Scheduled {
        return Ok(None);
    }
    let Some(event) = event::Entity::find_by_id(date.event_id).one(conn).await? else {
        return Ok(None);
    };
    let title = crate::backend::event_texts::for_reader(conn, &event, reader_language)
        .await?
        .map(|t| t.title)
        .unwrap_or_default();
    let zone = crate::backend::time_zone::named(&event.time_zone);
    let local = date.starts_at.with_timezone(&zone);
    Ok(Some(MyGathering {
        event_public_id: event.public_id,
        title,
        starts_local: local.naive_local().format(LOCAL_TIME_FORMAT).to_string(),
        zone_abbreviation: local.format("%Z").to_string(),
        status: String::new(),
        role: None,
        shift: None,
        cancel_action: String::new(),
        door_code: None,
        door_qr: None,
    }))
}
