use sea_orm::entity::prelude::*;

/// A message the organisers of a gathering sent to the people of one date
/// (`backend::messages`), kept for them.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "organiser_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub event_id: crate::domain::ids::EventId,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    /// `coming`, `waiting` or `volunteers` (see `domain::organiser_message`).
    pub audience: String,
    /// For volunteers of one role.
    pub role_id: Option<crate::domain::ids::RoleId>,
    pub body: String,
    /// The organiser who wrote it (`None` once their account is deleted).
    pub sent_by: Option<crate::domain::ids::UserId>,
    /// How many emails it was sent as.
    pub recipients: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
