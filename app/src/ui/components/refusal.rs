//! What a page shows when it cannot show what was asked: sign in first,
//! not yours, gone, or our fault.

use crate::api::ApiError;
use crate::i18n::td_string;
use crate::ui::{
    locale::use_locale,
    pages::{Gone, NotFound},
    status,
};
use leptos::prelude::*;

/// The view for an error from a page's data. Sends people who are not
/// signed in to sign in, and back here afterwards.
pub fn refusal(error: ApiError) -> AnyView {
    let locale = use_locale();
    match error {
        ApiError::SignInRequired => {
            let here = use_context::<axum::http::request::Parts>()
                .map(|parts| parts.uri.to_string())
                .unwrap_or_else(|| "/".into());
            let next: String = form_urlencoded::byte_serialize(here.as_bytes()).collect();
            leptos_axum::redirect(&format!("/sign-in?next={next}"));
            ().into_any()
        }
        ApiError::Forbidden => {
            status::forbidden();
            view! {
                <section class="stack narrow">
                    <h1>{td_string!(locale, forbidden_title)}</h1>
                    <p>{td_string!(locale, forbidden_body)}</p>
                    <p><a href="/hosts">{td_string!(locale, nav_my_hosts)}</a></p>
                </section>
            }
            .into_any()
        }
        ApiError::NotFound => view! { <NotFound /> }.into_any(),
        ApiError::Gone => view! { <Gone /> }.into_any(),
        // Already in the reader's words: say what to change.
        ApiError::Invalid(message) => {
            status::bad_request();
            view! { <p class="error" role="alert">{message}</p> }.into_any()
        }
        _ => view! { <p class="error" role="alert">{td_string!(locale, error_unavailable)}</p> }
            .into_any(),
    }
}
