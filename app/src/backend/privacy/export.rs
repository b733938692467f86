//! "Download my data": every row that names one person, read in one place
//! so the export, the account deletion and their tests agree on what
//! "names a person" means — their account (by id), and their email address
//! wherever it is stored as text.

use crate::backend::entities::{
    api_token, attendee_list_download, calendar_link, city_office, event, event_cohost,
    guest_data_link, host, host_invitation, host_member, occurrence, office_member, outbox_message,
    role_signup, rsvp, session, sign_in_link, sponsorship, sponsorship_audit, user, volunteer_role,
};
use crate::domain::ids::{EventId, HostId, OccurrenceId, OfficeId, UserId};
use crate::views::privacy::{
    AccountRecord, ApiTokenRecord, DownloadRecord, EmailRecord, InvitationRecord, LinkRecord,
    MembershipRecord, MyData, PartnerInvitationRecord, ReplyRecord, SessionRecord,
    SponsorshipActionRecord, VolunteerRecord,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

fn at(time: DateTime<Utc>) -> String {
    time.to_rfc3339()
}

/// Everything held about the account `user_id`, titles in `reader_language`.
pub async fn of_account<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
    reader_language: &str,
) -> Result<Option<MyData>, DbErr> {
    let Some(person) = user::Entity::find_by_id(user_id).one(db).await? else {
        return Ok(None);
    };
    let mut titles = Titles::new(reader_language);
    let mut data = of_address(db, &person.email, reader_language).await?;
    data.account = Some(AccountRecord {
        email: person.email.clone(),
        display_name: person.display_name.clone(),
        language: person.locale.clone(),
        created_at: at(person.created_at),
    });
    data.sessions = session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .order_by_asc(session::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|s| SessionRecord {
            id: s.id,
            created_at: at(s.created_at),
            last_seen_at: at(s.last_seen_at),
            expires_at: at(s.expires_at),
        })
        .collect();
    data.api_tokens = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_asc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|t| ApiTokenRecord {
            name: t.name,
            scopes: t.scopes,
            created_at: at(t.created_at),
            last_used_at: t.last_used_at.map(at),
        })
        .collect();
    data.calendar_address_since = calendar_link::Entity::find()
        .filter(calendar_link::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .map(|link| at(link.created_at));
    // Replies held by the account, besides those made with its address.
    let by_account = rsvp::Entity::find()
        .filter(rsvp::Column::UserId.eq(user_id))
        .filter(
            Condition::any()
                .add(rsvp::Column::Email.is_null())
                .add(rsvp::Column::Email.ne(person.email.as_str())),
        )
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?;
    for reply in by_account {
        data.replies
            .push(reply_record(db, &mut titles, reply).await?);
    }
    for signup in role_signup::Entity::find()
        .filter(role_signup::Column::UserId.eq(user_id))
        .order_by_asc(role_signup::Column::Id)
        .all(db)
        .await?
    {
        let role = volunteer_role::Entity::find_by_id(signup.role_id)
            .one(db)
            .await?;
        let (gathering, title, date) = titles.of_date(db, signup.occurrence_id).await?;
        data.volunteering.push(VolunteerRecord {
            public_id: signup.public_id,
            gathering,
            title,
            role: role.map(|r| r.name).unwrap_or_default(),
            date,
            status: signup.status.as_str().into(),
            created_at: at(signup.created_at),
        });
    }
    for member in host_member::Entity::find()
        .filter(host_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
    {
        let (slug, name) = host_names(db, member.host_id).await?;
        data.hosts.push(MembershipRecord {
            slug,
            name,
            role: member.role,
            since: at(member.created_at),
        });
    }
    for member in office_member::Entity::find()
        .filter(office_member::Column::UserId.eq(user_id))
        .all(db)
        .await?
    {
        let (slug, name) = office_names(db, member.office_id).await?;
        data.offices.push(MembershipRecord {
            slug,
            name,
            role: String::new(),
            since: at(member.created_at),
        });
    }
    for invitation in host_invitation::Entity::find()
        .filter(host_invitation::Column::InvitedBy.eq(user_id))
        .order_by_asc(host_invitation::Column::Id)
        .all(db)
        .await?
    {
        data.team_invitations_sent
            .push(invitation_record(db, invitation).await?);
    }
    for partner in event_cohost::Entity::find()
        .filter(event_cohost::Column::InvitedBy.eq(user_id))
        .all(db)
        .await?
    {
        let (gathering, _) = titles.of_event(db, partner.event_id).await?;
        data.partner_invitations_sent.push(PartnerInvitationRecord {
            gathering,
            partner: host_names(db, partner.host_id).await?.0,
            status: partner.status.as_str().into(),
            created_at: at(partner.created_at),
        });
    }
    for created in sponsorship::Entity::find()
        .filter(sponsorship::Column::CreatedBy.eq(user_id))
        .all(db)
        .await?
    {
        data.sponsorships_created.push(SponsorshipActionRecord {
            id: created.id.0,
            office: office_names(db, created.office_id).await?.0,
            gathering: titles.of_event(db, created.event_id).await?.0,
            action: created.status.as_str().into(),
            at: at(created.created_at),
        });
    }
    for action in sponsorship_audit::Entity::find()
        .filter(
            Condition::any()
                .add(sponsorship_audit::Column::ActorId.eq(user_id))
                .add(sponsorship_audit::Column::ActorEmail.eq(person.email.as_str())),
        )
        .order_by_asc(sponsorship_audit::Column::Id)
        .all(db)
        .await?
    {
        data.sponsorship_actions.push(SponsorshipActionRecord {
            id: action.id,
            office: office_names(db, action.office_id).await?.0,
            gathering: titles.of_event(db, action.event_id).await?.0,
            action: action.action,
            at: at(action.at),
        });
    }
    for download in attendee_list_download::Entity::find()
        .filter(attendee_list_download::Column::UserId.eq(user_id))
        .order_by_asc(attendee_list_download::Column::Id)
        .all(db)
        .await?
    {
        data.attendee_list_downloads.push(DownloadRecord {
            id: download.id,
            gathering: titles.of_event(db, download.event_id).await?.0,
            at: at(download.at),
        });
    }
    Ok(Some(data))
}

/// Everything held under the email address `email` (a guest who replied
/// without an account asks for this by email): replies made with it,
/// team invitations to it, sign-in links and emails sent to it.
pub async fn of_address<C: ConnectionTrait>(
    db: &C,
    email: &str,
    reader_language: &str,
) -> Result<MyData, DbErr> {
    let mut titles = Titles::new(reader_language);
    let mut data = MyData::default();
    for reply in rsvp::Entity::find()
        .filter(rsvp::Column::Email.eq(email))
        .order_by_asc(rsvp::Column::Id)
        .all(db)
        .await?
    {
        data.replies
            .push(reply_record(db, &mut titles, reply).await?);
    }
    for invitation in host_invitation::Entity::find()
        .filter(host_invitation::Column::Email.eq(email))
        .order_by_asc(host_invitation::Column::Id)
        .all(db)
        .await?
    {
        data.team_invitations_received
            .push(invitation_record(db, invitation).await?);
    }
    data.sign_in_links = sign_in_link::Entity::find()
        .filter(sign_in_link::Column::Email.eq(email))
        .order_by_asc(sign_in_link::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|link| LinkRecord {
            id: link.id,
            created_at: at(link.created_at),
            expires_at: at(link.expires_at),
            used_at: link.used_at.map(at),
        })
        .collect();
    data.sign_in_links.extend(
        guest_data_link::Entity::find()
            .filter(guest_data_link::Column::Email.eq(email))
            .order_by_asc(guest_data_link::Column::Id)
            .all(db)
            .await?
            .into_iter()
            .map(|link| LinkRecord {
                id: link.id,
                created_at: at(link.created_at),
                expires_at: at(link.expires_at),
                used_at: None,
            }),
    );
    data.emails = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.eq(email))
        .order_by_asc(outbox_message::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|message| EmailRecord {
            id: message.id,
            subject: message.subject,
            created_at: at(message.created_at),
            sent_at: message.sent_at.map(at),
        })
        .collect();
    Ok(data)
}

async fn reply_record<C: ConnectionTrait>(
    db: &C,
    titles: &mut Titles,
    reply: rsvp::Model,
) -> Result<ReplyRecord, DbErr> {
    let (gathering, title, date) = titles.of_date(db, reply.occurrence_id).await?;
    Ok(ReplyRecord {
        public_id: reply.public_id,
        gathering,
        title,
        date,
        status: reply.status.as_str().into(),
        party: reply.party,
        name: reply.name,
        email: reply.email,
        language: reply.locale,
        created_at: at(reply.created_at),
    })
}

async fn invitation_record<C: ConnectionTrait>(
    db: &C,
    invitation: host_invitation::Model,
) -> Result<InvitationRecord, DbErr> {
    Ok(InvitationRecord {
        id: invitation.id,
        host: host_names(db, invitation.host_id).await?.0,
        email: invitation.email,
        role: invitation.role,
        created_at: at(invitation.created_at),
        expires_at: at(invitation.expires_at),
        accepted_at: invitation.accepted_at.map(at),
    })
}

async fn host_names<C: ConnectionTrait>(db: &C, id: HostId) -> Result<(String, String), DbErr> {
    Ok(host::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|h| (h.slug, h.name))
        .unwrap_or_default())
}

async fn office_names<C: ConnectionTrait>(db: &C, id: OfficeId) -> Result<(String, String), DbErr> {
    Ok(city_office::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(|o| (o.slug, o.name))
        .unwrap_or_default())
}

/// Gatherings' public ids and titles, each looked up once.
struct Titles {
    reader_language: String,
    events: Vec<(EventId, String, String)>,
}

impl Titles {
    fn new(reader_language: &str) -> Self {
        Self {
            reader_language: reader_language.into(),
            events: Vec::new(),
        }
    }

    async fn of_event<C: ConnectionTrait>(
        &mut self,
        db: &C,
        id: EventId,
    ) -> Result<(String, String), DbErr> {
        if let Some((_, public_id, title)) = self.events.iter().find(|(e, _, _)| *e == id) {
            return Ok((public_id.clone(), title.clone()));
        }
        let Some(found) = event::Entity::find_by_id(id).one(db).await? else {
            return Ok(Default::default());
        };
        let title = crate::backend::event_texts::for_reader(db, &found, &self.reader_language)
            .await?
            .map(|t| t.title)
            .unwrap_or_default();
        self.events
            .push((id, found.public_id.clone(), title.clone()));
        Ok((found.public_id, title))
    }

    /// The gathering's public id and title, and the date's start.
    async fn of_date<C: ConnectionTrait>(
        &mut self,
        db: &C,
        id: OccurrenceId,
    ) -> Result<(String, String, String), DbErr> {
        let Some(date) = occurrence::Entity::find_by_id(id).one(db).await? else {
            return Ok(Default::default());
        };
        let (gathering, title) = self.of_event(db, date.event_id).await?;
        Ok((gathering, title, at(date.starts_at)))
    }
}
