use sea_orm::entity::prelude::*;

/// A gathering's title and Markdown description in one language.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_texts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: crate::domain::ids::EventId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
    pub title: String,
    pub description: String,
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
