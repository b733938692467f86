use sea_orm::entity::prelude::*;

/// What a moderator or administrator did: who, what, when, why. Names
/// what was acted on in words, so it outlives it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "moderation_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The moderator's email address at the time.
    pub actor: String,
    /// `ModerationAction::as_str`.
    pub action: String,
    /// What it was done to, e.g. `gathering abc123 "Soup night"`.
    pub subject: String,
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
