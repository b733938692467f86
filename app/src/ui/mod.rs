//! Pages and components. Everything here renders on the server; only
//! `#[island]` components ship to the browser as WASM.

pub mod components;
pub mod layout;
pub mod pages;

use leptos::prelude::*;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page. The server renders it; the browser
/// never re-renders it (islands mode hydrates only the islands inside).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en" dir="ltr">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d5c4d" />
                <link rel="stylesheet" href="/style.css" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();

    view! {
        <Title formatter=|page: String| format!("{page} · Common Ground") />
        <Router>
            <layout::Page>
                <Routes fallback=pages::NotFound>
                    // Async: the whole page is rendered before it is sent, so it is
                    // complete without JavaScript (no streamed placeholders).
                    <Route path=StaticSegment("") view=pages::Home ssr=SsrMode::Async />
                </Routes>
            </layout::Page>
        </Router>
    }
}
