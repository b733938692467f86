use sea_orm::entity::prelude::*;

/// People who came to a date without replying: a number, never a name.
/// One row per tap at the door, keyed by the page that sent it, so a tap
/// sent twice counts once.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "walk_ins")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key: String,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub people: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
