//! The follow-up after a date: three short questions and an optional story,
//! asked once, by email, of those who ticked "ask me afterwards how it
//! went". The answers are counted per date like the question about time
//! around here (`backend::answers`); a story is kept apart from whoever
//! wrote it (`backend::follow_up`).

use super::status::stored_status;

/// The name of the reply form's tick box.
pub const WANTED_FIELD: &str = "follow_up";

/// The most characters a story may have.
pub const STORY_MAX_CHARS: usize = 1000;
/// The most characters of the first name a story may be signed with.
pub const FIRST_NAME_MAX_CHARS: usize = 40;

stored_status! {
    /// "Did you talk with someone you had not met before?"
    MetSomeoneNew {
        Yes = "yes",
        No = "no",
        NotSure = "not_sure",
    }
}

stored_status! {
    /// "How comfortable would you feel meeting them again?" (1: not at all,
    /// 5: very).
    Comfortable {
        One = "1",
        Two = "2",
        Three = "3",
        Four = "4",
        Five = "5",
    }
}

stored_status! {
    /// "Would you come again?"
    ComeAgain {
        Yes = "yes",
        No = "no",
    }
}

stored_status! {
    /// How a story may be shown: with the first name its author gave,
    /// without a name, or to the organisers only.
    ShownAs {
        FirstName = "first_name",
        Anonymously = "anonymous",
        NotPublished = "not_published",
    }
}

stored_status! {
    /// Where a story stands. Only `Published` is shown to the public.
    StoryStatus {
        /// Its author lets it be published; the organisers have not
        /// decided yet.
        Waiting = "waiting",
        Published = "published",
        /// The organisers chose not to publish it (or took it down).
        Declined = "declined",
        /// For the organisers only, as its author chose.
        Private = "private",
    }
}

/// The questions' names where their counters are stored (the migration's
/// CHECK lists them).
pub mod question {
    pub const MET_SOMEONE_NEW: &str = "met_someone_new";
    pub const COMFORTABLE_AGAIN: &str = "comfortable_again";
    pub const COME_AGAIN: &str = "come_again";
}

/// What a follow-up form sent, every part optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SurveyAnswers {
    pub met_someone_new: Option<MetSomeoneNew>,
    pub comfortable: Option<Comfortable>,
    pub come_again: Option<ComeAgain>,
    pub story: Option<StoryDraft>,
}

/// A story as written, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoryDraft {
    pub text: String,
    pub shown_as: ShownAs,
    /// Only when shown with a first name.
    pub first_name: Option<String>,
}

/// Why a follow-up's answers were not taken; nothing was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurveyProblem {
    /// No such key, or its time is over.
    LinkNotValid,
    AlreadyAnswered,
    Story(StoryProblem),
}

/// Why a story cannot be kept as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StoryProblem {
    TooLong,
    /// "With my first name" was chosen but no name given.
    FirstNameMissing,
    FirstNameTooLong,
}

impl StoryDraft {
    /// The story from its form fields: `None` when no story was written.
    /// Control characters go; line breaks stay.
    pub fn from_form(
        text: &str,
        shown_as: &str,
        first_name: &str,
    ) -> Result<Option<Self>, StoryProblem> {
        let text = super::text::lines(text);
        if text.is_empty() {
            return Ok(None);
        }
        if text.chars().count() > STORY_MAX_CHARS {
            return Err(StoryProblem::TooLong);
        }
        // Not choosing how is choosing the most private way.
        let shown_as = ShownAs::parse(shown_as.trim()).unwrap_or(ShownAs::NotPublished);
        let first_name = match shown_as {
            ShownAs::FirstName => {
                let name = super::text::one_line(first_name);
                if name.is_empty() {
                    return Err(StoryProblem::FirstNameMissing);
                }
                if name.chars().count() > FIRST_NAME_MAX_CHARS {
                    return Err(StoryProblem::FirstNameTooLong);
                }
                Some(name)
            }
            _ => None,
        };
        Ok(Some(Self {
            text,
            shown_as,
            first_name,
        }))
    }

    /// Where the story starts: waiting for the organisers when it may be
    /// published, else private.
    pub fn first_status(&self) -> StoryStatus {
        match self.shown_as {
            ShownAs::NotPublished => StoryStatus::Private,
            _ => StoryStatus::Waiting,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_story_is_no_story_and_a_long_one_is_refused() {
        assert_eq!(StoryDraft::from_form("  \r\n ", "anonymous", ""), Ok(None));
        let long = "a".repeat(STORY_MAX_CHARS + 1);
        assert_eq!(
            StoryDraft::from_form(&long, "anonymous", ""),
            Err(StoryProblem::TooLong)
        );
        let just = "ü".repeat(STORY_MAX_CHARS);
        assert!(StoryDraft::from_form(&just, "anonymous", "").is_ok());
    }

    #[test]
    fn a_first_name_is_needed_only_when_chosen() {
        assert_eq!(
            StoryDraft::from_form("We cooked", "first_name", "  "),
            Err(StoryProblem::FirstNameMissing)
        );
        let story = StoryDraft::from_form("We cooked\r\ntogether\u{7}", "first_name", " Amal ")
            .unwrap()
            .unwrap();
        assert_eq!(story.text, "We cooked\ntogether");
        assert_eq!(story.first_name.as_deref(), Some("Amal"));
        assert_eq!(story.first_status(), StoryStatus::Waiting);
        // A name sent with another choice is not kept.
        let story = StoryDraft::from_form("We cooked", "anonymous", "Amal")
            .unwrap()
            .unwrap();
        assert_eq!(story.first_name, None);
    }

    #[test]
    fn an_unknown_choice_keeps_the_story_private() {
        let story = StoryDraft::from_form("We cooked", "everyone", "")
            .unwrap()
            .unwrap();
        assert_eq!(story.shown_as, ShownAs::NotPublished);
        assert_eq!(story.first_status(), StoryStatus::Private);
    }
}
