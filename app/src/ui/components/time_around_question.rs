//! The optional question "How long have you lived around here?" (see
//! `domain::time_around`), asked when replying or, for a reply that was
//! not asked then, at the door.

use crate::domain::time_around::{FIELD, TimeAround};
use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use leptos::prelude::*;

/// The optional question "How long have you lived around here?" (see
/// `domain::time_around`): radio buttons, none chosen, with a word on what
/// happens to the answer.
#[component]
pub fn TimeAroundQuestion(id_prefix: String, chosen: Option<String>) -> impl IntoView {
    let locale = use_locale();
    let hint_id = format!("{id_prefix}-time-around-hint");
    let choices = [
        (
            TimeAround::UnderTwoYears,
            td_string!(locale, time_around_under_2_years),
        ),
        (
            TimeAround::TwoYearsOrMore,
            td_string!(locale, time_around_2_years_or_more),
        ),
        (
            TimeAround::RatherNotSay,
            td_string!(locale, time_around_rather_not_say),
        ),
    ];
    let described_by = hint_id.clone();
    view! {
        <fieldset aria-describedby=described_by>
            <legend>{td_string!(locale, time_around_question_optional)}</legend>
            {choices.into_iter().map(|(answer, label)| {
                let checked = chosen.as_deref() == Some(answer.as_str());
                view! {
                    <label class="choice">
                        <input type="radio" name=FIELD value=answer.as_str() checked=checked />
                        {label}
                    </label>
                }
            }).collect_view()}
            <p id=hint_id class="hint">{td_string!(locale, time_around_hint)}</p>
        </fieldset>
    }
}
