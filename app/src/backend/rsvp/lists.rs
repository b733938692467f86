//! Who is coming, as each audience may see it: the public sees counts
//! only; organisers see the list and the waitlist in order; a person sees
//! their own RSVPs.

use crate::backend::entities::{occurrence_seats, rsvp, user};
use crate::domain::ids::{EventId, OccurrenceId, UserId};
use crate::domain::rsvp::RsvpStatus;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

/// What the public sees about one date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub going: i32,
    /// `None`: no limit.
    pub spots_left: Option<i32>,
    pub waitlisted: i32,
}

pub async fn counts<C: ConnectionTrait>(
    conn: &C,
    occurrence_id: OccurrenceId,
    capacity: Option<i32>,
) -> Result<Counts, DbErr> {
    let counter = occurrence_seats::Entity::find_by_id(occurrence_id)
        .one(conn)
        .await?;
    let going = counter.as_ref().map_or(0, |c| c.going);
    let capacity = counter.map_or(capacity, |c| c.capacity);
    let waitlisted: i32 = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Status.eq(RsvpStatus::Waitlisted))
        .all(conn)
        .await?
        .iter()
        .map(|r| r.party)
        .sum();
    Ok(Counts {
        going,
        spots_left: capacity.map(|c| (c - going).max(0)),
        waitlisted,
    })
}

/// One line of an organiser's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// The reply's public id (organisers approve or decline by it).
    pub public_id: String,
    /// A name or address when given; `None` for an anonymous guest.
    pub shown: Option<String>,
    pub party: i32,
    pub status: RsvpStatus,
}

/// [`attendees`] of date `occurrence_id` when it is a date of `event_id`
/// (the gathering its organisers manage); `None` otherwise.
pub async fn attendees_of<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    occurrence_id: OccurrenceId,
) -> Result<Option<Vec<Attendee>>, DbErr> {
    let date = crate::backend::entities::occurrence::Entity::find_by_id(occurrence_id)
        .one(conn)
        .await?;
    if date.is_none_or(|date| date.event_id != event_id) {
        return Ok(None);
    }
    Ok(Some(attendees(conn, occurrence_id).await?))
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
        .filter(rsvp::Column::Status.is_in(RsvpStatus::ACTIVE))
        .order_by_asc(rsvp::Column::Id)
        .all(conn)
        .await?;
    let users = user::Entity::find()
        .filter(user::Column::Id.is_in(rows.iter().filter_map(|r| r.user_id)))
        .all(conn)
        .await?;
    let mut list: Vec<Attendee> = rows
        .into_iter()
        .map(|r| {
            let account = r.user_id.and_then(|id| users.iter().find(|u| u.id == id));
            let shown = r
                .name
                .clone()
                .or_else(|| account.and_then(|u| u.display_name.clone()))
                .or(r.email.clone());
            Attendee {
                public_id: r.public_id,
                shown,
                party: r.party,
                status: r.status,
            }
        })
        .collect();
    let rank = |status: &RsvpStatus| match status {
        RsvpStatus::Going => 0,
        RsvpStatus::Waitlisted => 1,
        RsvpStatus::Requested => 2,
        _ => 3,
    };
    list.sort_by_key(|a| rank(&a.status));
    Ok(list)
}

/// A person's own RSVP to a date, to show and cancel.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnRsvp {
    pub public_id: String,
    pub occurrence_id: OccurrenceId,
    pub party: i32,
    pub status: RsvpStatus,
}

/// The active RSVPs of a signed-in person or a device, for some dates.
pub async fn own<C: ConnectionTrait>(
    conn: &C,
    occurrence_ids: &[OccurrenceId],
    user_id: Option<UserId>,
    device_hash: Option<&str>,
) -> Result<Vec<OwnRsvp>, DbErr> {
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
        .filter(rsvp::Column::Status.is_in(RsvpStatus::ACTIVE))
        .filter(who)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| OwnRsvp {
            public_id: r.public_id,
            occurrence_id: r.occurrence_id,
            party: r.party,
            status: r.status,
        })
        .collect())
}

/// The organiser's list as CSV (RFC 4180), with formula-looking cells
/// defused so a spreadsheet does not run them.
pub fn csv(attendees: &[Attendee], anonymous: &str) -> String {
    let cell = |text: &str| {
        let text = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        format!("\"{}\"", text.replace('"', "\"\""))
    };
    let mut out = String::from("name,party,status\r\n");
    for a in attendees {
        out.push_str(&format!(
            "{},{},{}\r\n",
            cell(a.shown.as_deref().unwrap_or(anonymous)),
            a.party,
            cell(a.status.as_str())
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
                status: RsvpStatus::Going,
            },
            Attendee {
                public_id: "b".into(),
                shown: None,
                party: 1,
                status: RsvpStatus::Waitlisted,
            },
        ];
        assert_eq!(
            csv(&rows, "anonymous guest"),
            "name,party,status\r\n\"'=HYPERLINK(\"\"x\"\")\",2,\"going\"\r\n\"anonymous guest\",1,\"waitlisted\"\r\n"
        );
    }
}
