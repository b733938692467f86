//! The installation's settings, stored in `instance_meta` so that every
//! server process reads one value: how long guests are remembered
//! (`privacy::settings`) and who may publish (`moderation::settings`).

use crate::backend::entities::instance_meta;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, sea_query::OnConflict};

/// The stored value of `key`, if any.
pub async fn read<C: ConnectionTrait>(db: &C, key: &str) -> Result<Option<String>, DbErr> {
    Ok(instance_meta::Entity::find_by_id(key)
        .one(db)
        .await?
        .map(|row| row.value))
}

/// Stores `value` under `key`, replacing what was there.
pub async fn write<C: ConnectionTrait>(
    db: &C,
    key: &str,
    value: &str,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    instance_meta::Entity::insert(instance_meta::ActiveModel {
        key: Set(key.into()),
        value: Set(value.into()),
        updated_at: Set(at),
    })
    .on_conflict(
        OnConflict::column(instance_meta::Column::Key)
            .update_columns([
                instance_meta::Column::Value,
                instance_meta::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
