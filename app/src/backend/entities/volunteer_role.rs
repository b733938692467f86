use sea_orm::entity::prelude::*;

/// A way to help at a gathering (cook, interpreter, welcomer), with a
/// number of slots on every date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "volunteer_roles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: crate::domain::ids::RoleId,
    pub event_id: crate::domain::ids::EventId,
    pub name: String,
    pub description: String,
    pub slots: i32,
    /// Local `HH:MM`, when the role has a shift of its own.
    pub shift_start: Option<String>,
    pub shift_end: Option<String>,
    /// Its volunteers help at the door: they may open the check-in page
    /// of the dates they signed up for.
    pub at_door: bool,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
