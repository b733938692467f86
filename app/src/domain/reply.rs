//! Saying "I'm coming": how people may do it, and how many they bring.

use super::flags::{Flag, FlagSet};
use serde::{Deserialize, Serialize};

/// A way to say one is coming, chosen per gathering by its organisers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReplyMode {
    /// Signed in.
    Account,
    /// With an email address, confirmed by an emailed link.
    Email,
    /// Headcount only: no name, no address; held by this device.
    Anonymous,
}

pub type ReplyModes = FlagSet<ReplyMode>;

impl Flag for ReplyMode {
    const ALL: &'static [Self] = &[Self::Account, Self::Email, Self::Anonymous];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

/// Where an RSVP stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReplyStatus {
    /// Waiting for its email address to be confirmed; holds no seat.
    Pending,
    /// Waiting for the organisers to approve it; holds no seat and is not
    /// on the waitlist.
    Requested,
    Going,
    Waitlisted,
    Cancelled,
    /// Turned down by the organisers.
    Declined,
}

impl ReplyStatus {
    const ALL: [Self; 6] = [
        Self::Pending,
        Self::Requested,
        Self::Going,
        Self::Waitlisted,
        Self::Cancelled,
        Self::Declined,
    ];

    /// The statuses of a reply that still stands (one per person, address
    /// or device and date), as stored.
    pub const ACTIVE: [Self; 4] = [
        Self::Pending,
        Self::Requested,
        Self::Going,
        Self::Waitlisted,
    ];

    /// Whether a reply in this status still stands, so it can be cancelled.
    pub fn stands(self) -> bool {
        Self::ACTIVE.contains(&self)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Requested => "requested",
            Self::Going => "going",
            Self::Waitlisted => "waitlisted",
            Self::Cancelled => "cancelled",
            Self::Declined => "declined",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// How many people an RSVP is for: the person and those they bring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartySize(u8);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PartySizeError {
    #[error("a party is at least one person")]
    TooSmall,
    #[error("at most {0} people per party")]
    TooLarge(u8),
    #[error("not a number")]
    NotANumber,
}

impl PartySize {
    /// `text` as typed (empty means just the person); at most
    /// `1 + max_guests`.
    pub fn parse(text: &str, max_guests: u8) -> Result<Self, PartySizeError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Self(1));
        }
        let n: i64 = super::typed_number::latin_digits(text)
            .parse()
            .map_err(|_| PartySizeError::NotANumber)?;
        let max = max_guests.saturating_add(1);
        match n {
            ..=0 => Err(PartySizeError::TooSmall),
            n if n > i64::from(max) => Err(PartySizeError::TooLarge(max)),
            n => Ok(Self(n as u8)),
        }
    }

    /// A reply form's `party` field: at most [`MOST_GUESTS`] guests,
    /// whatever the gathering allows (its own limit is checked where its
    /// settings are read).
    pub fn from_reply_form(text: &str) -> Result<Self, PartySizeError> {
        Self::parse(text, MOST_GUESTS)
    }

    pub fn people(self) -> i32 {
        i32::from(self.0)
    }
}

/// The most guests any one reply may bring.
pub const MOST_GUESTS: u8 = 49;

/// The longest name a guest without an account may give, in characters.
pub const GUEST_NAME_MAX_CHARS: usize = 80;

/// The name a guest without an account typed, on one line and cut to
/// [`GUEST_NAME_MAX_CHARS`]; `None` when they gave none.
pub fn guest_name(typed: &str) -> Option<String> {
    let name: String = super::text::one_line(typed)
        .chars()
        .take(GUEST_NAME_MAX_CHARS)
        .collect();
    Some(name).filter(|name| !name.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn party_sizes_are_checked() {
        assert_eq!(PartySize::parse("", 4).unwrap().people(), 1);
        assert_eq!(PartySize::parse(" 5 ", 4).unwrap().people(), 5);
        assert_eq!(PartySize::parse("0", 4), Err(PartySizeError::TooSmall));
        assert_eq!(PartySize::parse("-2", 4), Err(PartySizeError::TooSmall));
        assert_eq!(PartySize::parse("6", 4), Err(PartySizeError::TooLarge(5)));
        assert_eq!(PartySize::parse("two", 4), Err(PartySizeError::NotANumber));
        assert_eq!(PartySize::parse("1", 0).unwrap().people(), 1);
        assert_eq!(PartySize::parse("٣", 4).unwrap().people(), 3, "Arabic");
        assert_eq!(PartySize::parse("۴", 4).unwrap().people(), 4, "Persian");
    }

    #[test]
    fn a_reply_brings_at_most_forty_nine_guests() {
        assert_eq!(PartySize::from_reply_form("50").unwrap().people(), 50);
        assert_eq!(
            PartySize::from_reply_form("51"),
            Err(PartySizeError::TooLarge(50))
        );
    }

    #[test]
    fn guest_names_are_one_line_of_at_most_eighty_characters() {
        assert_eq!(guest_name("  "), None);
        assert_eq!(guest_name("Ana\nBen").as_deref(), Some("Ana Ben"));
        let long = "é".repeat(100);
        assert_eq!(guest_name(&long).unwrap().chars().count(), 80);
    }

    #[test]
    fn modes_are_a_small_set() {
        let all: ReplyModes = ReplyModes::from_bits(7);
        assert!(all.contains(ReplyMode::Anonymous));
        let account_only = ReplyModes::from_bits(1);
        assert!(!account_only.contains(ReplyMode::Email));
    }
}
