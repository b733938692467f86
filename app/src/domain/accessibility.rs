//! Practical information that lets people know they can come.

use super::flags::{Flag, FlagSet};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AccessibilityFeature {
    StepFree,
    HearingLoop,
    QuietSpace,
    ChildFriendly,
    AccessibleToilet,
    SignLanguage,
}

pub type Accessibility = FlagSet<AccessibilityFeature>;

impl Flag for AccessibilityFeature {
    const ALL: &'static [Self] = &[
        Self::StepFree,
        Self::HearingLoop,
        Self::QuietSpace,
        Self::ChildFriendly,
        Self::AccessibleToilet,
        Self::SignLanguage,
    ];

    fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl AccessibilityFeature {
    pub fn slug(self) -> &'static str {
        match self {
            Self::StepFree => "step-free",
            Self::HearingLoop => "hearing-loop",
            Self::QuietSpace => "quiet-space",
            Self::ChildFriendly => "child-friendly",
            Self::AccessibleToilet => "accessible-toilet",
            Self::SignLanguage => "sign-language",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|f| f.slug() == slug)
    }
}
