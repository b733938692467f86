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

/// Why a check-in at the door cannot happen; nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckInProblem {
    /// No reply by that id to this date.
    NoSuchReply,
    /// The reply is not (or no longer) coming: waiting, cancelled, declined.
    NotComing,
    /// Not between one and the party's size.
    People { party: i32 },
    /// A walk-in count not between one and `door::check_in::WALK_IN_MOST`.
    WalkInPeople,
    /// The form's key is damaged: load the page again.
    StalePage,
    /// No reply coming to this date has this door code.
    NoSuchCode,
    /// A helper looked up more than their limit for this date.
    TooManyLookups,
    /// The date ended more than two days ago: who came is settled.
    DoorClosed,
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

/// Why a gathering's picture was not kept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureProblem {
    Missing,
    TooLarge,
    /// Not a JPEG, PNG or WebP file, or a damaged one.
    NotAPicture,
    /// More pixels than the server decodes: a decompression bomb, or a
    /// panorama too big for a phone anyway.
    TooManyPixels,
    /// Decoding took longer than allowed.
    TookTooLong,
    /// Others' pictures are being decoded; this one did not get its turn.
    Busy,
    AltMissing,
    AltTooLong,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartnerProblem {
    UnknownHost,
    OwnHost,
    AlreadyInvited,
    /// Waiting for review or hidden: nobody is told about it yet.
    NotPublic,
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

/// Why a city office's area (GeoJSON) cannot be imported, on the command
/// line (its English `Display`) or in the browser (`l10n::refusals`).
/// Nothing was stored.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum AreaProblem {
    #[error("this is not valid GeoJSON: {0}")]
    NotGeoJson(String),
    #[error("the file holds a {0}; only Polygon and MultiPolygon areas can be imported")]
    NotAnArea(String),
    #[error("the file holds no area (no polygons, or polygons without surface)")]
    Empty,
    #[error(
        "polygon {polygon} has a position outside the world ({longitude}, {latitude}); GeoJSON positions are [longitude, latitude]"
    )]
    OutOfRange {
        polygon: usize,
        longitude: f64,
        latitude: f64,
    },
    #[error(
        "the coordinates look swapped: GeoJSON positions are [longitude, latitude], this file seems to use [latitude, longitude]"
    )]
    Swapped,
    #[error("polygon {polygon} is not a valid area: {reason}")]
    Invalid { polygon: usize, reason: String },
}

/// Why a city office cannot be created, on the command line (its English
/// `Display`) or in the browser. Nothing was stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum OfficeProblem {
    #[error("the slug must be 2 to 80 lower-case letters, digits and dashes")]
    BadSlug,
    #[error("the name must be 1 to 120 characters")]
    BadName,
    #[error("an office with this slug exists already")]
    Taken,
}

/// Why an administrator's change of roles was refused. Nothing changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RoleChangeProblem {
    /// Not an email address.
    BadEmail,
    /// Administrators cannot take their own role away (so one remains).
    OwnRole,
}
