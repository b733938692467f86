use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "hosts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::HostId,
    #[sea_orm(unique)]
    pub slug: String,
    pub name: String,
    pub description: String,
    /// One web link per line, in the host's order.
    pub links: String,
    pub created_at: DateTimeUtc,
    /// Days after each date its guests are forgotten, when the host wants
    /// it sooner than the installation; NULL: the installation's setting.
    pub forget_guests_after_days: Option<i32>,
    /// When its last owner closed it: gatherings cancelled, team gone.
    pub closed_at: Option<DateTimeUtc>,
    /// Suspended by a moderator: its page and gatherings are hidden and its
    /// team may not change anything.
    pub suspended_at: Option<DateTimeUtc>,
    /// Approved by a moderator: publishes at once whatever the
    /// installation's `PublishPolicy`.
    pub approved_at: Option<DateTimeUtc>,
    /// Its impact page is shown to everyone (`backend::impact`).
    pub impact_public: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::event::Entity")]
    Event,
}

impl Related<super::event::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Event.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
