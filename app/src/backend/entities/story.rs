use sea_orm::entity::prelude::*;

/// A guest's story of a date, kept apart from whoever wrote it: found by
/// a second hash of their follow-up key, never by a reply or a person.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "stories")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    #[sea_orm(unique)]
    pub key_hash: String,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub event_id: crate::domain::ids::EventId,
    pub body: String,
    /// The language of the page it was written on.
    pub language: String,
    /// `domain::follow_up::ShownAs`, as stored.
    pub shown_as: String,
    pub first_name: Option<String>,
    /// `domain::follow_up::StoryStatus`, as stored.
    pub status: String,
    /// The day it was written (midnight UTC): no closer time is kept.
    pub written_on: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
