use sea_orm::entity::prelude::*;

/// A gathering's picture at one width, as a JPEG file.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_picture_files")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: crate::domain::ids::EventId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub width: i32,
    pub height: i32,
    pub bytes: Vec<u8>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
