use sea_orm::entity::prelude::*;

/// A partner host credited on a gathering; public only once `accepted`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_cohosts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: crate::domain::ids::EventId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub host_id: crate::domain::ids::HostId,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::status::PartnerStatus,
    /// NULL once the inviting organiser deleted their account.
    pub invited_by: Option<crate::domain::ids::UserId>,
    pub created_at: DateTimeUtc,
    pub responded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
