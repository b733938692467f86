//! A host's public page as its owners submit it: a name, a description
//! and web links, checked field by field.

/// A host page as submitted, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostDetails {
    pub name: String,
    pub description: String,
    /// Web links (a website, a social profile, a newsletter), in order.
    pub links: Vec<String>,
}

/// What can be wrong with a submitted host page, by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostProblem {
    NameMissing,
    NameTooLong,
    DescriptionTooLong,
    LinkInvalid,
    TooManyLinks,
}

impl HostProblem {
    pub fn field(self) -> &'static str {
        match self {
            HostProblem::NameMissing | HostProblem::NameTooLong => "name",
            HostProblem::DescriptionTooLong => "description",
            HostProblem::LinkInvalid | HostProblem::TooManyLinks => "links",
        }
    }
}

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 5_000;

pub const LINKS_MAX: usize = 5;
const LINK_MAX_CHARS: usize = 300;

impl HostDetails {
    /// `links`: one web address per line; blank lines are ignored.
    pub fn parse(name: &str, description: &str, links: &str) -> Result<Self, Vec<HostProblem>> {
        let name = name.trim();
        let links: Vec<String> = links
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_string)
            .collect();
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(HostProblem::NameMissing);
        } else if name.chars().count() > NAME_MAX {
            problems.push(HostProblem::NameTooLong);
        }
        if description.chars().count() > DESCRIPTION_MAX {
            problems.push(HostProblem::DescriptionTooLong);
        }
        if !links.iter().all(|link| is_web_link(link)) {
            problems.push(HostProblem::LinkInvalid);
        } else if links.len() > LINKS_MAX {
            problems.push(HostProblem::TooManyLinks);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            name: name.to_string(),
            description: description.trim().to_string(),
            links,
        })
    }

    /// How the links are stored: one per line.
    pub fn stored_links(&self) -> String {
        self.links.join("\n")
    }
}

/// Only web links: no `javascript:` or other schemes on a public page, and
/// nothing that could break out of an attribute.
fn is_web_link(link: &str) -> bool {
    let rest = link
        .strip_prefix("https://")
        .or_else(|| link.strip_prefix("http://"));
    rest.is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'))
        && link.chars().count() <= LINK_MAX_CHARS
        && !link
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_details_are_checked() {
        assert_eq!(
            HostDetails::parse(" ", "", "javascript:alert(1)"),
            Err(vec![HostProblem::NameMissing, HostProblem::LinkInvalid])
        );
        let ok = HostDetails::parse(" Kiezküche ", "We cook.", "").unwrap();
        assert_eq!(ok.name, "Kiezküche");
        assert!(ok.links.is_empty());
    }

    #[test]
    fn links_are_web_addresses_one_per_line() {
        let ok = HostDetails::parse(
            "Kiezküche",
            "",
            " https://kiezkueche.example/ \r\n\nhttps://social.example/@kiez\n",
        )
        .unwrap();
        assert_eq!(
            ok.links,
            [
                "https://kiezkueche.example/",
                "https://social.example/@kiez"
            ]
        );
        for bad in [
            "kiezkueche.example",
            "https://",
            "https:///path",
            "https://a.example/\"onmouseover=x",
            "https://a.example/ b",
            "data:text/html,hi",
        ] {
            assert_eq!(
                HostDetails::parse("K", "", bad),
                Err(vec![HostProblem::LinkInvalid]),
                "{bad}"
            );
        }
        let six = "https://a.example/\n".repeat(LINKS_MAX + 1);
        assert_eq!(
            HostDetails::parse("K", "", &six),
            Err(vec![HostProblem::TooManyLinks])
        );
    }
}

/// Why a host's "forget guests after" number cannot be taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ForgetDaysProblem {
    /// The most the installation allows (its own setting).
    pub most: i32,
}

/// A host's "forget guests after DAYS" field: empty means the
/// installation's setting; otherwise a whole number from 0 to `most` (a
/// host may forget sooner than the installation, never later).
pub fn parse_forget_days(text: &str, most: i32) -> Result<Option<i32>, ForgetDaysProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match super::typed_number::latin_digits(text).parse::<i32>() {
        Ok(days) if (0..=most).contains(&days) => Ok(Some(days)),
        _ => Err(ForgetDaysProblem { most }),
    }
}

#[cfg(test)]
mod forget_days_tests {
    use super::*;

    #[test]
    fn a_host_may_forget_sooner_never_later() {
        assert_eq!(parse_forget_days("", 30), Ok(None));
        assert_eq!(parse_forget_days(" 7 ", 30), Ok(Some(7)));
        assert_eq!(parse_forget_days("0", 30), Ok(Some(0)));
        assert_eq!(parse_forget_days("30", 30), Ok(Some(30)));
        for wrong in ["31", "-1", "seven", "7.5", "99999999999"] {
            assert_eq!(
                parse_forget_days(wrong, 30),
                Err(ForgetDaysProblem { most: 30 }),
                "{wrong}"
            );
        }
    }
}
