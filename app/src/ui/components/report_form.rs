//! "Report this": a plain form at the foot of a gathering's or a host's
//! page, for anyone, with or without an account. Folded away until opened;
//! open again with its problem after a refused post, and thanking the
//! reporter after a report (`?reported=1`).

use crate::domain::moderation::{MOST_TEXT, ReportReason};
use crate::i18n::td_string;
use crate::l10n::labels::report_reason_label;
use crate::ui::forms::use_form_state;
use crate::ui::locale::use_locale;
use crate::ui::request::CsrfField;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportForm(
    /// Where the form posts, e.g. `/events/abc/report`.
    action: String,
    /// "Report this gathering" or "Report this host page".
    summary: &'static str,
) -> impl IntoView {
    let locale = use_locale();
    let form = use_form_state().unwrap_or_default();
    let reason_error = form.error("report_reason");
    let details_error = form.error("report_details");
    let reported = use_query_map()
        .with_untracked(|q| q.get("reported"))
        .is_some();
    let open = reason_error.is_some() || details_error.is_some();
    let reason_described = reason_error.as_ref().map(|_| "report-reason-error");
    let chosen = form.value("report_reason").unwrap_or_default();
    let details = form.value("report_details").unwrap_or_default();
    view! {
        <section id="report" class="report stack narrow">
            {reported.then(|| view! {
                <p class="notice" role="status">{td_string!(locale, report_thanks)}</p>
            })}
            <details open=open>
                <summary>{summary}</summary>
                <form method="post" action=action class="stack">
                    <CsrfField />
                    <fieldset aria-describedby=reason_described>
                        <legend>{td_string!(locale, report_why)}</legend>
                        {ReportReason::ALL.iter().map(|reason| {
                            let id = format!("report-{}", reason.as_str());
                            view! {
                                <div class="choice">
                                    <input type="radio" id=id.clone() name="report_reason"
                                        value=reason.as_str() checked=chosen == reason.as_str() required />
                                    <label for=id>{report_reason_label(locale, *reason)}</label>
                                </div>
                            }
                        }).collect_view()}
                        {reason_error.map(|message| view! {
                            <p id="report-reason-error" class="error" role="alert">{message}</p>
                        })}
                    </fieldset>
                    <div class="field">
                        <label for="report-details">{td_string!(locale, report_details)}</label>
                        <textarea id="report-details" name="report_details" rows="3"
                            maxlength=MOST_TEXT.to_string()
                            aria-describedby=if details_error.is_some() { "report-hint report-details-error" } else { "report-hint" }>{crate::domain::text::escape_html(&details)}</textarea>
                        <p id="report-hint" class="hint">{td_string!(locale, report_hint)}</p>
                        {details_error.map(|message| view! {
                            <p id="report-details-error" class="error" role="alert">{message}</p>
                        })}
                    </div>
                    <button type="submit" class="secondary">{td_string!(locale, report_send)}</button>
                </form>
            </details>
        </section>
    }
}
