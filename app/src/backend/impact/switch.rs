//! Switching a public impact page on or off (the callers checked that the
//! viewer owns the host or is a member of the office).

use crate::backend::entities::{city_office, host};
use crate::domain::ids::{HostId, OfficeId};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, sea_query::Expr};

pub async fn host<C: ConnectionTrait>(db: &C, id: HostId, public: bool) -> Result<(), DbErr> {
    host::Entity::update_many()
        .col_expr(host::Column::ImpactPublic, Expr::value(public))
        .filter(host::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn office<C: ConnectionTrait>(db: &C, id: OfficeId, public: bool) -> Result<(), DbErr> {
    city_office::Entity::update_many()
        .col_expr(city_office::Column::ImpactPublic, Expr::value(public))
        .filter(city_office::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}
