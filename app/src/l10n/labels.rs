//! The reader's words for the values of our enums.

use crate::domain::{accessibility::AccessibilityFeature, category::Category};
use crate::i18n::{Locale, td_string};

pub fn category_label(locale: Locale, category: Category) -> &'static str {
    match category {
        Category::Food => td_string!(locale, category_food),
        Category::Music => td_string!(locale, category_music),
        Category::Art => td_string!(locale, category_art),
        Category::Sport => td_string!(locale, category_sport),
        Category::Other => td_string!(locale, category_other),
    }
}

pub fn access_label(locale: Locale, feature: AccessibilityFeature) -> &'static str {
    match feature {
        AccessibilityFeature::StepFree => td_string!(locale, access_step_free),
        AccessibilityFeature::HearingLoop => td_string!(locale, access_hearing_loop),
        AccessibilityFeature::QuietSpace => td_string!(locale, access_quiet_space),
        AccessibilityFeature::ChildFriendly => td_string!(locale, access_child_friendly),
        AccessibilityFeature::AccessibleToilet => td_string!(locale, access_accessible_toilet),
        AccessibilityFeature::SignLanguage => td_string!(locale, access_sign_language),
    }
}
