use sea_orm::entity::prelude::*;

/// A gathering's cover picture: what it shows, in words, and which files
/// (`event_picture_files`) draw it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_pictures")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: crate::domain::ids::EventId,
    /// The organiser's description, for people who cannot see it.
    pub alt_text: String,
    /// Names this picture in its URLs, so a new picture gets new URLs.
    pub digest: String,
    /// The shape at its largest kept width.
    pub width: i32,
    pub height: i32,
    pub updated_at: DateTimeUtc,
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
