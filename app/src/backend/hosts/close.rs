//! Closing a host, the way out for its last owner who wants to delete
//! their account: every gathering is cancelled (guests who gave an address
//! are told, and the pages stay, marked cancelled, for those who planned
//! to come), its gatherings' pictures are removed, then the team and its
//! pending invitations go and the host is marked closed. Figures already
//! counted stay.

use crate::backend::entities::{event, host, host_invitation, host_member};
use crate::backend::gatherings::manage::cancel_series_within;
use crate::domain::ids::HostId;
use crate::domain::status::GatheringStatus;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, sea_query::Expr,
};

pub async fn close(
    db: &DatabaseConnection,
    public_url: &str,
    host_id: HostId,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    // One transaction: a gathering created meanwhile is either cancelled
    // here too or created after the team is gone (and so never).
    let txn = crate::backend::transaction::begin_write(db).await?;
    let gatherings: Vec<crate::domain::ids::EventId> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::HostId.eq(host_id))
        .filter(event::Column::Status.ne(GatheringStatus::Cancelled))
        .into_tuple()
        .all(&txn)
        .await?;
    for event_id in gatherings {
        cancel_series_within(&txn, public_url, event_id, now).await?;
    }
    // Its pictures may show people; with no team left, nobody could take
    // them down later.
    let all: Vec<crate::domain::ids::EventId> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::HostId.eq(host_id))
        .into_tuple()
        .all(&txn)
        .await?;
    for event_id in all {
        crate::backend::pictures::store::remove_in(&txn, event_id).await?;
    }
    host_invitation::Entity::delete_many()
        .filter(host_invitation::Column::HostId.eq(host_id))
        .exec(&txn)
        .await?;
    host_member::Entity::delete_many()
        .filter(host_member::Column::HostId.eq(host_id))
        .exec(&txn)
        .await?;
    host::Entity::update_many()
        .col_expr(host::Column::ClosedAt, Expr::value(now))
        .filter(host::Column::Id.eq(host_id))
        .exec(&txn)
        .await?;
    txn.commit().await
}
