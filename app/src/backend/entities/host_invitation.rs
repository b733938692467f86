use sea_orm::entity::prelude::*;

/// An emailed invitation to join a host's team.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "host_invitations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub host_id: crate::domain::ids::HostId,
    pub email: String,
    pub role: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub invited_by: crate::domain::ids::UserId,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub accepted_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
