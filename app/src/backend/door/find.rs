//! Looking up a reply at the door: by its door code (exactly one), or by
//! a name (at least three letters, at most a few replies). A helper never
//! gets the list: a name that matches more than a few replies finds
//! nothing, and asks for more of the name or the code.

use super::code;
use crate::backend::entities::rsvp;
use crate::backend::replies::lists::{accounts_of, name_of};
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use crate::views::door::{DoorReply, DoorSearch};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// The fewest characters of a name that are looked up.
pub const NAME_MIN_CHARS: usize = 3;
/// The most replies a name may find.
pub const MOST_FOUND: usize = 3;

/// The replies to date `occurrence_id` that `typed` (a door code or the
/// start of a word of a name) finds: among those coming for a helper, also
/// among those waiting or asking to come for an organiser.
pub async fn find<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
    typed: &str,
    organiser: bool,
) -> Result<DoorSearch, DbErr> {
    let statuses: &[ReplyStatus] = if organiser {
        &[
            ReplyStatus::Going,
            ReplyStatus::Waitlisted,
            ReplyStatus::Requested,
        ]
    } else {
        &[ReplyStatus::Going]
    };
    let replies = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::Status.is_in(statuses.iter().copied()))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    let by_code: Vec<&rsvp::Model> = code::typed(typed)
        .map(|code| with_code(&replies, &code))
        .unwrap_or_default();
    // A six-letter name ("Haddad") may read as a code: when no code
    // matches, it is looked up as a name.
    let matching: Vec<&rsvp::Model> = if !by_code.is_empty() {
        by_code
    } else {
        let name = typed.trim().to_lowercase();
        if name.chars().count() < NAME_MIN_CHARS {
            return Ok(DoorSearch::NameTooShort);
        }
        let users = accounts_of(db, &replies).await?;
        let matching: Vec<&rsvp::Model> = replies
            .iter()
            .filter(|reply| {
                name_of(reply, &users).is_some_and(|shown| starts_a_word(&shown, &name))
            })
            .collect();
        if matching.len() > MOST_FOUND {
            return Ok(DoorSearch::TooMany);
        }
        matching
    };
    let owned: Vec<rsvp::Model> = matching.into_iter().cloned().collect();
    let users = accounts_of(db, &owned).await?;
    Ok(DoorSearch::Replies(
        owned
            .iter()
            .map(|reply| DoorReply {
                public_id: reply.public_id.clone(),
                name: name_of(reply, &users),
                code: code::of(&reply.public_id),
                party: reply.party,
                status: reply.status,
                checked_in: reply.checked_in,
                asked_time_around: reply.asked_time_around,
            })
            .collect(),
    ))
}

/// Whether `typed` (lower case) starts `name` or one of its words: "had"
/// finds "Amal Haddad", "mal" does not (a helper cannot list every name
/// holding some three letters).
fn starts_a_word(name: &str, typed: &str) -> bool {
    let name = name.to_lowercase();
    name.starts_with(typed)
        || name
            .match_indices(typed)
            .any(|(at, _)| name[..at].ends_with(|c: char| c.is_whitespace() || c == '-'))
}

/// The replies among `replies` whose door code is `code` (one, but for a
/// clash of codes within a date).
pub(super) fn with_code<'a>(replies: &'a [rsvp::Model], code: &str) -> Vec<&'a rsvp::Model> {
    replies
        .iter()
        .filter(|reply| code::of(&reply.public_id) == code)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::starts_a_word;

    #[test]
    fn a_name_is_found_from_the_start_of_one_of_its_words() {
        assert!(starts_a_word("Amal Haddad", "amal"));
        assert!(starts_a_word("Amal Haddad", "had"));
        assert!(starts_a_word("Amal Haddad", "amal h"));
        assert!(starts_a_word("Jean-Luc Picard", "luc"));
        assert!(!starts_a_word("Amal Haddad", "mal"));
        assert!(!starts_a_word("Amal Haddad", "dad"));
    }
}
