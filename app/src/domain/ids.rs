//! Ids that say what they identify: a gathering's, a date's, a host's, a
//! person's, a role's, an office's and a sponsorship's row ids are
//! different types, so one cannot be passed where another is meant. In JSON
//! and in addresses they are plain numbers.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! row_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    };
}

row_id! {
    /// A gathering (`events.id`).
    EventId
}

row_id! {
    /// One date of a gathering (`occurrences.id`).
    OccurrenceId
}

row_id! {
    /// A host: a group that organises gatherings (`hosts.id`).
    HostId
}

row_id! {
    /// A person with an account (`users.id`).
    UserId
}

row_id! {
    /// A volunteer role of a gathering (`volunteer_roles.id`).
    RoleId
}

row_id! {
    /// A city office (`city_offices.id`).
    OfficeId
}

row_id! {
    /// A city office's sponsorship of a gathering or a date
    /// (`sponsorships.id`).
    SponsorshipId
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_read_and_print_as_plain_numbers() {
        assert_eq!("42".parse::<OccurrenceId>(), Ok(OccurrenceId(42)));
        assert!("x".parse::<EventId>().is_err());
        assert_eq!(EventId(7).to_string(), "7");
    }
}
