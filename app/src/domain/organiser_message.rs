//! A message from a gathering's organisers to the people of one date
//! ("bring a dish from home", "we moved to the hall next door"): to those
//! coming, to the waiting list, or to the volunteers (of one role or all).
//! Sent through the outbox; anyone may stop such messages, which never
//! stops the essential emails (confirmation, change, cancellation).

use super::ids::RoleId;

/// The most characters a message may have.
pub const BODY_MAX_CHARS: usize = 2000;

/// Who a message goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Audience {
    /// Replies whose place is confirmed.
    Coming,
    /// Replies on the waiting list or waiting for the organisers' approval.
    Waiting,
    /// Volunteers of one role, or of every role (`None`).
    Volunteers(Option<RoleId>),
}

impl Audience {
    /// The form's value: `coming`, `waiting`, `volunteers` or
    /// `volunteers:<role id>`.
    pub fn from_form(value: &str) -> Option<Self> {
        match value.trim() {
            "coming" => Some(Self::Coming),
            "waiting" => Some(Self::Waiting),
            "volunteers" => Some(Self::Volunteers(None)),
            other => other
                .strip_prefix("volunteers:")
                .and_then(|role| role.parse().ok())
                .map(|role| Self::Volunteers(Some(role))),
        }
    }

    pub fn form_value(self) -> String {
        match self {
            Self::Coming => "coming".into(),
            Self::Waiting => "waiting".into(),
            Self::Volunteers(None) => "volunteers".into(),
            Self::Volunteers(Some(role)) => format!("volunteers:{role}"),
        }
    }

    /// The name stored in `organiser_messages.audience` (the role apart).
    pub fn stored(self) -> &'static str {
        match self {
            Self::Coming => "coming",
            Self::Waiting => "waiting",
            Self::Volunteers(_) => "volunteers",
        }
    }

    pub fn from_stored(stored: &str, role: Option<RoleId>) -> Option<Self> {
        match stored {
            "coming" => Some(Self::Coming),
            "waiting" => Some(Self::Waiting),
            "volunteers" => Some(Self::Volunteers(role)),
            _ => None,
        }
    }
}

/// Why a message was not sent; nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MessageProblem {
    Empty,
    TooLong,
    /// Not one of the gathering's dates, or the date is cancelled.
    NoSuchDate,
    /// No such audience (or role) for this gathering.
    NoSuchAudience,
    /// Nobody to write to (everyone stopped messages, or nobody is there).
    NobodyToTell,
    /// Over the organiser's or the host's limit for the day.
    TooMany,
}

/// The message as typed: control characters removed (line breaks stay),
/// trimmed, within [`BODY_MAX_CHARS`].
pub fn body_from_form(text: &str) -> Result<String, MessageProblem> {
    let body = super::text::lines(text);
    if body.is_empty() {
        return Err(MessageProblem::Empty);
    }
    if body.chars().count() > BODY_MAX_CHARS {
        return Err(MessageProblem::TooLong);
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_audience_reads_back_as_written() {
        for audience in [
            Audience::Coming,
            Audience::Waiting,
            Audience::Volunteers(None),
            Audience::Volunteers(Some(RoleId(7))),
        ] {
            assert_eq!(Audience::from_form(&audience.form_value()), Some(audience));
        }
        assert_eq!(Audience::from_form("everyone"), None);
        assert_eq!(Audience::from_form("volunteers:x"), None);
    }

    #[test]
    fn a_message_is_trimmed_and_bounded() {
        assert_eq!(body_from_form(" \r\n "), Err(MessageProblem::Empty));
        assert_eq!(
            body_from_form("Bring a dish\r\n\u{0}"),
            Ok("Bring a dish".into())
        );
        let long = "é".repeat(BODY_MAX_CHARS + 1);
        assert_eq!(body_from_form(&long), Err(MessageProblem::TooLong));
    }
}
