use sea_orm::entity::prelude::*;

/// The cancel link in one of a reply's later emails: its token's hash and
/// the reply (the first email's is `rsvp::Model::cancel_hash`;
/// `backend::replies::cancel_links`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rsvp_cancel_links")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub hash: String,
    pub rsvp_id: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
