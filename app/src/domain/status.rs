//! Where things stand, with the names they are stored under: a gathering,
//! one of its dates, a volunteer's sign-up, a partner host's invitation and
//! a city office's sponsorship. (A reply's is `reply::ReplyStatus`.) The
//! database checks the same names (see the migrations).

/// An enum whose variants are stored as the given names, with `as_str`,
/// `parse` and `ALL`.
macro_rules! stored_status {
    (
        $(#[$meta:meta])*
        $name:ident { $($(#[$variant_meta:meta])* $variant:ident = $stored:literal),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$variant_meta])* $variant),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The name it is stored under.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $stored),+
                }
            }

            pub fn parse(stored: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|status| status.as_str() == stored)
            }
        }
    };
}

pub(crate) use stored_status;

stored_status! {
    /// A gathering as a whole.
    GatheringStatus {
        /// Not shown to anyone yet.
        Draft = "draft",
        Published = "published",
        /// Every date is off; the page says so.
        Cancelled = "cancelled",
    }
}

stored_status! {
    /// One date of a gathering.
    DateStatus {
        Scheduled = "scheduled",
        Cancelled = "cancelled",
    }
}

stored_status! {
    /// A volunteer's sign-up for a role on one date.
    SignupStatus {
        Active = "active",
        Withdrawn = "withdrawn",
    }
}

stored_status! {
    /// A partner host asked to be named on a gathering.
    PartnerStatus {
        Invited = "invited",
        Accepted = "accepted",
        Declined = "declined",
    }
}

stored_status! {
    /// A city office's sponsorship of a gathering or one date.
    SponsorshipStatus {
        Active = "active",
        /// The host declined it.
        Declined = "declined",
        /// The office ended it.
        Ended = "ended",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_reads_back_from_its_stored_name() {
        for status in DateStatus::ALL {
            assert_eq!(DateStatus::parse(status.as_str()), Some(*status));
        }
        for status in SponsorshipStatus::ALL {
            assert_eq!(SponsorshipStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(GatheringStatus::parse("Published"), None);
        assert_eq!(
            PartnerStatus::parse("accepted"),
            Some(PartnerStatus::Accepted)
        );
        assert_eq!(SignupStatus::Withdrawn.as_str(), "withdrawn");
    }
}
