//! Who is coming, as each audience may see it: the public sees counts
//! only; organisers see the list and the waitlist in order; a person sees
//! their own RSVPs.

use crate::backend::entities::{rsvp, user};
use crate::backend::sql::Sql;
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::reply::ReplyStatus;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QueryResult,
};
use serde::{Deserialize, Serialize};

/// What the public sees about one date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub going: i32,
    /// `None`: no limit.
    pub spots_left: Option<i32>,
    pub waitlisted: i32,
}

/// The public counts of each date a statement lists, in the statement
/// itself: [`with_counts`] wraps the statement, [`Counts::read`] reads a
/// row of it. A page's every statement crosses to the database's thread
/// and back (ARCHITECTURE.md, "Speed of pages"), so a gathering's dates
/// come with their counts, not in a second statement. A date has a counter
/// from its first reply on (`seats::lock`), so a date without one has
/// nobody going and nobody waiting.
///
/// `dates` pushes a statement whose rows are dates (`occurrences.*`);
/// their order is kept by the caller's `order_by`, on the outer statement
/// (`dates.` names its columns there).
pub fn with_counts(sql: &mut Sql, dates: impl FnOnce(&mut Sql), order_by: &str) {
    sql.push(
        "SELECT dates.*, counter.occurrence_id AS counted_date, \
         counter.going AS counted_going, counter.capacity AS counted_capacity, \
         CASE WHEN counter.occurrence_id IS NULL THEN NULL ELSE \
         (SELECT SUM(rsvps.party) FROM rsvps WHERE rsvps.occurrence_id = dates.id \
         AND rsvps.status = ",
    )
    .bind(ReplyStatus::Waitlisted)
    .push(") END AS counted_waiting FROM (");
    dates(sql);
    sql.push(
        ") AS dates LEFT JOIN occurrence_seats counter \
         ON counter.occurrence_id = dates.id ORDER BY ",
    )
    .push(order_by);
}

impl Counts {
    /// The counts in a row of a statement made by [`with_counts`], with
    /// the gathering's `capacity` for a date nobody replied to yet.
    pub fn read(row: &QueryResult, capacity: Option<i32>) -> Result<Self, DbErr> {
        let counter: Option<OccurrenceId> = row.try_get("", "counted_date")?;
        let (going, capacity) = match counter {
            Some(_) => (
                row.try_get("", "counted_going")?,
                row.try_get::<Option<i32>>("", "counted_capacity")?,
            ),
            None => (0, capacity),
        };
        let waiting: Option<i64> = row.try_get("", "counted_waiting")?;
        Ok(Self {
            going,
            spots_left: capacity.map(|c| (c - going).max(0)),
            waitlisted: waiting.map_or(0, |people| i32::try_from(people).unwrap_or(i32::MAX)),
        })
    }
}

/// One line of an organiser's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// The reply's public id (organisers approve or decline by it).
    pub public_id: String,
    /// A name or address when given; `None` for an anonymous guest.
    pub shown: Option<String>,
    pub party: i32,
    pub status: ReplyStatus,
    /// How many of the party were checked in at the door.
    pub checked_in: Option<i32>,
}

/// The attendee list of one date of `event` as its organiser `user_id`
/// downloads it, recorded (who, when), with the day its guests are
/// forgotten; `None` when the date is not the gathering's.
pub async fn download<C: ConnectionTrait>(
    conn: &C,
    event: &crate::backend::entities::event::Model,
    occurrence_id: OccurrenceId,
    user_id: crate::domain::ids::UserId,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<(Vec<Attendee>, chrono::DateTime<chrono::Utc>)>, DbErr> {
    use crate::backend::entities::{attendee_list_download, occurrence};
    use sea_orm::{ActiveModelTrait, Set};
    let Some(date) = occurrence::Entity::find_by_id(occurrence_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if date.event_id != event.id {
        return Ok(None);
    }
    attendee_list_download::ActiveModel {
        event_id: Set(event.id),
        user_id: Set(Some(user_id)),
        at: Set(now),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    let host = crate::backend::entities::host::Entity::find_by_id(event.host_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("host of event {}", event.id)))?;
    let forgotten_on =
        crate::backend::privacy::settings::guests_forgotten_on(conn, &host, date.ends_at).await?;
    Ok(Some((attendees(conn, occurrence_id).await?, forgotten_on)))
}

/// Everyone who said they are coming to a date, going first, then the
/// waitlist in order, then replies waiting for approval, then unconfirmed
/// addresses.
pub async fn attendees<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
) -> Result<Vec<Attendee>, DbErr> {
    let rows = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
        .order_by_asc(rsvp::Column::Id)
        .all(conn)
        .await?;
    let users = accounts_of(conn, &rows).await?;
    let mut list: Vec<Attendee> = rows
        .into_iter()
        .map(|r| Attendee {
            shown: name_of(&r, &users).or(r.email.clone()),
            public_id: r.public_id,
            party: r.party,
            status: r.status,
            checked_in: r.checked_in,
        })
        .collect();
    let rank = |status: &ReplyStatus| match status {
        ReplyStatus::Going => 0,
        ReplyStatus::Waitlisted => 1,
        ReplyStatus::Requested => 2,
        _ => 3,
    };
    list.sort_by_key(|a| rank(&a.status));
    Ok(list)
}

/// The name a reply gave, else its account's chosen name (`users` holds
/// the accounts of the replies at hand); never its email address.
pub fn name_of(reply: &rsvp::Model, users: &[user::Model]) -> Option<String> {
    reply.name.clone().or_else(|| {
        let account = reply
            .user_id
            .and_then(|id| users.iter().find(|u| u.id == id));
        account.and_then(|u| u.display_name.clone())
    })
}

/// The accounts of `replies`, for [`name_of`].
pub async fn accounts_of<C: ConnectionTrait>(
    conn: &C,
    replies: &[rsvp::Model],
) -> Result<Vec<user::Model>, DbErr> {
    user::Entity::find()
        .filter(user::Column::Id.is_in(replies.iter().filter_map(|r| r.user_id)))
        .all(conn)
        .await
}

/// A person's own RSVP to a date, to show and cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnReply {
    pub public_id: String,
    pub occurrence_id: OccurrenceId,
    pub party: i32,
    pub status: ReplyStatus,
}

/// The active RSVPs of a signed-in person or a device, for some dates.
pub async fn own<C: ConnectionTrait>(
    conn: &C,
    occurrence_ids: &[OccurrenceId],
    user_id: Option<UserId>,
    device_hash: Option<&str>,
) -> Result<Vec<OwnReply>, DbErr> {
    if user_id.is_none() && device_hash.is_none() {
        return Ok(Vec::new());
    }
    let mut who = sea_orm::Condition::any();
    if let Some(user_id) = user_id {
        who = who.add(rsvp::Column::UserId.eq(user_id));
    }
    if let Some(device_hash) = device_hash {
        who = who.add(rsvp::Column::DeviceHash.eq(device_hash));
    }
    Ok(rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.is_in(occurrence_ids.iter().copied()))
        .filter(rsvp::Column::Status.is_in(ReplyStatus::ACTIVE))
        .filter(who)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| OwnReply {
            public_id: r.public_id,
            occurrence_id: r.occurrence_id,
            party: r.party,
            status: r.status,
        })
        .collect())
}

/// The organiser's list as CSV (RFC 4180), with formula-looking cells
/// defused so a spreadsheet does not run them.
/// Its first line says by when to delete the file (`delete_by`): the day
/// the app forgets these guests.
pub fn csv(attendees: &[Attendee], anonymous: &str, delete_by: &str) -> String {
    let cell = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        format!("\"{}\"", text.replace('"', "\"\""))
    };
    let mut out = format!("{}\r\nname,party,status,checked_in\r\n", cell(delete_by));
    for a in attendees {
        out.push_str(&format!(
            "{},{},{},{}\r\n",
            cell(a.shown.as_deref().unwrap_or(anonymous)),
            a.party,
            cell(a.status.as_str()),
            a.checked_in.unwrap_or(0)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        let rows = vec![
            Attendee {
                public_id: "a".into(),
                shown: Some("=HYPERLINK(\"x\")".into()),
                party: 2,
                status: ReplyStatus::Going,
                checked_in: Some(1),
            },
            Attendee {
                public_id: "b".into(),
                shown: None,
                party: 1,
                status: ReplyStatus::Waitlisted,
                checked_in: None,
            },
        ];
        assert_eq!(
            csv(&rows, "anonymous guest", "Delete this list by 4 Jan 2027"),
            "\"Delete this list by 4 Jan 2027\"\r\nname,party,status,checked_in\r\n\"'=HYPERLINK(\"\"x\"\")\",2,\"going\",1\r\n\"anonymous guest\",1,\"waitlisted\",0\r\n"
        );
    }
}
