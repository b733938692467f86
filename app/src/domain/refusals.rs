//! Why a request was refused, as data: the problems a person can fix or
//! should know about, one enum per kind of request. Each backend command
//! answers with one (nothing was written); `l10n::refusals` says each in
//! the reader's language, for pages, emails and the JSON API alike.

/// Why an RSVP cannot be made or changed. Nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyProblem {
    /// No such date of this gathering.
    NotFound,
    /// Cancelled, or the gathering is.
    Cancelled,
    /// Started already.
    Past,
    /// RSVPs closed shortly before the start.
    Closed,
    /// The organisers do not take RSVPs this way.
    ModeNotAllowed,
    /// More people than one person may bring.
    PartyTooLarge,
    /// This person, address or device already has an RSVP for this date.
    AlreadyComing,
    /// A confirmation or cancel link that is unknown, used or not ours.
    InvalidLink,
    /// A larger party does not fit; the RSVP stays as it was.
    NoRoomForMore,
    /// The organisers' cap on places for replies without an account is
    /// reached.
    NoPlacesWithoutAccount,
    /// This address was sent as many confirmation emails as it may get for
    /// now (`ReplyLimits::mails_to`).
    TooManyMails,
}

/// Why a sign-up or withdrawal cannot happen; nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VolunteerProblem {
    NotFound,
    /// The date is cancelled, started, or replies closed.
    Closed,
    Full,
    /// Volunteers count as coming and the gathering is full.
    NoSeats,
    AlreadySignedUp,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogoProblem {
    Missing,
    TooLarge,
    NotAnImage,
    TooManyPixels,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartnerProblem {
    UnknownHost,
    OwnHost,
    AlreadyInvited,
}

/// Why an invitation cannot be accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationProblem {
    Invalid,
    Used,
    Expired,
    /// Signed in with another address than the one invited.
    OtherAddress,
}

/// Why a member cannot leave or be removed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RemovalProblem {
    /// A host always keeps at least one owner.
    LastOwner,
    NotAMember,
}

/// Why a sponsorship cannot be made or changed. Nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SponsorProblem {
    NotFound,
    /// The gathering or date is cancelled, or over.
    NotOpen,
    /// The office has no jurisdiction yet.
    NoJurisdiction,
    /// The place lies outside the office's jurisdiction.
    Outside,
    /// Already sponsored by this office.
    Already,
    /// The host declined this office's sponsorship of this gathering.
    DeclinedByHost,
    NoteTooLong,
    /// Already ended or declined.
    NotActive,
}

/// Why a link cannot sign anyone in. Each has its own message, since
/// none of them reveals anything about the account.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LinkProblem {
    /// Unknown or mistyped.
    Invalid,
    Used,
    Expired,
    /// Opened in another browser than the one that asked for it.
    OtherBrowser,
    /// The account was suspended by a moderator.
    Suspended,
}

/// Why an account cannot be deleted yet; nothing was changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeletionProblem {
    /// The person is the only owner of these hosts (slug, name): each must
    /// first get another owner, or be closed.
    SoleOwner(Vec<(String, String)>),
}
