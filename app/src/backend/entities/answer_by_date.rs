use sea_orm::entity::prelude::*;

/// How many people gave one answer to one optional question for one date
/// (`backend::answers`). A counter, never a row per person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "answers_by_date")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub question: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub answer: String,
    pub people: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
