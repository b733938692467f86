//! "Sponsor this gathering", for members of a city office whose area
//! covers its place. A plain form per office: it works without JavaScript.

use crate::i18n::td_string;
use crate::l10n::format::weekday_date_time;
use crate::ui::forms::{ErrorSummary, FieldMessage, FormState};
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use crate::views::gathering::GatheringDetails;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SponsorPanel(details: GatheringDetails, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let error = form.error("sponsor");
    // Shown to members whose area covers the place, and to anyone whose
    // attempt was refused (so they read why).
    let offer = !details.cancelled && !details.sponsor_offices.is_empty();
    if !offer && error.is_none() {
        return ().into_any();
    }
    let offices = if offer {
        details.sponsor_offices.clone()
    } else {
        Vec::new()
    };
    let sponsored = use_query_map().with_untracked(|q| q.get("sponsored").is_some());
    let errors: Vec<_> = form
        .errors
        .iter()
        .filter(|e| e.field == "sponsor")
        .cloned()
        .collect();
    view! {
        <section id="sponsor" class="stack" aria-labelledby="sponsor-heading">
            <h2 id="sponsor-heading">{td_string!(locale, sponsor_heading)}</h2>
            {sponsored.then(|| view! { <p class="notice" role="status">{td_string!(locale, sponsor_done)}</p> })}
            <p class="hint">{td_string!(locale, sponsor_hint)}</p>
            <ErrorSummary errors />
            {offices.iter().map(|office| {
                let scope_id = format!("sponsor-scope-{}", office.slug);
                let note_id = format!("sponsor-note-{}", office.slug);
                view! {
                    <form class="stack narrow" method="post" action=format!("/offices/{}/sponsor", office.slug)>
                        <CsrfField />
                        <input type="hidden" name="event" value=details.public_id.clone() />
                        <div class="field">
                            <label for=scope_id.clone()>{td_string!(locale, sponsor_scope)}</label>
                            <select id=scope_id name="scope">
                                <option value="series">{td_string!(locale, sponsor_scope_series)}</option>
                                {details.dates.iter().map(|date| view! {
                                    <option value=date.occurrence_id.to_string()>
                                        {weekday_date_time(locale, &date.starts_local)} " " {date.zone_abbreviation.clone()}
                                    </option>
                                }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for=note_id.clone()>{td_string!(locale, sponsor_note)}</label>
                            <input id=note_id.clone() name="note" maxlength="200"
                                aria-invalid=error.as_ref().map(|_| "true")
                                aria-describedby=error.as_ref().map(|_| "sponsor-error") />
                        </div>
                        <button type="submit">{td_string!(locale, sponsor_as, office = crate::l10n::bidi::isolated(locale, &office.name).into_owned())}</button>
                    </form>
                }
            }).collect_view()}
            <FieldMessage field="sponsor" message=error.clone() />
        </section>
    }
    .into_any()
}
