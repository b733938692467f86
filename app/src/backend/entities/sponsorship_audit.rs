use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sponsorship_audit")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `None` once the sponsorship itself was removed with its date.
    pub sponsorship_id: Option<crate::domain::ids::SponsorshipId>,
    pub office_id: crate::domain::ids::OfficeId,
    pub event_id: crate::domain::ids::EventId,
    pub actor_id: Option<crate::domain::ids::UserId>,
    pub actor_email: String,
    /// `sponsored`, `declined` or `ended`.
    pub action: String,
    pub detail: String,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
