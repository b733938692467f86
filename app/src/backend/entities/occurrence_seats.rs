use sea_orm::entity::prelude::*;

/// How many people are going to one date, kept at or below its capacity
/// by a CHECK constraint (see the migration), and how many replies wait
/// for it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "occurrence_seats")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub capacity: Option<i32>,
    pub going: i32,
    /// Replies on its waitlist, kept by triggers on `rsvps` (migration
    /// 21); written by no code.
    pub waiting: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
