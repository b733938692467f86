use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches; answers with HTTP 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(axum::http::StatusCode::NOT_FOUND);
    }

    view! {
        <Title text="Page not found" />
        <section class="stack">
            <h1>"We couldn't find that page"</h1>
            <p>"The link may be old, or the gathering may have been removed."</p>
            <p><a href="/">"Find gatherings near you"</a></p>
        </section>
    }
}
