//! An email address as typed into a form: trimmed and lower-cased, so one
//! address is one account, and refused early when it cannot be delivered.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct EmailAddress(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EmailAddressError {
    #[error("the email address is empty")]
    Empty,
    #[error("the email address does not look like name@example.org")]
    Malformed,
}

impl EmailAddress {
    pub fn parse(input: &str) -> Result<Self, EmailAddressError> {
        let address = input.trim().to_lowercase();
        if address.is_empty() {
            return Err(EmailAddressError::Empty);
        }
        let (local, domain) = address
            .rsplit_once('@')
            .ok_or(EmailAddressError::Malformed)?;
        let well_formed = address.len() <= 254
            && !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !address
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || "<>(),;:\\\"[]".contains(c));
        if well_formed {
            Ok(Self(address))
        } else {
            Err(EmailAddressError::Malformed)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalised() {
        assert_eq!(
            EmailAddress::parse("  Amira@Example.ORG ")
                .unwrap()
                .as_str(),
            "amira@example.org"
        );
        assert_eq!(
            EmailAddress::parse("名前@例え.jp").unwrap().as_str(),
            "名前@例え.jp"
        );
    }

    #[test]
    fn undeliverable_addresses_are_refused() {
        assert_eq!(EmailAddress::parse("   "), Err(EmailAddressError::Empty));
        for bad in [
            "amira",
            "@example.org",
            "amira@",
            "amira@localhost",
            "amira@example..org",
            "a b@example.org",
            "amira@example.org>",
            "a@b@example.org",
        ] {
            assert_eq!(
                EmailAddress::parse(bad),
                Err(EmailAddressError::Malformed),
                "{bad}"
            );
        }
    }
}
