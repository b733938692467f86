//! What an organiser's API token may do. A token never does more than its
//! person may: the scope narrows, the person's permissions decide.

/// One thing a token may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ApiScope {
    /// Read how many people replied to the dates of the person's hosts
    /// (counts, never who).
    ReadReplies,
    /// Create, update and cancel the gatherings of the person's hosts.
    WriteGatherings,
}

impl ApiScope {
    pub const ALL: [Self; 2] = [Self::ReadReplies, Self::WriteGatherings];

    /// As stored, shown and sent in forms.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ReadReplies => "replies:read",
            Self::WriteGatherings => "gatherings:write",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|scope| scope.as_str() == text)
    }

    /// Scopes stored as one space-separated string; unknown words are
    /// dropped (a scope removed in a later version grants nothing).
    pub fn parse_list(text: &str) -> Vec<Self> {
        let mut scopes: Vec<Self> = text.split_whitespace().filter_map(Self::parse).collect();
        scopes.dedup();
        scopes
    }

    pub fn join(scopes: &[Self]) -> String {
        scopes
            .iter()
            .map(|scope| scope.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::ApiScope;

    #[test]
    fn scopes_round_trip_and_unknown_words_grant_nothing() {
        let stored = ApiScope::join(&ApiScope::ALL);
        assert_eq!(stored, "replies:read gatherings:write");
        assert_eq!(ApiScope::parse_list(&stored), ApiScope::ALL);
        assert_eq!(
            ApiScope::parse_list("admin gatherings:write"),
            [ApiScope::WriteGatherings]
        );
        assert!(ApiScope::parse_list("").is_empty());
    }
}
