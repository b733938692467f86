use sea_orm::entity::prelude::*;

/// One date of a gathering, in UTC.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "occurrences")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::OccurrenceId,
    pub event_id: crate::domain::ids::EventId,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::status::DateStatus,
    /// The place's position, copied for the search index.
    #[sea_orm(column_type = "Double")]
    pub latitude: f64,
    #[sea_orm(column_type = "Double")]
    pub longitude: f64,
    /// H3 cells of the position (see `backend::search::cells`).
    pub cell_r3: i64,
    pub cell_r4: i64,
    pub cell_r5: i64,
    pub cell_r6: i64,
    /// Changed on its own; a regenerated series leaves it alone.
    pub detached: bool,
    /// When the people who replied to or volunteered for this date were
    /// erased (`backend::privacy::forget`); NULL: not yet.
    pub guests_forgotten_at: Option<DateTimeUtc>,
    /// How many times the date changed (moved, cancelled): the iCalendar
    /// SEQUENCE, so calendar apps replace their copy.
    pub sequence: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::event::Entity",
        from = "Column::EventId",
        to = "super::event::Column::Id"
    )]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
