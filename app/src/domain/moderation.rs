//! Trust and safety: the installation's roles, what a report may say, and
//! where a moderated gathering or a case stands, with the names they are
//! stored under (the database checks the same names).

use super::status::stored_status;

stored_status! {
    /// A role on the whole installation (hosts' roles are `host_member`s).
    SiteRole {
        /// Works the reports: hides, suspends, approves, and undoes it.
        Moderator = "moderator",
        /// A moderator who also names moderators and administrators, runs
        /// city offices and sets who may publish.
        Administrator = "administrator",
    }
}

impl SiteRole {
    /// Every role moderates; only administrators also administer.
    pub fn administers(self) -> bool {
        self == Self::Administrator
    }
}

stored_status! {
    /// Whether a gathering may be seen, as far as moderators are concerned
    /// (its own `GatheringStatus` still says draft, published or cancelled).
    Moderation {
        Visible = "visible",
        /// Waiting for a moderator before it is public (see `PublishPolicy`).
        Waiting = "waiting",
        /// Hidden by a moderator.
        Hidden = "hidden",
        /// Hidden because its host is suspended; shown again with the host.
        HostSuspended = "host_suspended",
    }
}

stored_status! {
    /// Why someone reports a gathering or a host page.
    ReportReason {
        Hateful = "hateful",
        Spam = "spam",
        Misleading = "misleading",
        Unsafe = "unsafe",
        Other = "other",
    }
}

stored_status! {
    /// A moderation case: the reports about one gathering or host.
    CaseState {
        Open = "open",
        /// A moderator has taken it.
        InHand = "in_hand",
        Closed = "closed",
    }
}

stored_status! {
    /// Who may make gatherings public (an installation setting).
    PublishPolicy {
        /// Anyone signed in, at once.
        Anyone = "anyone",
        /// A new host's gatherings wait for a moderator until one of them
        /// is approved; then the host publishes at once.
        FirstReviewed = "first_reviewed",
        /// Only hosts a moderator approved; others' gatherings wait.
        ApprovedHosts = "approved_hosts",
    }
}

/// The most characters of a report's optional text, and of a moderator's
/// note or reason.
pub const MOST_TEXT: usize = 2000;

/// What a report form says, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportInput {
    pub reason: ReportReason,
    /// Trimmed; may be empty.
    pub details: String,
}

impl ReportInput {
    pub fn parse(reason: &str, details: &str) -> Result<Self, ReportProblem> {
        let reason = ReportReason::parse(reason.trim()).ok_or(ReportProblem::NoReason)?;
        let details = details.trim();
        if details.chars().count() > MOST_TEXT {
            return Err(ReportProblem::TooLong);
        }
        Ok(Self {
            reason,
            details: details.to_string(),
        })
    }
}

/// Why a report or a moderator's text was not taken; nothing was changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportProblem {
    /// No reason from the list was chosen.
    NoReason,
    /// The text is longer than [`MOST_TEXT`].
    TooLong,
    /// What was reported is not (or no longer) public.
    NotFound,
    /// A moderator's action needs a reason for the host.
    ReasonMissing,
}

/// A moderator's reason or note, checked: required and not too long.
pub fn moderator_text(text: &str) -> Result<String, ReportProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ReportProblem::ReasonMissing);
    }
    if text.chars().count() > MOST_TEXT {
        return Err(ReportProblem::TooLong);
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_names_read_back() {
        for state in Moderation::ALL {
            assert_eq!(Moderation::parse(state.as_str()), Some(*state));
        }
        assert_eq!(
            Moderation::parse("host_suspended"),
            Some(Moderation::HostSuspended)
        );
        assert_eq!(ReportReason::parse("hateful"), Some(ReportReason::Hateful));
        assert_eq!(ReportReason::parse("migrant"), None);
        assert_eq!(CaseState::parse("in_hand"), Some(CaseState::InHand));
        assert_eq!(PublishPolicy::parse("anyone"), Some(PublishPolicy::Anyone));
    }

    #[test]
    fn a_report_needs_a_reason_from_the_list_and_short_text() {
        let report = ReportInput::parse("spam", "  buy now  ").unwrap();
        assert_eq!(report.reason, ReportReason::Spam);
        assert_eq!(report.details, "buy now");
        assert_eq!(ReportInput::parse("", "x"), Err(ReportProblem::NoReason));
        assert_eq!(ReportInput::parse("bad", "x"), Err(ReportProblem::NoReason));
        let long = "x".repeat(MOST_TEXT + 1);
        assert_eq!(
            ReportInput::parse("other", &long),
            Err(ReportProblem::TooLong)
        );
        assert_eq!(moderator_text("  "), Err(ReportProblem::ReasonMissing));
        assert_eq!(moderator_text(" why "), Ok("why".to_string()));
    }

    #[test]
    fn only_administrators_administer() {
        assert!(SiteRole::Administrator.administers());
        assert!(!SiteRole::Moderator.administers());
    }
}
