//! How full the outbox is, for the operator's metrics: emails waiting to be
//! sent, how long the oldest has waited, and those given up on.

use crate::backend::entities::outbox_message::{Column, Entity};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Depth {
    /// Neither sent nor given up on.
    pub waiting: u64,
    /// When the oldest of them was written.
    pub oldest_waiting_since: Option<DateTime<Utc>>,
    /// Given up on after every retry, and still kept for looking into.
    pub given_up: u64,
}

pub async fn of<C: ConnectionTrait>(conn: &C) -> Result<Depth, DbErr> {
    let waiting = || {
        Entity::find()
            .filter(Column::SentAt.is_null())
            .filter(Column::FailedAt.is_null())
    };
    let oldest_waiting_since = waiting()
        .select_only()
        .column(Column::CreatedAt)
        .order_by_asc(Column::CreatedAt)
        .into_tuple::<DateTime<Utc>>()
        .one(conn)
        .await?;
    Ok(Depth {
        waiting: waiting().count(conn).await?,
        oldest_waiting_since,
        given_up: Entity::find()
            .filter(Column::FailedAt.is_not_null())
            .count(conn)
            .await?,
    })
}
