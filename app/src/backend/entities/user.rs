use sea_orm::entity::prelude::*;

/// Someone who signs in. Only what sign-in and email need: no profile.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::UserId,
    /// Lower-cased.
    #[sea_orm(unique)]
    pub email: String,
    pub display_name: Option<String>,
    /// The language their emails are written in (last one they used).
    pub locale: String,
    pub created_at: DateTimeUtc,
    /// Suspended by a moderator: signing in is refused.
    pub suspended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
