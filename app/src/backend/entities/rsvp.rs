use sea_orm::entity::prelude::*;

/// Someone coming to one date of a gathering, with their party. Held by an
/// account, an email address (confirmed by link) or a device token; only
/// hashes of the tokens are stored.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rsvps")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// For links; never shown publicly.
    #[sea_orm(unique)]
    pub public_id: String,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub user_id: Option<crate::domain::ids::UserId>,
    pub email: Option<String>,
    pub device_hash: Option<String>,
    /// Optional, for the organiser's list.
    pub name: Option<String>,
    /// 1 + the people they bring.
    pub party: i32,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::reply::ReplyStatus,
    pub confirm_hash: Option<String>,
    pub cancel_hash: String,
    /// The language of their emails.
    pub locale: String,
    pub created_at: DateTimeUtc,
    pub updated_at: Option<DateTimeUtc>,
    /// When the reminder went out (at most one).
    pub reminded_at: Option<DateTimeUtc>,
    /// How many of the party were checked in at the door (`None`: not
    /// checked in); at most `party`.
    pub checked_in: Option<i32>,
    pub checked_in_at: Option<DateTimeUtc>,
    /// The question about time around here was put to this reply (never
    /// what it answered: see `backend::answers`).
    pub asked_time_around: bool,
    /// They asked to be asked afterwards how it went (`backend::follow_up`).
    pub follow_up_wanted: bool,
    /// Their follow-up email was written (at most one).
    pub follow_up_sent: bool,
    /// They stopped messages from the organisers (never the essential
    /// emails).
    pub messages_off: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
