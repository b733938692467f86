//! The fields of a host page (name, description, links), shared by the
//! form that creates a host and the one that edits it.

use crate::domain::text::escape_html;
use crate::i18n::td_string;
use crate::ui::forms::{FieldMessage, FormState};
use crate::ui::locale::use_locale;
use leptos::prelude::*;

/// `initial`: what the fields hold when the form is first shown (name,
/// description, links); what was typed wins when the form comes back.
#[component]
pub fn HostFields(
    form: FormState,
    #[prop(optional)] initial: Option<[String; 3]>,
) -> impl IntoView {
    let locale = use_locale();
    let [name, description, links] = initial.unwrap_or_default();
    let value = |field: &str, saved: String| {
        if form.values.is_empty() {
            saved
        } else {
            form.value(field).unwrap_or_default()
        }
    };
    let name = value("name", name);
    let description = value("description", description);
    let links = value("links", links);
    view! {
        <div class="field">
            <label for="name">{td_string!(locale, host_name)}</label>
            <input id="name" name="name" required maxlength="120" value=name
                aria-invalid=form.error("name").map(|_| "true")
                aria-describedby=form.error("name").map(|_| "name-error") />
            <FieldMessage field="name" message=form.error("name") />
        </div>
        <div class="field">
            <label for="description">{td_string!(locale, host_description)}</label>
            <textarea id="description" name="description" rows="4"
                aria-describedby="description-hint">{escape_html(&description)}</textarea>
            <p id="description-hint" class="hint">{td_string!(locale, form_description_hint)}</p>
            <FieldMessage field="description" message=form.error("description") />
        </div>
        <div class="field">
            <label for="links">{td_string!(locale, host_links)}</label>
            <textarea id="links" name="links" rows="3" inputmode="url" dir="ltr"
                placeholder="https://"
                aria-invalid=form.error("links").map(|_| "true")
                aria-describedby=if form.error("links").is_some() { "links-hint links-error" } else { "links-hint" }>{escape_html(&links)}</textarea>
            <p id="links-hint" class="hint">{td_string!(locale, host_links_hint)}</p>
            <FieldMessage field="links" message=form.error("links") />
        </div>
    }
}
