//! Everything held about one person, readable: one section per kind of
//! record, each record on one line, times as stored (UTC). The same data
//! downloads as JSON from the link at the top.

use crate::i18n::td_string;
use crate::ui::locale::use_locale;
use crate::views::privacy::MyData;
use leptos::prelude::*;

#[component]
pub fn MyDataView(data: MyData, json_url: String) -> impl IntoView {
    let locale = use_locale();
    let line = |parts: &[&str]| {
        parts
            .iter()
            .filter(|part| !part.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" · ")
    };
    let opt = |value: &Option<String>| value.clone().unwrap_or_default();
    let sections: Vec<(String, Vec<String>)> = vec![
        (
            td_string!(locale, my_data_account).to_string(),
            data.account
                .iter()
                .map(|a| line(&[&a.email, &opt(&a.display_name), &a.language, &a.created_at]))
                .collect(),
        ),
        (
            td_string!(locale, my_data_sessions).to_string(),
            data.sessions
                .iter()
                .map(|s| line(&[&s.created_at, &s.last_seen_at, &s.expires_at]))
                .collect(),
        ),
        (
            td_string!(locale, my_data_api_tokens).to_string(),
            data.api_tokens
                .iter()
                .map(|t| line(&[&t.name, &t.scopes, &t.created_at, &opt(&t.last_used_at)]))
                .collect(),
        ),
        (
            td_string!(locale, my_data_calendar_address).to_string(),
            data.calendar_address_since.iter().cloned().collect(),
        ),
        (
            td_string!(locale, my_data_replies).to_string(),
            data.replies
                .iter()
                .map(|r| {
                    line(&[
                        &r.title,
                        &r.date,
                        &r.status,
                        &r.party.to_string(),
                        &opt(&r.name),
                        &opt(&r.email),
                        &r.language,
                    ])
                })
                .collect(),
        ),
        (
            td_string!(locale, my_data_volunteering).to_string(),
            data.volunteering
                .iter()
                .map(|v| line(&[&v.title, &v.role, &v.date, &v.status]))
                .collect(),
        ),
        (
            td_string!(locale, my_data_hosts).to_string(),
            data.hosts
                .iter()
                .chain(&data.offices)
                .map(|m| line(&[&m.name, &m.role, &m.since]))
                .collect(),
        ),
        (
            td_string!(locale, my_data_invitations).to_string(),
            data.team_invitations_sent
                .iter()
                .chain(&data.team_invitations_received)
                .map(|i| line(&[&i.host, &i.email, &i.role, &i.created_at]))
                .chain(
                    data.partner_invitations_sent
                        .iter()
                        .map(|p| line(&[&p.gathering, &p.partner, &p.status, &p.created_at])),
                )
                .collect(),
        ),
        (
            td_string!(locale, my_data_actions).to_string(),
            data.sponsorships_created
                .iter()
                .chain(&data.sponsorship_actions)
                .map(|a| line(&[&a.office, &a.gathering, &a.action, &a.at]))
                .chain(
                    data.attendee_list_downloads
                        .iter()
                        .map(|d| line(&[&d.gathering, &d.at])),
                )
                .collect(),
        ),
        (
            td_string!(locale, my_data_emails).to_string(),
            data.emails
                .iter()
                .map(|e| line(&[&e.subject, &e.created_at, &opt(&e.sent_at)]))
                .chain(
                    data.sign_in_links
                        .iter()
                        .map(|l| line(&[td_string!(locale, my_data_link), &l.created_at])),
                )
                .collect(),
        ),
    ];
    view! {
        <p><a class="button" href=json_url download>{td_string!(locale, my_data_download)}</a></p>
        {sections.into_iter().map(|(heading, rows)| view! {
            <section class="stack">
                <h2>{heading}</h2>
                {if rows.is_empty() {
                    view! { <p class="hint">{td_string!(locale, my_data_none)}</p> }.into_any()
                } else {
                    view! { <ul class="date-list">{rows.into_iter().map(|row| view! { <li dir="auto">{row}</li> }).collect_view()}</ul> }.into_any()
                }}
            </section>
        }).collect_view()}
    }
}
