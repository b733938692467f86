//! Forms that work without JavaScript: they post to the server, which on
//! success redirects (post/redirect/get) and on a problem renders the same
//! page again with what was typed and each problem tied to its field.
//! The server puts a [`FormState`] in the context for that second render.

use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use axum::http::StatusCode;
use leptos::prelude::*;

/// What a posted form contained, and what was wrong with it.
#[derive(Clone, Debug, Default)]
pub struct FormState {
    pub values: Vec<(String, String)>,
    pub errors: Vec<FieldError>,
    /// 422 for invalid input, 429 when a rate limit is hit.
    pub status: Option<StatusCode>,
}

/// A problem with one field (`field` is the input's id), in the reader's
/// language.
#[derive(Clone, Debug)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FormState {
    pub fn invalid(values: Vec<(String, String)>, errors: Vec<FieldError>) -> Self {
        Self {
            values,
            errors,
            status: Some(StatusCode::UNPROCESSABLE_ENTITY),
        }
    }

    /// The first value posted under `name`.
    pub fn value(&self, name: &str) -> Option<String> {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    }

    /// Every value posted under `name` (checkbox groups).
    pub fn all(&self, name: &str) -> Vec<String> {
        self.values
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn error(&self, field: &str) -> Option<String> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }
}

/// The posted form being shown again, if any; sets the response status.
pub fn use_form_state() -> Option<FormState> {
    let state = use_context::<FormState>()?;
    if let (Some(status), Some(response)) =
        (state.status, use_context::<leptos_axum::ResponseOptions>())
    {
        response.set_status(status);
    }
    Some(state)
}

/// The list of problems at the top of a form, each linking to its field.
#[component]
pub fn ErrorSummary(errors: Vec<FieldError>) -> impl IntoView {
    let locale = use_locale();
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" role="alert" tabindex="-1">
                <p>{td_string!(locale, error_summary)}</p>
                <ul>
                    {errors
                        .into_iter()
                        .map(|e| view! { <li><a href=format!("#{}", e.field)>{e.message}</a></li> })
                        .collect_view()}
                </ul>
            </div>
        }
    })
}

/// The message under a field, with the id its input's `aria-describedby`
/// points at.
#[component]
pub fn FieldMessage(#[prop(into)] field: String, message: Option<String>) -> impl IntoView {
    message.map(|m| view! { <p id=format!("{field}-error") class="field-error">{m}</p> })
}
