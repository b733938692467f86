//! The form organisers create and edit a gathering with. A plain HTML form
//! that works without JavaScript: dates and times are native inputs, the
//! place is a city name from the gazetteer or "latitude, longitude", and
//! repetition is a choice of common patterns or an RFC 5545 rule.

use crate::domain::text::escape_html;
use crate::domain::{
    accessibility::{Accessibility, AccessibilityFeature},
    category::{Categories, Category},
    language::SpokenLanguage,
};
use crate::i18n::{Locale, td_string};
use crate::l10n::labels::{access_label, category_label};
use crate::ui::components::{MapPicker, flag_choices};
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn GatheringForm(
    action: String,
    /// What is filled in: posted values, or the stored gathering.
    form: FormState,
    submit_label: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let value = |name: &str| form.value(name).unwrap_or_default();
    let error = |field: &str| form.error(field);
    let invalid = |field: &str| form.error(field).map(|_| "true");
    let described = |field: &str| form.error(field).map(|_| format!("{field}-error"));
    let checked = |name: &str| !value(name).is_empty();

    let categories: Categories = form
        .all("category")
        .iter()
        .filter_map(|s| Category::from_slug(s))
        .collect();
    let access: Accessibility = form
        .all("access")
        .iter()
        .filter_map(|s| AccessibilityFeature::from_slug(s))
        .collect();
    let spoken = form.all("language");
    let repeat = match value("repeat").as_str() {
        "" => "once".to_string(),
        other => other.to_string(),
    };
    let ends = match value("ends").as_str() {
        "" => "never".to_string(),
        other => other.to_string(),
    };
    // The organiser's own language first: most gatherings have one text.
    let own = locale.as_str();
    let others: Vec<Locale> = Locale::get_all()
        .iter()
        .copied()
        .filter(|l| *l != locale)
        .collect();
    let others_open = others
        .iter()
        .any(|l| !value(&format!("title_{}", l.as_str())).is_empty());

    view! {
        <form class="stack gathering-form" method="post" action=action novalidate>
            <ErrorSummary errors=form.errors.clone() />
            <CsrfField />

            <fieldset class="stack">
                <legend>{td_string!(locale, form_what)}</legend>
                <div class="field" id="title_first">
                    <label for=format!("title_{own}")>{td_string!(locale, form_title)}</label>
                    <input id=format!("title_{own}") name=format!("title_{own}") lang=own required maxlength="200"
                        value=value(&format!("title_{own}"))
                        aria-invalid=invalid("title_first").or(invalid(&format!("title_{own}")))
                        aria-describedby=described("title_first") />
                    <FieldMessage field="title_first" message=error("title_first") />
                    <FieldMessage field=format!("title_{own}") message=error(&format!("title_{own}")) />
                </div>
                <div class="field">
                    <label for=format!("description_{own}")>{td_string!(locale, form_description)}</label>
                    <textarea id=format!("description_{own}") name=format!("description_{own}") lang=own rows="6"
                        aria-describedby="description-hint">{escape_html(&value(&format!("description_{own}")))}</textarea>
                    <p id="description-hint" class="hint">{td_string!(locale, form_description_hint)}</p>
                    <FieldMessage field=format!("description_{own}") message=error(&format!("description_{own}")) />
                </div>
                <details open=others_open>
                    <summary>{td_string!(locale, form_other_languages)}</summary>
                    <div class="stack">
                        {others.into_iter().map(|other| {
                            let code = other.as_str();
                            let name = td_string!(other, language_name);
                            view! {
                                <fieldset class="stack" lang=code>
                                    <legend>{name}</legend>
                                    <div class="field">
                                        <label for=format!("title_{code}")>{td_string!(locale, form_title_in, language = name)}</label>
                                        <input id=format!("title_{code}") name=format!("title_{code}") lang=code maxlength="200"
                                            dir=other.direction().as_str() value=value(&format!("title_{code}"))
                                            aria-invalid=invalid(&format!("title_{code}")) />
                                    </div>
                                    <div class="field">
                                        <label for=format!("description_{code}")>{td_string!(locale, form_description_in, language = name)}</label>
                                        <textarea id=format!("description_{code}") name=format!("description_{code}") lang=code rows="4"
                                            dir=other.direction().as_str()>{escape_html(&value(&format!("description_{code}")))}</textarea>
                                    </div>
                                </fieldset>
                            }
                        }).collect_view()}
                    </div>
                </details>
                {flag_choices("category", td_string!(locale, categories_label), categories, Category::slug, move |c| category_label(locale, c))}
                <FieldMessage field="category" message=error("category") />
                <details open=!spoken.is_empty()>
                    <summary>{td_string!(locale, form_languages_spoken)}</summary>
                    <fieldset id="language" class="choices-grid">
                        <legend class="visually-hidden">{td_string!(locale, form_languages_spoken)}</legend>
                        {SpokenLanguage::all().map(|language| view! {
                            <label class="choice" lang=language.code()>
                                <input type="checkbox" name="language" value=language.code()
                                    checked=spoken.iter().any(|c| c == language.code()) />
                                {language.own_name()}
                            </label>
                        }).collect_view()}
                    </fieldset>
                </details>
                {flag_choices("access", td_string!(locale, accessibility_label), access, AccessibilityFeature::slug, move |f| access_label(locale, f))}
                <label class="choice">
                    <input type="checkbox" name="is_free" value="1" checked=checked("is_free") />
                    {td_string!(locale, free)}
                </label>
                <label class="choice">
                    <input type="checkbox" name="family_friendly" value="1" checked=checked("family_friendly") />
                    {td_string!(locale, family_friendly)}
                </label>
            </fieldset>

            <fieldset class="stack">
                <legend>{td_string!(locale, form_where)}</legend>
                <div class="field">
                    <label for="place_name">{td_string!(locale, form_place_name)}</label>
                    <input id="place_name" name="place_name" required maxlength="160" value=value("place_name")
                        aria-invalid=invalid("place_name") aria-describedby=described("place_name") />
                    <FieldMessage field="place_name" message=error("place_name") />
                </div>
                <div class="field">
                    <label for="address">{td_string!(locale, form_address)}</label>
                    <input id="address" name="address" maxlength="300" autocomplete="street-address" value=value("address") />
                </div>
                <div class="field">
                    <label for="location">{td_string!(locale, form_location)}</label>
                    <input id="location" name="location" required value=value("location") list="place-suggestions"
                        autocomplete="off" aria-invalid=invalid("location")
                        aria-describedby=format!("location-hint{}", if error("location").is_some() { " location-error" } else { "" }) />
                    <datalist id="place-suggestions"></datalist>
                    <script type="module" src="/places.js"></script>
                    <p id="location-hint" class="hint">{td_string!(locale, form_location_hint)}</p>
                    <FieldMessage field="location" message=error("location") />
                    <MapPicker target="location" />
                </div>
                <label class="choice">
                    <input type="checkbox" name="guests_only_address" value="1" checked=checked("guests_only_address") />
                    {td_string!(locale, form_guests_only_address)}
                </label>
            </fieldset>

            <fieldset class="stack">
                <legend>{td_string!(locale, form_when)}</legend>
                <p class="hint">{td_string!(locale, form_local_time_hint)}</p>
                <div class="field-row">
                    <div class="field">
                        <label for="start_date">{td_string!(locale, form_start_date)}</label>
                        <input id="start_date" name="start_date" type="date" required value=value("start_date")
                            aria-invalid=invalid("start_date") aria-describedby=described("start_date") />
                    </div>
                    <div class="field">
                        <label for="start_time">{td_string!(locale, form_start_time)}</label>
                        <input id="start_time" name="start_time" type="time" required value=value("start_time")
                            aria-invalid=invalid("start_time") aria-describedby=described("start_time") />
                    </div>
                    <div class="field">
                        <label for="end_time">{td_string!(locale, form_end_time)}</label>
                        <input id="end_time" name="end_time" type="time" required value=value("end_time")
                            aria-invalid=invalid("end_time") aria-describedby=described("end_time") />
                    </div>
                </div>
                <FieldMessage field="start_date" message=error("start_date") />
                <FieldMessage field="start_time" message=error("start_time") />
                <FieldMessage field="end_time" message=error("end_time") />
                <div class="field">
                    <label for="end_date">{td_string!(locale, form_end_date)}</label>
                    <input id="end_date" name="end_date" type="date" value=value("end_date")
                        aria-invalid=invalid("end_date") aria-describedby="end_date-hint" />
                    <p id="end_date-hint" class="hint">{td_string!(locale, form_end_date_hint)}</p>
                    <FieldMessage field="end_date" message=error("end_date") />
                </div>
                <fieldset id="repeat">
                    <legend>{td_string!(locale, form_repeat)}</legend>
                    {[
                        ("once", td_string!(locale, repeat_once)),
                        ("weekly", td_string!(locale, repeat_weekly)),
                        ("fortnightly", td_string!(locale, repeat_fortnightly)),
                        ("monthly", td_string!(locale, repeat_monthly)),
                        ("custom", td_string!(locale, repeat_custom)),
                    ].into_iter().map(|(slug, label)| view! {
                        <label class="choice">
                            <input type="radio" name="repeat" value=slug checked=repeat == slug />
                            {label}
                        </label>
                    }).collect_view()}
                    <div class="field">
                        <label for="rule">{td_string!(locale, form_rule)}</label>
                        <input id="rule" name="rule" dir="ltr" value=value("rule") placeholder="FREQ=WEEKLY;BYDAY=MO,WE"
                            aria-invalid=invalid("rule") aria-describedby=described("rule") />
                        <FieldMessage field="rule" message=error("rule") />
                    </div>
                </fieldset>
                <fieldset id="ends">
                    <legend>{td_string!(locale, form_series_ends)}</legend>
                    <label class="choice">
                        <input type="radio" name="ends" value="never" checked=ends == "never" />
                        {td_string!(locale, ends_never)}
                    </label>
                    <label class="choice">
                        <input type="radio" name="ends" value="on" checked=ends == "on" />
                        {td_string!(locale, ends_on)}
                    </label>
                    <input id="until" name="until" type="date" value=value("until")
                        aria-label=td_string!(locale, ends_on) aria-invalid=invalid("until") aria-describedby=described("until") />
                    <FieldMessage field="until" message=error("until") />
                    <label class="choice">
                        <input type="radio" name="ends" value="after" checked=ends == "after" />
                        {td_string!(locale, ends_after)}
                    </label>
                    <input id="count" name="count" type="number" min="1" max="500" inputmode="numeric" value=value("count")
                        aria-label=td_string!(locale, ends_after) aria-invalid=invalid("count") aria-describedby=described("count") />
                    <FieldMessage field="count" message=error("count") />
                </fieldset>
                <div class="field">
                    <label for="exceptions">{td_string!(locale, form_exceptions)}</label>
                    <input id="exceptions" name="exceptions" dir="ltr" value=value("exceptions") placeholder="2027-12-24, 2027-12-31"
                        aria-invalid=invalid("exceptions") aria-describedby=format!("exceptions-hint{}", if error("exceptions").is_some() { " exceptions-error" } else { "" }) />
                    <p id="exceptions-hint" class="hint">{td_string!(locale, form_exceptions_hint)}</p>
                    <FieldMessage field="exceptions" message=error("exceptions") />
                </div>
            </fieldset>

            <div class="field">
                <label for="capacity">{td_string!(locale, form_capacity)}</label>
                <input id="capacity" name="capacity" type="number" min="1" max="100000" inputmode="numeric" value=value("capacity")
                    aria-invalid=invalid("capacity") aria-describedby=format!("capacity-hint{}", if error("capacity").is_some() { " capacity-error" } else { "" }) />
                <p id="capacity-hint" class="hint">{td_string!(locale, form_capacity_hint)}</p>
                <FieldMessage field="capacity" message=error("capacity") />
            </div>
            <ReplySettingsFields form=form.clone() />
            <button type="submit">{submit_label}</button>
        </form>
    }
}

/// A problem with the form, in the organiser's language.
pub fn problem_message(
    locale: Locale,
    problem: &crate::backend::gatherings::form::Problem,
) -> &'static str {
    use crate::backend::gatherings::form::Problem;
    match problem {
        Problem::TitleMissing => td_string!(locale, form_title_missing),
        Problem::TitleTooLong(_) => td_string!(locale, form_title_too_long),
        Problem::DescriptionTooLong(_) => td_string!(locale, form_description_too_long),
        Problem::CategoryMissing => td_string!(locale, form_category_missing),
        Problem::PlaceNameMissing => td_string!(locale, form_place_name_missing),
        Problem::LocationMissing => td_string!(locale, form_location_missing),
        Problem::LocationUnknown => td_string!(locale, form_location_unknown),
        Problem::StartDateInvalid => td_string!(locale, form_start_date_invalid),
        Problem::StartTimeInvalid => td_string!(locale, form_start_time_invalid),
        Problem::EndTimeInvalid => td_string!(locale, form_end_time_invalid),
        Problem::EndDateInvalid => td_string!(locale, form_end_date_invalid),
        Problem::StartInPast => td_string!(locale, form_start_in_past),
        Problem::StartTooLongAgo => td_string!(locale, form_start_too_long_ago),
        Problem::CapacityInvalid => td_string!(locale, form_capacity_invalid),
        Problem::GuestsInvalid => td_string!(locale, form_guests_invalid),
        Problem::ClosesInvalid | Problem::ReminderInvalid => {
            td_string!(locale, form_choice_invalid)
        }
        Problem::RepeatInvalid => td_string!(locale, form_repeat_invalid),
        Problem::UntilInvalid => td_string!(locale, form_until_invalid),
        Problem::CountInvalid => td_string!(locale, form_count_invalid),
        Problem::ExceptionsInvalid => td_string!(locale, form_exceptions_invalid),
        Problem::PlacesWithoutAccountInvalid => {
            td_string!(locale, form_places_without_account_invalid)
        }
        Problem::Busy => td_string!(locale, form_busy),
        Problem::Schedule(error) => match error.key() {
            "end_before_start" => td_string!(locale, form_end_before_start),
            "too_long" => td_string!(locale, form_too_long),
            "unsupported_rule" => td_string!(locale, form_rule_too_frequent),
            "end_before_first" => td_string!(locale, form_end_before_first),
            "count_invalid" => td_string!(locale, form_count_invalid),
            _ => td_string!(locale, form_rule_invalid),
        },
    }
}

/// How people reply: the ways allowed, party size, when replies close,
/// reminders, and whether volunteers take seats.
#[component]
fn ReplySettingsFields(form: FormState) -> impl IntoView {
    let locale = use_locale();
    // A new form (nothing posted or stored yet) starts with the defaults.
    let fresh = form.value("replies").is_none();
    let modes = form.all("rsvp_mode");
    let mode_checked = |mode: &str| fresh || modes.iter().any(|m| m == mode);
    let value_or =
        |name: &str, default: &str| form.value(name).unwrap_or_else(|| default.to_string());
    let closes = value_or("closes_minutes", "60");
    let reminder = value_or("reminder_hours", "24");
    view! {
        <fieldset class="stack" id="replies">
            <legend>{td_string!(locale, form_replies)}</legend>
            <input type="hidden" name="replies" value="1" />
            <fieldset>
                <legend>{td_string!(locale, form_reply_ways)}</legend>
                {[
                    ("anonymous", td_string!(locale, reply_way_anonymous)),
                    ("email", td_string!(locale, reply_way_email)),
                    ("account", td_string!(locale, reply_way_account)),
                ].into_iter().map(|(mode, label)| view! {
                    <label class="choice">
                        <input type="checkbox" name="rsvp_mode" value=mode checked=mode_checked(mode) />
                        {label}
                    </label>
                }).collect_view()}
                <p class="hint">{td_string!(locale, form_reply_ways_hint)}</p>
            </fieldset>
            <div class="field">
                <label for="max_guests">{td_string!(locale, form_max_guests)}</label>
                <input id="max_guests" name="max_guests" type="number" inputmode="numeric" min="0" max="20"
                    value=value_or("max_guests", "4")
                    aria-invalid=form.error("max_guests").map(|_| "true")
                    aria-describedby=form.error("max_guests").map(|_| "max_guests-error") />
                <FieldMessage field="max_guests" message=form.error("max_guests") />
            </div>
            <div class="field">
                <label for="closes_minutes">{td_string!(locale, form_closes)}</label>
                <select id="closes_minutes" name="closes_minutes">
                    {[
                        ("0", td_string!(locale, closes_at_start)),
                        ("60", td_string!(locale, closes_hour)),
                        ("180", td_string!(locale, closes_three_hours)),
                        ("1440", td_string!(locale, closes_day)),
                    ].into_iter().map(|(minutes, label)| view! {
                        <option value=minutes selected=closes == minutes>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="reminder_hours">{td_string!(locale, form_reminder)}</label>
                <select id="reminder_hours" name="reminder_hours">
                    {[
                        ("0", td_string!(locale, reminder_none)),
                        ("3", td_string!(locale, reminder_three_hours)),
                        ("24", td_string!(locale, reminder_day)),
                        ("48", td_string!(locale, reminder_two_days)),
                    ].into_iter().map(|(hours, label)| view! {
                        <option value=hours selected=reminder == hours>{label}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="places_without_account">{td_string!(locale, form_places_without_account)}</label>
                <input id="places_without_account" name="places_without_account" type="number" inputmode="numeric" min="0"
                    value=form.value("places_without_account").unwrap_or_default()
                    aria-invalid=form.error("places_without_account").map(|_| "true")
                    aria-describedby=if form.error("places_without_account").is_some() { "places_without_account-hint places_without_account-error" } else { "places_without_account-hint" } />
                <p id="places_without_account-hint" class="hint">{td_string!(locale, form_places_without_account_hint)}</p>
                <FieldMessage field="places_without_account" message=form.error("places_without_account") />
            </div>
            <label class="choice">
                <input type="checkbox" name="requires_approval" value="1" checked=form.value("requires_approval").is_some() />
                {td_string!(locale, form_requires_approval)}
            </label>
            <label class="choice">
                <input type="checkbox" name="roles_separate" value="1" checked=form.value("roles_separate").is_some() />
                {td_string!(locale, form_roles_separate)}
            </label>
        </fieldset>
    }
}
