//! The one optional, self-declared question that lets a neighbourhood see
//! whether newcomers and long-time residents meet, without labelling
//! anyone: "How long have you lived around here?" Nobody is asked whether
//! they are a migrant or a refugee; the answers are counted per date and
//! shown only in aggregate (`backend::answers`).

use super::status::stored_status;

/// The question's name where its counters are stored.
pub const QUESTION: &str = "time_around_here";

/// The name of the form field that carries the answer.
pub const FIELD: &str = "time_around";

stored_status! {
    /// An answer. Not answering is not one of them: nothing is counted.
    TimeAround {
        UnderTwoYears = "under_2_years",
        TwoYearsOrMore = "2_years_or_more",
        RatherNotSay = "rather_not_say",
    }
}

impl TimeAround {
    /// What a form sent: an answer, or nothing when left blank or when it
    /// is not one of the answers (an optional question refuses nothing).
    pub fn from_form(value: &str) -> Option<Self> {
        Self::parse(value.trim())
    }
}

#[cfg(test)]
mod tests {
    use super::TimeAround;

    #[test]
    fn a_form_gives_an_answer_or_nothing() {
        assert_eq!(
            TimeAround::from_form("under_2_years"),
            Some(TimeAround::UnderTwoYears)
        );
        assert_eq!(TimeAround::from_form(""), None);
        assert_eq!(TimeAround::from_form("migrant"), None);
    }
}
