use sea_orm::entity::prelude::*;

/// One download of a gathering's attendee list: who, when. `user_id` is
/// NULL once that person deleted their account ("a former member").
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "attendee_list_downloads")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub event_id: crate::domain::ids::EventId,
    pub user_id: Option<crate::domain::ids::UserId>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
