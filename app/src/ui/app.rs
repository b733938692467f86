//! The HTML document and the router.

use super::{islands_loader::IslandsLoader, layout, locale, pages, request};
use crate::domain::text::escape_html;
use leptos::nonce::{Nonce, use_nonce};
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use leptos_meta::{MetaTags, Title, provide_meta_context};
use leptos_router::{
    ParamSegment, SsrMode, StaticSegment,
    components::{Route, Router, Routes},
};

/// The HTML document around every page, in the request's language and
/// writing direction. The browser never re-renders it (islands mode).
/// Leptos' options are not read here: the islands' loader comes from the
/// `Islands` the server renders once (`ui::islands_loader`).
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let locale = locale::provide();
    // Our one inline script below carries the response's nonce, so the
    // Content-Security-Policy needs no 'unsafe-inline' for scripts.
    if let Some(nonce) = request::script_nonce() {
        provide_context(Nonce::from_value(nonce));
    }
    view! {
        <!DOCTYPE html>
        <html lang=locale.as_str() dir=locale.direction().as_str()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#1d5c4d" />
                <link rel="stylesheet" href="/style.css" />
                <link rel="manifest" href="/manifest.webmanifest" />
                <link rel="icon" href="/icons/icon.svg" type="image/svg+xml" />
                <link rel="apple-touch-icon" href="/icons/apple-touch-icon.png" />
                <IslandsLoader />
                <MetaTags />
                // Marks the page as scripted before it paints (so islands can
                // keep their place, see style.css), and installs the service
                // worker (public/sw.js) for offline use.
                <script nonce=use_nonce()>
                    "document.documentElement.classList.add('js');if('serviceWorker' in navigator){addEventListener('load',()=>navigator.serviceWorker.register('/sw.js'))}"
                </script>
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
        // Every page's title passes through here; leptos_meta writes it raw.
        <Title formatter=|page: String| format!("{} · Common Ground", escape_html(&page)) />
        <Router>
            <layout::Page>
                <Routes fallback=pages::NotFound>
                    // Async: the whole page is rendered before it is sent, so it is
                    // complete without JavaScript (no streamed placeholders).
                    <Route path=StaticSegment("") view=pages::Home ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id")) view=pages::GatheringPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("about") view=pages::About />
                    <Route path=StaticSegment("privacy") view=pages::PrivacyPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("offline") view=pages::Offline />
                    <Route path=StaticSegment("sign-in") view=pages::SignIn />
                    <Route path=StaticSegment("account") view=pages::Account />
                    <Route path=(StaticSegment("account"), StaticSegment("data")) view=pages::AccountDataPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("account"), StaticSegment("deleted")) view=pages::AccountDeleted />
                    <Route path=StaticSegment("my-data") view=pages::GuestDataPage ssr=SsrMode::Async />
                    <Route path=StaticSegment("my") view=pages::MyGatherings ssr=SsrMode::Async />
                    <Route path=(StaticSegment("rsvps"), StaticSegment("cancel")) view=pages::CancelReply />
                    <Route path=StaticSegment("follow-up") view=pages::FollowUpPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("stories")) view=pages::StoriesPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("messages")) view=pages::MessagesPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("messages"), StaticSegment("stop")) view=pages::StopMessages />
                    <Route path=StaticSegment("hosts") view=pages::MyHosts ssr=SsrMode::Async />
                    <Route path=(StaticSegment("hosts"), ParamSegment("slug")) view=pages::HostPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("hosts"), ParamSegment("slug"), StaticSegment("gatherings"), StaticSegment("new")) view=pages::NewGathering ssr=SsrMode::Async />
                    <Route path=(StaticSegment("hosts"), ParamSegment("slug"), StaticSegment("team")) view=pages::TeamPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("hosts"), ParamSegment("slug"), StaticSegment("edit")) view=pages::HostSettingsPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("offices"), ParamSegment("slug")) view=pages::OfficePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("offices"), ParamSegment("slug"), StaticSegment("overview")) view=pages::OfficeOverview ssr=SsrMode::Async />
                    <Route path=(StaticSegment("offices"), ParamSegment("slug"), StaticSegment("impact")) view=pages::OfficeImpact ssr=SsrMode::Async />
                    <Route path=(StaticSegment("hosts"), ParamSegment("slug"), StaticSegment("impact")) view=pages::HostImpact ssr=SsrMode::Async />
                    <Route path=(StaticSegment("invitations"), ParamSegment("token")) view=pages::InvitationPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("manage")) view=pages::ManageGathering ssr=SsrMode::Async />
                    <Route path=(StaticSegment("events"), ParamSegment("id"), StaticSegment("dates"), ParamSegment("occurrence"), StaticSegment("door")) view=pages::DoorPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("sign-in"), StaticSegment("check-email")) view=pages::SignInSent />
                    <Route path=StaticSegment("moderation") view=pages::ModerationQueue ssr=SsrMode::Async />
                    <Route path=StaticSegment("admin") view=pages::AdminPage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("admin"), StaticSegment("offices"), ParamSegment("slug")) view=pages::AdminOfficePage ssr=SsrMode::Async />
                    <Route path=(StaticSegment("moderation"), StaticSegment("cases"), ParamSegment("id")) view=pages::ModerationCase ssr=SsrMode::Async />
                </Routes>
            </layout::Page>
        </Router>
    }
}
