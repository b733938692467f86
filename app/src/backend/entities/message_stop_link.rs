use sea_orm::entity::prelude::*;

/// The link in one message from organisers that stops such messages: its
/// token's hash and the reply or sign-up it went to (`backend::messages`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "message_stop_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub rsvp_id: Option<i64>,
    pub signup_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
