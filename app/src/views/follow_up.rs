//! The follow-up page of a guest, the stories organisers decide on, and
//! the stories everyone may read.

use crate::domain::follow_up::{ShownAs, StoryStatus};
use serde::{Deserialize, Serialize};

/// What the link in a follow-up email opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyView {
    pub event_public_id: String,
    pub title: String,
    /// Local wall-clock start (`LOCAL_TIME_FORMAT`) and the zone's
    /// abbreviation.
    pub starts_local: String,
    pub zone_abbreviation: String,
    pub state: SurveyState,
    /// The story written with this link, while it is kept.
    pub story: Option<OwnStory>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SurveyState {
    /// The questions can be answered.
    Open,
    Answered,
    /// Its time is over, unanswered.
    Over,
}

/// A story as its author sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnStory {
    pub body: String,
    pub shown_as: ShownAs,
    pub status: StoryStatus,
}

/// A gathering's stories, for its organisers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoriesView {
    pub event_public_id: String,
    pub title: String,
    pub stories: Vec<StoryForOrganisers>,
}

/// A story as its gathering's organisers read it: not which date it is
/// about (with few guests at a date, that could name its author).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryForOrganisers {
    pub public_id: String,
    pub body: String,
    pub language: String,
    pub shown_as: ShownAs,
    pub first_name: Option<String>,
    pub status: StoryStatus,
}

/// A published story, as anyone reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedStory {
    pub body: String,
    /// The language it was written in (for `lang` and `dir`).
    pub language: String,
    /// `None`: shown without a name.
    pub first_name: Option<String>,
    /// The gathering it is about (on a host's page).
    pub event_public_id: String,
    pub event_title: String,
}
