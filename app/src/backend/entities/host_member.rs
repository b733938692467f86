use sea_orm::entity::prelude::*;

/// Who runs a host, and as what (`owner` or `organiser`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "host_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub host_id: crate::domain::ids::HostId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: crate::domain::ids::UserId,
    pub role: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::user::Entity",
        from = "Column::UserId",
        to = "super::user::Column::Id"
    )]
    User,
}

impl Related<super::user::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::User.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
