//! The emails RSVPs cause, in each recipient's language, with a cancel
//! link. Only hashes of the links' tokens are stored, so each email that
//! needs a cancel link gets a fresh one (the latest email's link works).

use super::Target;
use crate::backend::{
    entities::{place, rsvp},
    outbox::{
        self, Email,
        templates::{DateNews, Template, render},
    },
    privacy,
    secret::Secret,
};
use crate::domain::ids::OccurrenceId;
use crate::domain::{ics::CalendarEvent, reply::ReplyStatus};
use crate::i18n::Locale;
use leptos_i18n::Locale as _;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

/// What the emails about one date say, in one language.
pub struct Context {
    locale: Locale,
    title: String,
    when: String,
    event_url: String,
    public_url: String,
    /// The date as an iCalendar file, attached when someone is coming. It
    /// carries the street address: only confirmed guests receive it.
    calendar: String,
    /// The date the emails are about: forgetting its guests drops them.
    occurrence: OccurrenceId,
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
        let local = target.occurrence.starts_at.with_timezone(&zone);
        let when = format!(
            "{} {}",
            crate::l10n::format::weekday_date_time(
                locale,
                &local
                    .naive_local()
                    .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
                    .to_string()
            ),
            local.format("%Z")
        );
        let event_url = format!("{public_url}/events/{}", target.event.public_id);
        let place = place::Entity::find_by_id(target.event.place_id)
            .one(db)
            .await?;
        let calendar = crate::domain::ics::calendar(
            &[CalendarEvent {
                uid: crate::domain::ics::occurrence_uid(public_url, target.occurrence.id),
                starts_at: target.occurrence.starts_at,
                ends_at: target.occurrence.ends_at,
                summary: &title,
                description: &description,
                location: place
                    .as_ref()
                    .map(|p| format!("{}, {}", p.name, p.address))
                    .unwrap_or_default(),
                latitude: place.as_ref().map(|p| p.latitude),
                longitude: place.as_ref().map(|p| p.longitude),
                url: &event_url,
                cancelled: false,
            }],
            chrono::Utc::now(),
        );
        let forgotten_on = privacy::settings::guests_forgotten_on(
            db,
            target.event.host_id,
            target.occurrence.ends_at,
        )
        .await?;
        let forgotten_on =
            crate::l10n::format::day(locale, forgotten_on.with_timezone(&zone).date_naive());
        Ok(Self {
            locale,
            title,
            when,
            event_url,
            public_url: public_url.to_string(),
            calendar,
            occurrence: target.occurrence.id,
            forgotten_on,
        })
    }

    pub(super) fn news(&self, to: &str, news: DateNews, cancel: Option<&str>) -> Email {
        let cancel_url = cancel.map(|token| self.cancel_url(token));
        self.about_this_date(render(
            &Template::DateNews {
                news,
                title: &self.title,
                when: &self.when,
                event_url: &self.event_url,
                cancel_url: cancel_url.as_deref(),
            },
            self.locale,
            to,
        ))
    }

    fn about_this_date(&self, email: Email) -> Email {
        Email {
            about: Some(self.occurrence),
            ..email
        }
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
        cancel: &str,
    ) -> Email {
        let mut email = self.about_this_date(render(
            &Template::ReplyStatus {
                title: &self.title,
                when: &self.when,
                party,
                standing: status,
                promoted,
                event_url: &self.event_url,
                cancel_url: &self.cancel_url(cancel),
                forgotten_on: &self.forgotten_on,
            },
            self.locale,
            to,
        ));
        if status == ReplyStatus::Going {
            email.calendar = Some(self.calendar.clone());
        }
        email
    }
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
/// fresh cancel link: only its hash is stored, so each email needs its
/// own, and the newest one works.
pub(super) async fn send_status<C: ConnectionTrait>(
    txn: &C,
    context: &Context,
    rsvp_id: i64,
    address: &str,
    standing: Standing,
) -> Result<(), DbErr> {
    let cancel = Secret::generate();
    rsvp::Entity::update_many()
        .col_expr(rsvp::Column::CancelHash, Expr::value(cancel.hash.clone()))
        .filter(rsvp::Column::Id.eq(rsvp_id))
        .exec(txn)
        .await?;
    let message = context.status(
        address,
        standing.status,
        standing.party,
        standing.promoted,
        &cancel.token,
    );
    outbox::enqueue(txn, message).await
}
