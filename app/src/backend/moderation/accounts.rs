//! Accounts a moderator suspended: signing in is refused, sessions and API
//! tokens stop working.

use crate::backend::entities::user;
use crate::domain::ids::UserId;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QuerySelect};

pub async fn is_suspended<C: ConnectionTrait>(conn: &C, user_id: UserId) -> Result<bool, DbErr> {
    Ok(user::Entity::find_by_id(user_id)
        .select_only()
        .column(user::Column::SuspendedAt)
        .into_tuple::<Option<chrono::DateTime<chrono::Utc>>>()
        .one(conn)
        .await?
        .flatten()
        .is_some())
}
