use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "office_members")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub office_id: crate::domain::ids::OfficeId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub user_id: crate::domain::ids::UserId,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
