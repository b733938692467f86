//! The door page of one date: the replies a search found, a form for
//! walk-ins and, for organisers only, what came of the date.

use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorView {
    pub event_public_id: String,
    pub title: String,
    pub occurrence_id: OccurrenceId,
    /// Local wall-clock start (`LOCAL_TIME_FORMAT`) and the zone's
    /// abbreviation.
    pub starts_local: String,
    pub zone_abbreviation: String,
    /// On the host's team (else a helper at the door).
    pub organiser: bool,
    /// What was looked up (a door code or a name), if anything.
    pub query: String,
    pub found: DoorSearch,
    /// A fresh key for the walk-in form (a tap sent twice counts once).
    pub walk_in_key: String,
    /// Organisers only.
    pub attendance: Option<Attendance>,
    /// Organisers only; `None` when the figures are settled and nobody
    /// answered.
    pub time_around: Option<Settled<TimeAroundFigures>>,
    /// Organisers only; `None` when the figures are settled and nobody
    /// answered the follow-up.
    #[serde(default)]
    pub follow_up: Option<Settled<FollowUpFigures>>,
}

/// Answers' figures are shown only once no more answers can come: figures
/// watched while each answer moves them would tell whose answer it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Settled<T> {
    Shown(T),
    /// Withheld until then (the date's local time, `LOCAL_TIME_FORMAT`).
    From(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DoorSearch {
    /// Nothing looked up yet.
    Nothing,
    Replies(Vec<DoorReply>),
    NameTooShort,
    TooMany,
    /// A helper looked up more than their limit for this date.
    TooManyLookups,
}

/// One reply as the door sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DoorReply {
    pub public_id: String,
    /// The name it gave (or its account's); never an email address.
    pub name: Option<String>,
    pub code: String,
    pub party: i32,
    pub status: ReplyStatus,
    pub checked_in: Option<i32>,
    /// Whether the question about time around here was put to it already
    /// (then the door does not ask again).
    pub asked_time_around: bool,
}

/// What came of one date, in people.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    /// In replies that are coming.
    pub replied: i32,
    pub checked_in: i32,
    pub walk_ins: i32,
    /// Replied as coming but not checked in.
    pub no_shows: i32,
}

/// Answers to "How long have you lived around here?" for one date: how
/// many gave each answer, as a count that never points at a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeAroundFigures {
    pub under_two_years: ShownCount,
    pub two_years_or_more: ShownCount,
    pub rather_not_say: ShownCount,
}

/// Answers to the follow-up after one date (organisers only), each count
/// rounded or withheld.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpFigures {
    /// Met someone new: yes, no, not sure.
    pub met_someone_new: [ShownCount; 3],
    /// How comfortable meeting them again, from 1 (not at all) to 5 (very).
    pub comfortable_again: [ShownCount; 5],
    /// Would come again: yes, no.
    pub come_again: [ShownCount; 2],
}

/// A count of people as it may be shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ShownCount {
    /// Rounded to the nearest five.
    About(u64),
    /// Withheld: fewer than this many.
    FewerThan(u64),
}
