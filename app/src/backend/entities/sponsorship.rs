use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sponsorships")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::SponsorshipId,
    pub office_id: crate::domain::ids::OfficeId,
    pub event_id: crate::domain::ids::EventId,
    /// `None`: the whole series.
    pub occurrence_id: Option<crate::domain::ids::OccurrenceId>,
    pub note: String,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::status::SponsorshipStatus,
    pub created_by: Option<crate::domain::ids::UserId>,
    pub created_at: DateTimeUtc,
    pub ended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
