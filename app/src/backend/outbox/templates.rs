//! Every email Common Ground writes, in the recipient's language. Each has
//! a subject, a plain-text body and an HTML body built from the same
//! paragraphs, so the two never say different things.

use super::Email;
use crate::domain::reply::ReplyStatus as Standing;
use crate::domain::text::escape_html as escape;
use crate::i18n::{Locale, td_string};
use crate::l10n::bidi::isolated;

/// What an email says, before it is put into words.
pub enum Template<'a> {
    SignInLink {
        url: &'a str,
        minutes: i64,
    },
    /// A guest without an account asked what is held about their address.
    GuestDataLink {
        url: &'a str,
        minutes: i64,
    },
    /// The secret address of "My gatherings" for a calendar app.
    CalendarLink {
        url: &'a str,
    },
    HostInvitation {
        host: &'a str,
        inviter: &'a str,
        url: &'a str,
        days: i64,
    },
    PartnerInvitation {
        host: &'a str,
        partner: &'a str,
        title: &'a str,
        url: &'a str,
    },
    /// Double opt-in for an RSVP made with an email address.
    ReplyConfirmAddress {
        title: &'a str,
        when: &'a str,
        confirm_url: &'a str,
        cancel_url: &'a str,
        /// The day this guest's name and address are forgotten.
        forgotten_on: &'a str,
    },
    /// A city office sponsors one of the host's gatherings; the host may
    /// decline on the gathering's management page.
    Sponsored {
        office: &'a str,
        title: &'a str,
        note: &'a str,
        manage_url: &'a str,
    },
    /// A date people are coming to: a reminder, or news that it changed or
    /// was cancelled. `cancel_url` for RSVPs to a date that still takes
    /// place (volunteers withdraw on the page).
    DateNews {
        news: DateNews,
        title: &'a str,
        when: &'a str,
        event_url: &'a str,
        cancel_url: Option<&'a str>,
    },
    /// A message from a gathering's organisers to the people of a date,
    /// with a link that stops such messages.
    OrganiserMessage {
        host: &'a str,
        title: &'a str,
        when: &'a str,
        /// As the organisers wrote it (paragraphs split at blank lines).
        body: &'a str,
        event_url: &'a str,
        stop_url: &'a str,
    },
    /// The day after a date, to a guest who asked: how did it go?
    FollowUp {
        title: &'a str,
        when: &'a str,
        survey_url: &'a str,
    },
    /// A moderator's action on a gathering, host or account, with its
    /// reason, to the host's owners (or the account's person).
    Moderation {
        notice: ModerationNotice,
        /// The gathering's title, the host's name, or the address.
        name: &'a str,
        reason: &'a str,
        url: &'a str,
    },
    /// Where an RSVP stands: going (with `promoted` when a seat just freed
    /// up for a waiting party), waitlisted, waiting for the organisers'
    /// approval, or declined by them.
    ReplyStatus {
        title: &'a str,
        when: &'a str,
        party: i32,
        standing: Standing,
        promoted: bool,
        /// The code to give at the door (told only when coming).
        door_code: &'a str,
        /// The door page with that code looked up, drawn as a QR code.
        door_url: &'a str,
        event_url: &'a str,
        /// None when there is nothing left to cancel (declined).
        cancel_url: Option<&'a str>,
        /// The day this guest's name and address are forgotten.
        forgotten_on: &'a str,
    },
}

/// What moderators did, told to those it concerns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModerationNotice {
    GatheringHidden,
    GatheringRestored,
    /// Hidden, then removed for good: its dates to come are cancelled.
    GatheringRemoved,
    /// Reviewed and made public (see `PublishPolicy`).
    GatheringApproved,
    HostSuspended,
    HostRestored,
    AccountSuspended,
    AccountRestored,
}

/// What happened to a date people are coming to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateNews {
    Reminder,
    Moved,
    Cancelled,
}

/// The parts every email has.
struct Parts {
    subject: String,
    paragraphs: Vec<String>,
    action_label: String,
    action_url: String,
    /// A second, quieter link (e.g. "Cancel").
    secondary: Option<(String, String)>,
}

pub fn render(template: &Template, locale: Locale, to: &str) -> Email {
    let (kind, parts) = match *template {
        Template::SignInLink { url, minutes } => (
            "sign_in_link",
            Parts {
                subject: td_string!(locale, email_sign_in_subject).to_string(),
                paragraphs: vec![
                    td_string!(locale, email_sign_in_intro).to_string(),
                    td_string!(
                        locale,
                        email_sign_in_expiry,
                        count = minutes,
                        minutes = crate::l10n::format::number(locale, minutes)
                    )
                    .to_string(),
                    td_string!(locale, email_sign_in_ignore).to_string(),
                ],
                action_label: td_string!(locale, email_sign_in_action).to_string(),
                action_url: url.into(),
                secondary: None,
            },
        ),
        Template::OrganiserMessage {
            host,
            title,
            when,
            body,
            event_url,
            stop_url,
        } => {
            let host = isolated(locale, host);
            let title = isolated(locale, title);
            let mut paragraphs = vec![
                td_string!(
                    locale,
                    email_message_intro,
                    host = &host,
                    title = &title,
                    when = when
                )
                .to_string(),
            ];
            paragraphs.extend(
                body.split("\n\n")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string),
            );
            paragraphs.push(td_string!(locale, email_message_why).to_string());
            (
                "organiser_message",
                Parts {
                    subject: td_string!(
                        locale,
                        email_message_subject,
                        host = &host,
                        title = &title
                    )
                    .to_string(),
                    paragraphs,
                    action_label: td_string!(locale, email_rsvp_event_action).to_string(),
                    action_url: event_url.into(),
                    secondary: Some((
                        td_string!(locale, email_message_stop).to_string(),
                        stop_url.into(),
                    )),
                },
            )
        }
        Template::FollowUp {
            title,
            when,
            survey_url,
        } => {
            let title = isolated(locale, title);
            (
                "follow_up",
                Parts {
                    subject: td_string!(locale, email_follow_up_subject, title = &title)
                        .to_string(),
                    paragraphs: vec![
                        td_string!(locale, email_follow_up_body, title = &title, when = when)
                            .to_string(),
                        td_string!(locale, email_follow_up_privacy).to_string(),
                    ],
                    action_label: td_string!(locale, email_follow_up_action).to_string(),
                    action_url: survey_url.into(),
                    secondary: None,
                },
            )
        }
        Template::Moderation {
            notice,
            name,
            reason,
            url,
        } => (
            "moderation",
            moderation_parts(notice, name, reason, url, locale),
        ),
        Template::CalendarLink { url } => (
            "calendar_link",
            Parts {
                subject: td_string!(locale, email_calendar_link_subject).to_string(),
                paragraphs: vec![
                    td_string!(locale, email_calendar_link_intro).to_string(),
                    (*url).to_string(),
                    td_string!(locale, email_calendar_link_private).to_string(),
                ],
                action_label: td_string!(locale, email_calendar_link_action).to_string(),
                action_url: url.replacen("https://", "webcal://", 1).replacen(
                    "http://",
                    "webcal://",
                    1,
                ),
                secondary: None,
            },
        ),
        Template::GuestDataLink { url, minutes } => (
            "guest_data_link",
            Parts {
                subject: td_string!(locale, email_guest_data_subject).to_string(),
                paragraphs: vec![
                    td_string!(locale, email_guest_data_intro).to_string(),
                    td_string!(
                        locale,
                        email_sign_in_expiry,
                        count = minutes,
                        minutes = crate::l10n::format::number(locale, minutes)
                    )
                    .to_string(),
                    td_string!(locale, email_sign_in_ignore).to_string(),
                ],
                action_label: td_string!(locale, email_guest_data_action).to_string(),
                action_url: url.into(),
                secondary: None,
            },
        ),
        Template::HostInvitation {
            host,
            inviter,
            url,
            days,
        } => {
            let host = isolated(locale, host);
            let inviter = isolated(locale, inviter);
            (
                "host_invitation",
                Parts {
                    subject: td_string!(locale, email_host_invitation_subject, host = &host)
                        .to_string(),
                    paragraphs: vec![
                        td_string!(
                            locale,
                            email_host_invitation_body,
                            inviter = &inviter,
                            host = &host
                        )
                        .to_string(),
                        td_string!(
                            locale,
                            email_invitation_expiry,
                            count = days,
                            days = crate::l10n::format::number(locale, days)
                        )
                        .to_string(),
                    ],
                    action_label: td_string!(locale, email_host_invitation_action).to_string(),
                    action_url: url.into(),
                    secondary: None,
                },
            )
        }
        Template::PartnerInvitation {
            host,
            partner,
            title,
            url,
        } => {
            let host = isolated(locale, host);
            let partner = isolated(locale, partner);
            let title = isolated(locale, title);
            (
                "cohost_invitation",
                Parts {
                    subject: td_string!(locale, email_cohost_subject, host = &host, title = &title)
                        .to_string(),
                    paragraphs: vec![
                        td_string!(
                            locale,
                            email_cohost_body,
                            host = &host,
                            partner = &partner,
                            title = &title
                        )
                        .to_string(),
                        td_string!(locale, email_cohost_consent, partner = &partner).to_string(),
                    ],
                    action_label: td_string!(locale, email_cohost_action).to_string(),
                    action_url: url.into(),
                    secondary: None,
                },
            )
        }
        Template::ReplyConfirmAddress {
            title,
            when,
            confirm_url,
            cancel_url,
            forgotten_on,
        } => {
            let title = isolated(locale, title);
            (
                "rsvp_confirm_address",
                Parts {
                    subject: td_string!(locale, email_rsvp_confirm_subject, title = &title)
                        .to_string(),
                    paragraphs: vec![
                        td_string!(locale, email_rsvp_confirm_body, title = &title, when = when)
                            .to_string(),
                        td_string!(locale, email_rsvp_not_you).to_string(),
                        td_string!(locale, email_forget_notice, date = forgotten_on).to_string(),
                    ],
                    action_label: td_string!(locale, email_rsvp_confirm_action).to_string(),
                    action_url: confirm_url.into(),
                    secondary: Some((
                        td_string!(locale, email_rsvp_cancel_action).to_string(),
                        cancel_url.into(),
                    )),
                },
            )
        }
        Template::DateNews {
            news,
            title,
            when,
            event_url,
            cancel_url,
        } => {
            let title = isolated(locale, title);
            let (kind, subject, body) = match news {
                DateNews::Reminder => (
                    "date_reminder",
                    td_string!(locale, email_reminder_subject, title = &title).to_string(),
                    td_string!(locale, email_reminder_body, title = &title, when = when)
                        .to_string(),
                ),
                DateNews::Moved => (
                    "date_moved",
                    td_string!(locale, email_moved_subject, title = &title).to_string(),
                    td_string!(locale, email_moved_body, title = &title, when = when).to_string(),
                ),
                DateNews::Cancelled => (
                    "date_cancelled",
                    td_string!(locale, email_cancelled_subject, title = &title).to_string(),
                    td_string!(locale, email_cancelled_body, title = &title, when = when)
                        .to_string(),
                ),
            };
            (
                kind,
                Parts {
                    subject,
                    paragraphs: vec![body],
                    action_label: td_string!(locale, email_rsvp_event_action).to_string(),
                    action_url: event_url.into(),
                    secondary: cancel_url.map(|url| {
                        (
                            td_string!(locale, email_rsvp_cancel_action).to_string(),
                            url.to_string(),
                        )
                    }),
                },
            )
        }
        Template::Sponsored {
            office,
            title,
            note,
            manage_url,
        } => {
            let office = isolated(locale, office);
            let title = isolated(locale, title);
            let note = isolated(locale, note);
            let mut paragraphs = vec![
                td_string!(
                    locale,
                    email_sponsored_body,
                    office = &office,
                    title = &title
                )
                .to_string(),
            ];
            if !note.is_empty() {
                paragraphs.push(td_string!(locale, email_sponsored_note, note = &note).to_string());
            }
            paragraphs.push(td_string!(locale, email_sponsored_decline).to_string());
            (
                "sponsored",
                Parts {
                    subject: td_string!(
                        locale,
                        email_sponsored_subject,
                        office = &office,
                        title = &title
                    )
                    .to_string(),
                    paragraphs,
                    action_label: td_string!(locale, email_sponsored_action).to_string(),
                    action_url: manage_url.into(),
                    secondary: None,
                },
            )
        }
        Template::ReplyStatus {
            title,
            when,
            party,
            standing,
            promoted,
            door_code,
            door_url: _,
            event_url,
            cancel_url,
            forgotten_on,
        } => {
            let title = isolated(locale, title);
            let people = crate::l10n::format::number(locale, i64::from(party));
            let (kind, subject, body) = match (standing, promoted) {
                (Standing::Waitlisted, _) => (
                    "rsvp_waitlisted",
                    td_string!(locale, email_rsvp_waitlisted_subject, title = &title).to_string(),
                    td_string!(
                        locale,
                        email_rsvp_waitlisted_body,
                        title = &title,
                        when = when,
                        count = party,
                        party = &people
                    )
                    .to_string(),
                ),
                (Standing::Requested, _) => (
                    "rsvp_requested",
                    td_string!(locale, email_rsvp_requested_subject, title = &title).to_string(),
                    td_string!(
                        locale,
                        email_rsvp_requested_body,
                        title = &title,
                        when = when,
                        count = party,
                        party = &people
                    )
                    .to_string(),
                ),
                (Standing::Declined, _) => (
                    "rsvp_declined",
                    td_string!(locale, email_rsvp_declined_subject, title = &title).to_string(),
                    td_string!(
                        locale,
                        email_rsvp_declined_body,
                        title = &title,
                        when = when
                    )
                    .to_string(),
                ),
                (_, true) => (
                    "rsvp_promoted",
                    td_string!(locale, email_rsvp_promoted_subject, title = &title).to_string(),
                    td_string!(
                        locale,
                        email_rsvp_promoted_body,
                        title = &title,
                        when = when,
                        count = party,
                        party = &people
                    )
                    .to_string(),
                ),
                (_, false) => (
                    "rsvp_going",
                    td_string!(locale, email_rsvp_going_subject, title = &title).to_string(),
                    td_string!(
                        locale,
                        email_rsvp_going_body,
                        title = &title,
                        when = when,
                        count = party,
                        party = &people
                    )
                    .to_string(),
                ),
            };
            let mut paragraphs = vec![body];
            if standing == Standing::Going {
                paragraphs.push(td_string!(locale, email_door_code, code = door_code).to_string());
            }
            if cancel_url.is_some() {
                paragraphs.push(td_string!(locale, email_rsvp_cancel_hint).to_string());
            }
            paragraphs
                .push(td_string!(locale, email_forget_notice, date = forgotten_on).to_string());
            (
                kind,
                Parts {
                    subject,
                    paragraphs,
                    action_label: td_string!(locale, email_rsvp_event_action).to_string(),
                    action_url: event_url.into(),
                    secondary: cancel_url.map(|url| {
                        (
                            td_string!(locale, email_rsvp_cancel_action).to_string(),
                            url.into(),
                        )
                    }),
                },
            )
        }
    };
    let footer = td_string!(locale, footer_tagline).to_string();
    // Someone coming carries their door code as a QR code too, for the
    // camera at the door (the text keeps the code to read out).
    let qr = match *template {
        Template::ReplyStatus {
            standing: Standing::Going,
            door_code,
            door_url,
            ..
        } => {
            let label = td_string!(locale, email_door_qr_label, code = door_code).to_string();
            crate::domain::qr_code::html_table(door_url, 4, &label)
        }
        _ => None,
    };
    Email {
        kind,
        to: to.into(),
        text: text_body(&parts, &footer),
        html: html_body(&parts, qr.as_deref(), &footer, locale),
        calendar: None,
        about: None,
        subject: parts.subject,
    }
}

fn moderation_parts(
    notice: ModerationNotice,
    name: &str,
    reason: &str,
    url: &str,
    locale: Locale,
) -> Parts {
    let name = isolated(locale, name);
    let (subject, what) = match notice {
        ModerationNotice::GatheringHidden => (
            td_string!(locale, email_moderation_hidden_subject),
            td_string!(locale, email_moderation_hidden, name = name).to_string(),
        ),
        ModerationNotice::GatheringRemoved => (
            td_string!(locale, email_moderation_removed_subject),
            td_string!(locale, email_moderation_removed, name = name).to_string(),
        ),
        ModerationNotice::GatheringRestored => (
            td_string!(locale, email_moderation_restored_subject),
            td_string!(locale, email_moderation_restored, name = name).to_string(),
        ),
        ModerationNotice::GatheringApproved => (
            td_string!(locale, email_moderation_approved_subject),
            td_string!(locale, email_moderation_approved, name = name).to_string(),
        ),
        ModerationNotice::HostSuspended => (
            td_string!(locale, email_moderation_host_suspended_subject),
            td_string!(locale, email_moderation_host_suspended, name = name).to_string(),
        ),
        ModerationNotice::HostRestored => (
            td_string!(locale, email_moderation_host_restored_subject),
            td_string!(locale, email_moderation_host_restored, name = name).to_string(),
        ),
        ModerationNotice::AccountSuspended => (
            td_string!(locale, email_moderation_account_suspended_subject),
            td_string!(locale, email_moderation_account_suspended, name = name).to_string(),
        ),
        ModerationNotice::AccountRestored => (
            td_string!(locale, email_moderation_account_restored_subject),
            td_string!(locale, email_moderation_account_restored, name = name).to_string(),
        ),
    };
    let mut paragraphs = vec![what];
    if !reason.is_empty() {
        paragraphs.push(
            td_string!(
                locale,
                email_moderation_reason,
                reason = isolated(locale, reason)
            )
            .to_string(),
        );
    }
    Parts {
        subject: subject.to_string(),
        paragraphs,
        action_label: td_string!(locale, email_moderation_action).to_string(),
        action_url: url.into(),
        secondary: None,
    }
}

fn text_body(parts: &Parts, footer: &str) -> String {
    let mut text = parts.paragraphs.join("\n\n");
    text.push_str(&format!(
        "\n\n{}:\n{}\n",
        parts.action_label, parts.action_url
    ));
    if let Some((label, url)) = &parts.secondary {
        text.push_str(&format!("\n{label}:\n{url}\n"));
    }
    text.push_str(&format!("\n-- \nCommon Ground: {footer}\n"));
    text
}

fn html_body(parts: &Parts, qr: Option<&str>, footer: &str, locale: Locale) -> String {
    use leptos_i18n::Locale as _;
    let direction = locale.direction().as_str();
    let paragraphs: String = parts
        .paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .chain(qr.map(str::to_string))
        .collect();
    let secondary = parts
        .secondary
        .as_ref()
        .map(|(label, url)| format!("<p><a href=\"{}\">{}</a></p>", escape(url), escape(label)))
        .unwrap_or_default();
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{direction}\"><body style=\"font-family:system-ui,sans-serif;line-height:1.5\">\
         {paragraphs}<p><a href=\"{url}\" style=\"display:inline-block;padding:12px 20px;background:#1d5c4d;color:#fff;border-radius:6px;text-decoration:none\">{label}</a></p>{secondary}\
         <p style=\"color:#555;font-size:90%\">Common Ground: {footer}</p></body></html>",
        lang = locale.as_str(),
        url = escape(&parts.action_url),
        label = escape(&parts.action_label),
        footer = escape(footer),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_chosen_by_people_cannot_inject_html() {
        let email = render(
            &Template::HostInvitation {
                host: "<script>alert(1)</script> Club",
                inviter: "Sam & Ali",
                url: "https://meet.example.org/invitations/abc",
                days: 7,
            },
            Locale::en,
            "new@example.org",
        );
        assert!(!email.html.contains("<script>"));
        assert!(email.html.contains("&lt;script&gt;"));
        assert!(
            email
                .text
                .contains("https://meet.example.org/invitations/abc")
        );
    }

    #[test]
    fn an_organisers_message_is_escaped_and_can_be_stopped() {
        let email = render(
            &Template::OrganiserMessage {
                host: "Kiezküche",
                title: "Soup <b>night</b>",
                when: "Friday",
                body: "Bring a dish.\n\n<img src=x onerror=alert(1)>",
                event_url: "https://meet.example.org/events/abc",
                stop_url: "https://meet.example.org/messages/stop?token=t",
            },
            Locale::en,
            "guest@example.org",
        );
        assert_eq!(email.kind, "organiser_message");
        assert!(!email.html.contains("<img") && !email.html.contains("<b>"));
        assert!(email.html.contains("<p>Bring a dish.</p>"));
        assert!(email.text.contains("/messages/stop?token=t"));
    }

    #[test]
    fn emails_are_written_in_the_recipients_language() {
        let link = Template::SignInLink {
            url: "https://meet.example.org/sign-in/confirm?token=t",
            minutes: 15,
        };
        let english = render(&link, Locale::en, "a@example.org");
        let arabic = render(&link, Locale::ar, "a@example.org");
        assert_ne!(english.subject, arabic.subject);
        assert!(arabic.html.contains("dir=\"rtl\""));
        assert!(english.text.contains("15"));
    }
}
