//! Messages from the organisers to the dates the viewer replied to, on the
//! gathering's page: how a guest who replied without an address hears
//! them.

use crate::i18n::td_string;
use crate::l10n::format::day;
use crate::ui::locale::use_locale;
use crate::views::messages::GuestMessage;
use leptos::prelude::*;

#[component]
pub fn GuestMessages(messages: Vec<GuestMessage>) -> impl IntoView {
    let locale = use_locale();
    (!messages.is_empty()).then(|| {
        view! {
            <section class="stack notice" aria-labelledby="messages-heading">
                <h2 id="messages-heading">{td_string!(locale, messages_for_guest_heading)}</h2>
                <ul class="stack">
                    {messages.into_iter().map(|message| view! {
                        <li>
                            <p class="hint">{day(locale, message.sent_at.date_naive())}</p>
                            <p class="message-body" dir="auto">{message.body}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
