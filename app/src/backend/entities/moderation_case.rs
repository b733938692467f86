use sea_orm::entity::prelude::*;

/// The reports about one gathering or one host page, worked as one case.
/// At most one case that is not closed per gathering and per host (a
/// unique index each).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The gathering reported, or
    pub event_id: Option<crate::domain::ids::EventId>,
    /// the host reported (exactly one of the two).
    pub host_id: Option<crate::domain::ids::HostId>,
    pub state: crate::domain::moderation::CaseState,
    /// The moderator who took it.
    pub assignee_id: Option<crate::domain::ids::UserId>,
    pub opened_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
