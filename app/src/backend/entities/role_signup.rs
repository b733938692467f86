use sea_orm::entity::prelude::*;

/// Someone volunteering in a role on one date.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "role_signups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub public_id: String,
    pub role_id: crate::domain::ids::RoleId,
    pub occurrence_id: crate::domain::ids::OccurrenceId,
    /// NULL once the volunteer was forgotten after the date, or deleted
    /// their account: the sign-up still counts, but names no one.
    pub user_id: Option<crate::domain::ids::UserId>,
    /// Stored as text (see `stored_status`).
    pub status: crate::domain::status::SignupStatus,
    /// Also counts as a seat (the organisers did not keep roles apart).
    pub holds_seat: bool,
    pub created_at: DateTimeUtc,
    pub reminded_at: Option<DateTimeUtc>,
    /// When an organiser let this volunteer (of a role at the door) check
    /// guests in; `None`: not (yet).
    pub door_approved_at: Option<DateTimeUtc>,
    /// They stopped messages from the organisers.
    pub messages_off: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
