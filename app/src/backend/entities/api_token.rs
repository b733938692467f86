use sea_orm::entity::prelude::*;

/// An organiser's token for the public API's writes. The person saw the
/// token once; this row holds its hash and what it may do.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub user_id: crate::domain::ids::UserId,
    pub name: String,
    #[sea_orm(unique)]
    pub token_hash: String,
    /// Space-separated `domain::api_scope::ApiScope`s.
    pub scopes: String,
    pub created_at: DateTimeUtc,
    pub last_used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
