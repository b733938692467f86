use sea_orm::entity::prelude::*;

/// A gathering: one-off, or a series with a recurrence rule. Its dates are
/// in `occurrence`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::EventId,
    /// The unguessable id in public URLs.
    #[sea_orm(unique)]
    pub public_id: String,
    pub host_id: crate::domain::ids::HostId,
    pub place_id: i64,
    pub default_language: String,
    /// Bit set of `domain::category::Category`.
    pub categories: i32,
    /// Bit set of `domain::accessibility::AccessibilityFeature`.
    pub accessibility: i32,
    pub is_free: bool,
    pub family_friendly: bool,
    pub capacity: Option<i32>,
    /// `public`, or `guests` (exact address only for confirmed guests).
    pub address_visibility: String,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::status::GatheringStatus,
    pub recurrence: Option<String>,
    pub time_zone: String,
    /// A series' first start and end, local time `YYYY-MM-DDTHH:MM:SS`:
    /// the template its rule repeats.
    pub series_start: Option<String>,
    pub series_end: Option<String>,
    /// How far ahead a series' occurrences are written (see `backend::gatherings`).
    pub scheduled_until: Option<DateTimeUtc>,
    /// Bit set of `domain::reply::ReplyMode`: how people may say they come.
    pub rsvp_modes: i32,
    /// How many people one person may bring.
    pub max_guests: i32,
    /// RSVPs close this many minutes before the start.
    pub rsvp_closes_minutes: i32,
    /// Volunteers do not take seats (by default they count as coming).
    pub roles_separate: bool,
    /// A reminder this many hours before the start; 0 for none.
    pub reminder_hours: i32,
    /// Organisers approve each reply before it takes a seat.
    pub requires_approval: bool,
    /// At most this many places of each date go to replies without an
    /// account (device or email); `None`: no cap.
    pub places_without_account: Option<i32>,
    /// Public only while `Visible` (see `gatherings::visibility`).
    pub moderation: crate::domain::moderation::Moderation,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::host::Entity",
        from = "Column::HostId",
        to = "super::host::Column::Id"
    )]
    Host,
    #[sea_orm(
        belongs_to = "super::place::Entity",
        from = "Column::PlaceId",
        to = "super::place::Column::Id"
    )]
    Place,
    #[sea_orm(has_many = "super::event_text::Entity")]
    EventText,
    #[sea_orm(has_many = "super::event_language::Entity")]
    EventLanguage,
    #[sea_orm(has_many = "super::occurrence::Entity")]
    Occurrence,
    #[sea_orm(has_one = "super::event_picture::Entity")]
    EventPicture,
}

impl Related<super::host::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Host.def()
    }
}

impl Related<super::place::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Place.def()
    }
}

impl Related<super::event_text::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventText.def()
    }
}

impl Related<super::event_language::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::EventLanguage.def()
    }
}

impl Related<super::occurrence::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Occurrence.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
