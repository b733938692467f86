//! Every refusal said in the reader's language: the one place a problem
//! from `domain` (a reply that cannot be made, a form field that is wrong)
//! becomes a sentence, whether a page, an email or the JSON API shows it.

use crate::domain::{
    email_address::EmailAddressError,
    follow_up::{FIRST_NAME_MAX_CHARS, STORY_MAX_CHARS, StoryProblem, SurveyProblem},
    host_page::{ForgetDaysProblem, HostProblem},
    logo::MAX_KILOBYTES,
    moderation::{MOST_TEXT, ReportProblem},
    organiser_message::{BODY_MAX_CHARS, MessageProblem},
    refusals::{
        AreaProblem, CheckInProblem, DeletionProblem, LogoProblem, OfficeProblem, PartnerProblem,
        PictureProblem, RemovalProblem, ReplyProblem, RoleChangeProblem, SponsorProblem,
        VolunteerProblem,
    },
    reply::PartySizeError,
    search::SearchError,
    volunteer_role::RoleProblem,
};
use crate::i18n::{Locale, td_string};

/// A refusal the reader can be told about.
pub trait Explain {
    /// The sentence, in `locale`.
    fn explain(&self, locale: Locale) -> String;
}

impl Explain for AreaProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NotGeoJson(detail) => {
                td_string!(locale, area_problem_not_geojson, detail = detail.clone()).to_string()
            }
            Self::NotAnArea(kind) => {
                td_string!(locale, area_problem_not_an_area, kind = kind.clone()).to_string()
            }
            Self::Empty => td_string!(locale, area_problem_empty).to_string(),
            Self::OutOfRange {
                polygon,
                longitude,
                latitude,
            } => td_string!(
                locale,
                area_problem_out_of_range,
                polygon = *polygon,
                longitude = longitude.to_string(),
                latitude = latitude.to_string()
            )
            .to_string(),
            Self::Swapped => td_string!(locale, area_problem_swapped).to_string(),
            Self::Invalid { polygon, reason } => td_string!(
                locale,
                area_problem_invalid,
                polygon = *polygon,
                reason = reason.clone()
            )
            .to_string(),
        }
    }
}

impl Explain for OfficeProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::BadSlug => td_string!(locale, office_problem_bad_slug),
            Self::BadName => td_string!(locale, office_problem_bad_name),
            Self::Taken => td_string!(locale, office_problem_taken),
        }
        .to_string()
    }
}

impl Explain for RoleChangeProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::BadEmail => td_string!(locale, role_problem_bad_email),
            Self::OwnRole => td_string!(locale, role_problem_own_role),
        }
        .to_string()
    }
}

impl Explain for ReportProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NoReason => td_string!(locale, report_problem_no_reason).to_string(),
            Self::TooLong => td_string!(
                locale,
                report_problem_too_long,
                count = MOST_TEXT,
                most = crate::l10n::format::number(locale, MOST_TEXT as i64)
            )
            .to_string(),
            Self::NotFound => td_string!(locale, report_problem_not_found).to_string(),
            Self::ReasonMissing => td_string!(locale, report_problem_reason_missing).to_string(),
        }
    }
}

impl Explain for ReplyProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NotFound => td_string!(locale, rsvp_problem_not_found),
            Self::Cancelled => td_string!(locale, rsvp_problem_cancelled),
            Self::Past => td_string!(locale, rsvp_problem_past),
            Self::Closed => td_string!(locale, rsvp_problem_closed),
            Self::ModeNotAllowed => td_string!(locale, rsvp_problem_mode),
            Self::PartyTooLarge => td_string!(locale, rsvp_problem_party),
            Self::AlreadyComing => td_string!(locale, rsvp_problem_already),
            Self::InvalidLink => td_string!(locale, rsvp_problem_link),
            Self::NoRoomForMore => td_string!(locale, rsvp_problem_no_room),
            Self::NoPlacesWithoutAccount => {
                td_string!(locale, rsvp_problem_places_without_account)
            }
            Self::TooManyMails => td_string!(locale, rsvp_problem_too_many_mails),
        }
        .to_string()
    }
}

/// Why an organiser cannot approve or decline a reply: said from the
/// organiser's side (the reply's own problems are for the person replying).
pub fn decision_refused(locale: Locale, problem: ReplyProblem) -> String {
    match problem {
        ReplyProblem::Cancelled | ReplyProblem::Past => td_string!(locale, reply_date_closed),
        _ => td_string!(locale, reply_already_decided),
    }
    .to_string()
}

impl Explain for PartySizeError {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NotANumber => td_string!(locale, rsvp_problem_party_invalid),
            Self::TooSmall | Self::TooLarge(_) => td_string!(locale, rsvp_problem_party),
        }
        .to_string()
    }
}

impl Explain for EmailAddressError {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::Empty => td_string!(locale, sign_in_email_missing),
            Self::Malformed => td_string!(locale, sign_in_email_invalid),
        }
        .to_string()
    }
}

impl Explain for VolunteerProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::Full => td_string!(locale, volunteer_full),
            Self::NoSeats => td_string!(locale, volunteer_no_seats),
            Self::AlreadySignedUp => td_string!(locale, volunteer_already),
            Self::NotFound | Self::Closed => td_string!(locale, volunteer_closed),
        }
        .to_string()
    }
}

impl Explain for MessageProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::Empty => td_string!(locale, messages_problem_empty).to_string(),
            Self::TooLong => td_string!(
                locale,
                messages_problem_too_long,
                count = BODY_MAX_CHARS,
                most = crate::l10n::format::number(locale, BODY_MAX_CHARS as i64)
            )
            .to_string(),
            Self::NoSuchDate => td_string!(locale, messages_problem_no_date).to_string(),
            Self::NoSuchAudience => td_string!(locale, messages_problem_audience).to_string(),
            Self::NobodyToTell => td_string!(locale, messages_problem_nobody).to_string(),
            Self::TooMany => td_string!(locale, messages_problem_too_many).to_string(),
        }
    }
}

impl Explain for StoryProblem {
    fn explain(&self, locale: Locale) -> String {
        let most = |n: usize| crate::l10n::format::number(locale, n as i64);
        match self {
            Self::TooLong => td_string!(
                locale,
                story_problem_too_long,
                count = STORY_MAX_CHARS,
                most = most(STORY_MAX_CHARS)
            )
            .to_string(),
            Self::FirstNameMissing => {
                td_string!(locale, story_problem_first_name_missing).to_string()
            }
            Self::FirstNameTooLong => td_string!(
                locale,
                story_problem_first_name_too_long,
                count = FIRST_NAME_MAX_CHARS,
                most = most(FIRST_NAME_MAX_CHARS)
            )
            .to_string(),
        }
    }
}

impl Explain for SurveyProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::LinkNotValid => td_string!(locale, follow_up_link_not_valid).to_string(),
            Self::AlreadyAnswered => td_string!(locale, follow_up_problem_already).to_string(),
            Self::Story(problem) => problem.explain(locale),
        }
    }
}

impl Explain for CheckInProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NoSuchReply => td_string!(locale, door_problem_no_reply).to_string(),
            Self::NotComing => td_string!(locale, door_problem_not_coming).to_string(),
            Self::People { party } => td_string!(
                locale,
                door_problem_people,
                count = *party,
                party = crate::l10n::format::number(locale, *party as i64)
            )
            .to_string(),
            Self::WalkInPeople => td_string!(locale, door_problem_walk_in_people).to_string(),
            Self::StalePage => td_string!(locale, door_problem_stale_page).to_string(),
            Self::NoSuchCode => td_string!(locale, door_problem_no_code).to_string(),
            Self::TooManyLookups => td_string!(locale, door_too_many_lookups).to_string(),
            Self::DoorClosed => td_string!(locale, door_problem_closed).to_string(),
        }
    }
}

impl Explain for RoleProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NameMissing => td_string!(locale, role_name_missing),
            Self::SlotsInvalid => td_string!(locale, role_slots_invalid),
            Self::ShiftInvalid => td_string!(locale, role_shift_invalid),
        }
        .to_string()
    }
}

impl Explain for HostProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NameMissing => td_string!(locale, host_name_missing),
            Self::NameTooLong => td_string!(locale, host_name_too_long),
            Self::DescriptionTooLong => td_string!(locale, host_description_too_long),
            Self::LinkInvalid => td_string!(locale, host_links_invalid),
            Self::TooManyLinks => td_string!(locale, host_links_too_many),
        }
        .to_string()
    }
}

impl Explain for LogoProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::Missing => td_string!(locale, host_logo_missing).to_string(),
            Self::TooLarge => {
                td_string!(locale, host_logo_too_large, kilobytes = MAX_KILOBYTES).to_string()
            }
            Self::NotAnImage => td_string!(locale, host_logo_not_an_image).to_string(),
            Self::TooManyPixels => td_string!(locale, host_logo_too_many_pixels).to_string(),
        }
    }
}

impl Explain for PictureProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::Missing => td_string!(locale, picture_missing),
            Self::TooLarge => td_string!(locale, picture_too_large),
            Self::NotAPicture => td_string!(locale, picture_not_a_picture),
            Self::TooManyPixels => td_string!(locale, picture_too_many_pixels),
            Self::TookTooLong => td_string!(locale, picture_took_too_long),
            Self::Busy => td_string!(locale, picture_busy),
            Self::AltMissing => td_string!(locale, picture_alt_missing),
            Self::AltTooLong => td_string!(locale, picture_alt_too_long),
        }
        .to_string()
    }
}

impl Explain for PartnerProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::UnknownHost => td_string!(locale, partner_unknown),
            Self::OwnHost => td_string!(locale, partner_own),
            Self::AlreadyInvited => td_string!(locale, partner_already),
            Self::NotPublic => td_string!(locale, partner_not_public),
        }
        .to_string()
    }
}

impl Explain for RemovalProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::LastOwner => td_string!(locale, team_last_owner),
            Self::NotAMember => td_string!(locale, forbidden_body),
        }
        .to_string()
    }
}

impl Explain for SponsorProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::NotFound => td_string!(locale, sponsor_problem_not_found),
            Self::NotOpen => td_string!(locale, sponsor_problem_not_open),
            Self::NoJurisdiction => td_string!(locale, sponsor_problem_no_area),
            Self::Outside => td_string!(locale, sponsor_problem_outside),
            Self::Already => td_string!(locale, sponsor_problem_already),
            Self::DeclinedByHost => td_string!(locale, sponsor_problem_declined),
            Self::NoteTooLong => td_string!(locale, sponsor_problem_note),
            Self::NotActive => td_string!(locale, sponsor_problem_not_active),
        }
        .to_string()
    }
}

impl Explain for ForgetDaysProblem {
    fn explain(&self, locale: Locale) -> String {
        td_string!(
            locale,
            host_forget_days_invalid,
            most = crate::l10n::format::number(locale, self.most as i64)
        )
        .to_string()
    }
}

impl Explain for DeletionProblem {
    fn explain(&self, locale: Locale) -> String {
        match self {
            Self::SoleOwner(hosts) => td_string!(
                locale,
                delete_sole_owner,
                hosts = hosts
                    .iter()
                    .map(|(_, name)| name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
            .to_string(),
        }
    }
}

impl Explain for SearchError {
    fn explain(&self, locale: Locale) -> String {
        use crate::domain::geo_point::GeoPointError;
        match self {
            SearchError::PointFormat => td_string!(locale, invalid_point),
            SearchError::Point(GeoPointError::Latitude) => td_string!(locale, invalid_latitude),
            SearchError::Point(GeoPointError::Longitude) => td_string!(locale, invalid_longitude),
            SearchError::UnknownCity => td_string!(locale, error_unknown_city),
            SearchError::Radius => td_string!(locale, error_radius),
            SearchError::When => td_string!(locale, error_choice),
            SearchError::Date => td_string!(locale, error_date),
            SearchError::DateOrder => td_string!(locale, error_date_order),
            SearchError::DateRange => td_string!(locale, error_date_range),
            SearchError::Sort
            | SearchError::Category
            | SearchError::Language
            | SearchError::Accessibility => td_string!(locale, error_choice),
            SearchError::Cursor => td_string!(locale, error_cursor),
        }
        .to_string()
    }
}
