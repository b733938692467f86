use sea_orm::entity::prelude::*;

/// The key of one follow-up email: its hash, its date, whether it was
/// used. Nothing here names the reply it went to (`backend::follow_up`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "follow_up_keys")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub key_hash: String,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    pub answered: bool,
    /// The same for every key of a date.
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
