use sea_orm::entity::prelude::*;

/// How many slots of a role are taken on one date; a CHECK keeps `taken`
/// at or below `slots`.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_slots")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub role_id: crate::domain::ids::RoleId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub slots: i32,
    pub taken: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
