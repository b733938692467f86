use sea_orm::entity::prelude::*;

/// A language people will speak at the gathering.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "event_languages")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub event_id: crate::domain::ids::EventId,
    #[sea_orm(primary_key, auto_increment = false)]
    pub language: String,
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
