//! The emails RSVPs cause, in each recipient's language, with a cancel
//! link. Only hashes of the links' tokens are stored, so each email that
//! needs a cancel link gets a fresh one, and every one sent works
//! (`cancel_links`).

use super::Target;
use crate::backend::{
    entities::{host, place, rsvp},
    outbox::{
        self, Email,
        templates::{DateNews, Template, render},
    },
    privacy,
};
use crate::domain::ics::{CalendarEvent, Invitation, Method, calendar_for};
use crate::domain::{reply::ReplyStatus, status::DateStatus};
use crate::i18n::Locale;
use leptos_i18n::Locale as _;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect};

/// What the emails about one date say, in one language.
pub struct Context {
    locale: Locale,
    title: String,
    when: String,
    event_url: String,
    public_url: String,
    event_public_id: String,
    /// The date for calendar apps, attached to the emails of people coming.
    /// It carries the street address: only confirmed guests receive it.
    date: DateForCalendar,
    /// The day its guests' names and addresses are forgotten.
    forgotten_on: String,
}

impl Context {
    pub(super) async fn load<C: ConnectionTrait>(
        db: &C,
        public_url: &str,
        target: &Target,
        locale: Locale,
    ) -> Result<Self, DbErr> {
        let text =
            crate::backend::event_texts::for_reader(db, &target.event, locale.as_str()).await?;
        let title = text.as_ref().map(|t| t.title.clone()).unwrap_or_default();
        let description = text
            .map(|t| crate::backend::markdown::to_plain_text(&t.description, 1000))
            .unwrap_or_default();
        let zone = crate::backend::time_zone::named(&target.event.time_zone);
        let when =
            crate::backend::time_zone::spoken_start(locale, target.occurrence.starts_at, zone);
        let event_url = format!("{public_url}/events/{}", target.event.public_id);
        let place = place::Entity::find_by_id(target.event.place_id)
            .one(db)
            .await?;
        let host = host::Entity::find_by_id(target.event.host_id)
            .one(db)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("host of event {}", target.event.id)))?;
        let forgotten_on =
            privacy::settings::guests_forgotten_on(db, &host, target.occurrence.ends_at).await?;
        let date = DateForCalendar {
            uid: crate::domain::ics::occurrence_uid(public_url, target.occurrence.id),
            organizer_address: crate::domain::ics::site_address(public_url),
            host_name: host.name,
            description,
            location: place
                .as_ref()
                .map(|p| format!("{}, {}", p.name, p.address))
                .unwrap_or_default(),
            position: place.as_ref().map(|p| (p.latitude, p.longitude)),
            occurrence: target.occurrence.clone(),
        };
        let forgotten_on =
            crate::l10n::format::day(locale, forgotten_on.with_timezone(&zone).date_naive());
        Ok(Self {
            locale,
            title,
            when,
            event_url,
            public_url: public_url.to_string(),
            event_public_id: target.event.public_id.clone(),
            date,
            forgotten_on,
        })
    }

    pub(super) fn news(&self, to: &str, news: DateNews, cancel: Option<&str>) -> Email {
        let cancel_url = cancel.map(|token| self.cancel_url(token));
        let mut email = self.about_this_date(render(
            &Template::DateNews {
                news,
                title: &self.title,
                when: &self.when,
                event_url: &self.event_url,
                cancel_url: cancel_url.as_deref(),
            },
            self.locale,
            to,
        ));
        // The guest's calendar app updates its copy of the date, or drops
        // it when the date is cancelled.
        email.calendar = Some(self.calendar_file(to, news == DateNews::Cancelled));
        email
    }

    /// The date as an emailed calendar invitation to `to`: a request to
    /// add or update it, or to remove it (`cancelled`).
    fn calendar_file(&self, to: &str, cancelled: bool) -> String {
        let date = &self.date;
        let event = CalendarEvent {
            uid: date.uid.clone(),
            starts_at: date.occurrence.starts_at,
            ends_at: date.occurrence.ends_at,
            summary: &self.title,
            description: &date.description,
            location: date.location.clone(),
            latitude: date.position.map(|p| p.0),
            longitude: date.position.map(|p| p.1),
            url: &self.event_url,
            cancelled: cancelled || date.occurrence.status == DateStatus::Cancelled,
            sequence: date.occurrence.sequence,
        };
        let invitation = Invitation {
            organizer_name: &date.host_name,
            organizer_address: &date.organizer_address,
            attendee_address: to,
        };
        let method = if event.cancelled {
            Method::Cancel(invitation)
        } else {
            Method::Request(invitation)
        };
        calendar_for(&[event], chrono::Utc::now(), &method)
    }

    fn about_this_date(&self, email: Email) -> Email {
        Email {
            // The date the email is about: forgetting its guests drops it.
            about: Some(self.date.occurrence.id),
            ..email
        }
    }

    /// The day after the date: a link to a few questions on how it went.
    pub(super) fn follow_up(&self, to: &str, survey_url: &str) -> Email {
        self.about_this_date(render(
            &Template::FollowUp {
                title: &self.title,
                when: &self.when,
                survey_url,
            },
            self.locale,
            to,
        ))
    }

    fn cancel_url(&self, token: &str) -> String {
        format!("{}/rsvps/cancel?token={token}", self.public_url)
    }

    pub(super) fn confirm_address(&self, to: &str, confirm: &str, cancel: &str) -> Email {
        let confirm_url = format!("{}/rsvps/confirm?token={confirm}", self.public_url);
        self.about_this_date(render(
            &Template::ReplyConfirmAddress {
                title: &self.title,
                when: &self.when,
                confirm_url: &confirm_url,
                cancel_url: &self.cancel_url(cancel),
                forgotten_on: &self.forgotten_on,
            },
            self.locale,
            to,
        ))
    }

    pub(super) fn status(
        &self,
        to: &str,
        status: ReplyStatus,
        party: i32,
        promoted: bool,
        cancel: Option<&str>,
        reply_public_id: &str,
    ) -> Email {
        let cancel_url = cancel.map(|token| self.cancel_url(token));
        let door_code = crate::backend::door::code::of(reply_public_id);
        let door_url = crate::backend::door::code::door_address(
            &self.public_url,
            &self.event_public_id,
            self.date.occurrence.id,
            &door_code,
        );
        let mut email = self.about_this_date(render(
            &Template::ReplyStatus {
                title: &self.title,
                when: &self.when,
                party,
                standing: status,
                promoted,
                door_code: &door_code,
                door_url: &door_url,
                event_url: &self.event_url,
                cancel_url: cancel_url.as_deref(),
                forgotten_on: &self.forgotten_on,
            },
            self.locale,
            to,
        ));
        if status == ReplyStatus::Going {
            email.calendar = Some(self.calendar_file(to, false));
        }
        email
    }
}

/// What an emailed calendar invitation says about the date.
struct DateForCalendar {
    uid: String,
    organizer_address: String,
    host_name: String,
    description: String,
    location: String,
    position: Option<(f64, f64)>,
    occurrence: crate::backend::entities::occurrence::Model,
}

/// Emails each promoted party that gave an address, in its language, in
/// the promoting transaction `txn`.
pub(super) async fn promoted<C: ConnectionTrait>(
    txn: &C,
    public_url: &str,
    target: &Target,
    promoted: &[rsvp::Model],
) -> Result<(), DbErr> {
    for party in promoted {
        let Some(address) = &party.email else {
            continue;
        };
        let locale = crate::l10n::language::parse(&party.locale).unwrap_or_default();
        // Read in the transaction: the gathering as it is being changed.
        let context = Context::load(txn, public_url, target, locale).await?;
        let standing = Standing {
            status: ReplyStatus::Going,
            party: party.party,
            promoted: true,
        };
        send_status(txn, &context, party.id, address, standing).await?;
    }
    Ok(())
}

/// Where a reply stands, as its status email says it.
pub(super) struct Standing {
    pub status: ReplyStatus,
    pub party: i32,
    /// Going because a place freed up.
    pub promoted: bool,
}

/// Emails `address` where the reply `rsvp_id` stands, in `txn`, with a
/// cancel link of its own (`cancel_links`: every link sent works).
pub(super) async fn send_status<C: ConnectionTrait>(
    txn: &C,
    context: &Context,
    rsvp_id: i64,
    address: &str,
    standing: Standing,
) -> Result<(), DbErr> {
    // A reply that no longer stands (declined) has nothing to cancel.
    let cancel = if standing.status.stands() {
        Some(super::cancel_links::issue(txn, rsvp_id).await?)
    } else {
        None
    };
    let public_id: String = rsvp::Entity::find_by_id(rsvp_id)
        .select_only()
        .column(rsvp::Column::PublicId)
        .into_tuple()
        .one(txn)
        .await?
        .unwrap_or_default();
    let message = context.status(
        address,
        standing.status,
        standing.party,
        standing.promoted,
        cancel.as_deref(),
        &public_id,
    );
    outbox::enqueue(txn, message).await
}
