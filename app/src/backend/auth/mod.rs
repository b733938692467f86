//! Who is signed in: passwordless sign-in by emailed link (`sign_in`) and
//! database sessions (`session`). Permission checks live with each area
//! (`backend::hosts::permissions`), and all start from a [`Viewer`].

pub mod api_token;
pub mod session;
pub mod sign_in;

/// The person making a request: found from the session cookie, or from an
/// organiser's API token (`api_token`), which acts for its person with the
/// same permission checks. Requests with neither have no `Viewer`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Viewer {
    pub user_id: crate::domain::ids::UserId,
    pub email: String,
    pub display_name: Option<String>,
}

impl Viewer {
    /// How they are shown to their teammates: their chosen name, else their
    /// address.
    pub fn shown_name(&self) -> &str {
        self.display_name.as_deref().unwrap_or(&self.email)
    }
}

/// The account of `email`, made now if the person never signed in (they
/// sign in with this address later): for roles given by others, such as a
/// city office's membership or a moderator's role.
pub async fn account_of<C: sea_orm::ConnectionTrait>(
    conn: &C,
    email: &crate::domain::email_address::EmailAddress,
) -> Result<super::entities::user::Model, sea_orm::DbErr> {
    use super::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
    user::Entity::insert(user::ActiveModel {
        email: Set(email.as_str().into()),
        locale: Set("en".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    })
    .on_conflict_do_nothing_on([user::Column::Email])
    .exec(conn)
    .await?;
    user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?
        .ok_or_else(|| sea_orm::DbErr::RecordNotFound("user".into()))
}
