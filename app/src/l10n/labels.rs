//! The reader's words for the values of our enums.

use crate::domain::moderation::{CaseState, Moderation, ReportReason};
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

pub fn report_reason_label(locale: Locale, reason: ReportReason) -> &'static str {
    match reason {
        ReportReason::Hateful => td_string!(locale, report_reason_hateful),
        ReportReason::Spam => td_string!(locale, report_reason_spam),
        ReportReason::Misleading => td_string!(locale, report_reason_misleading),
        ReportReason::Unsafe => td_string!(locale, report_reason_unsafe),
        ReportReason::Other => td_string!(locale, report_reason_other),
    }
}

pub fn case_state_label(locale: Locale, state: CaseState) -> &'static str {
    match state {
        CaseState::Open => td_string!(locale, case_state_open),
        CaseState::InHand => td_string!(locale, case_state_in_hand),
        CaseState::Closed => td_string!(locale, case_state_closed),
    }
}

pub fn moderation_label(locale: Locale, moderation: Moderation) -> &'static str {
    match moderation {
        Moderation::Visible => td_string!(locale, moderation_visible),
        Moderation::Waiting => td_string!(locale, moderation_waiting),
        Moderation::Hidden => td_string!(locale, moderation_hidden),
        Moderation::HostSuspended => td_string!(locale, moderation_host_suspended),
    }
}
