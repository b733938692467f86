//! Where a gathering's picture is kept: in the database, so that every
//! server process sharing it serves the same files, under addresses that
//! name their content (`?v=<digest>`), so browsers may cache them for good.

use super::Renditions;
use crate::backend::entities::{event_picture, event_picture_file};
use crate::backend::transaction::begin_write;
use crate::domain::ids::EventId;
use crate::domain::picture::{AltText, kept_widths};
use crate::views::picture::PictureView;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, Set,
    sea_query::{Expr, OnConflict, Query, SelectStatement},
};

/// Sets (or replaces) the picture of `event_id`: its files and its
/// description together, or nothing.
pub async fn save(
    db: &DatabaseConnection,
    event_id: EventId,
    alt: AltText,
    pictures: Renditions,
) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    save_in(&txn, event_id, alt, pictures).await?;
    txn.commit().await
}

/// [`save`] inside the caller's transaction (the demo data).
pub async fn save_in(
    txn: &impl ConnectionTrait,
    event_id: EventId,
    alt: AltText,
    pictures: Renditions,
) -> Result<(), DbErr> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (_, _, file) in &pictures.files {
        hash.update(file);
    }
    let digest = hex::encode(hash.finalize())[..16].to_string();
    // The picture's row first, written whether or not there is one: it
    // holds the row's lock, so a second upload to the same gathering at
    // the same moment waits here and then replaces these files, instead
    // of colliding with them (PostgreSQL; SQLite's write lock already
    // serialises the two).
    event_picture::Entity::insert(event_picture::ActiveModel {
        event_id: Set(event_id),
        alt_text: Set(alt.into_string()),
        digest: Set(digest),
        width: Set(pictures.width as i32),
        height: Set(pictures.height as i32),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(event_picture::Column::EventId)
            .update_columns([
                event_picture::Column::AltText,
                event_picture::Column::Digest,
                event_picture::Column::Width,
                event_picture::Column::Height,
                event_picture::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(txn)
    .await?;
    event_picture_file::Entity::delete_many()
        .filter(event_picture_file::Column::EventId.eq(event_id))
        .exec(txn)
        .await?;
    for (width, height, bytes) in pictures.files {
        event_picture_file::ActiveModel {
            event_id: Set(event_id),
            width: Set(width as i32),
            height: Set(height as i32),
            bytes: Set(bytes),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Removes the picture of `event_id` (its files go with it).
pub async fn remove(db: &DatabaseConnection, event_id: EventId) -> Result<(), DbErr> {
    let txn = begin_write(db).await?;
    remove_in(&txn, event_id).await?;
    txn.commit().await
}

/// [`remove`] inside the caller's transaction (a host that closes).
pub async fn remove_in(txn: &impl ConnectionTrait, event_id: EventId) -> Result<(), DbErr> {
    event_picture_file::Entity::delete_many()
        .filter(event_picture_file::Column::EventId.eq(event_id))
        .exec(txn)
        .await?;
    event_picture::Entity::delete_by_id(event_id)
        .exec(txn)
        .await?;
    Ok(())
}

/// The picture of `event_id` as pages show it, without reading its files.
pub async fn view_of(
    db: &impl ConnectionTrait,
    event_id: EventId,
    public_id: &str,
) -> Result<Option<PictureView>, DbErr> {
    Ok(event_picture::Entity::find_by_id(event_id)
        .one(db)
        .await?
        .map(|row| view(public_id, &row.digest, &row.alt_text, row.width, row.height)))
}

/// The row of the picture of the gathering `event` (a bound id, or the
/// column of an outer statement), if it has one, for a page to ask
/// [`view_of`] only then.
pub fn any_of(event: impl Into<Expr>) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .expr(Expr::val(1))
        .from(event_picture::Entity)
        .and_where(Expr::col((event_picture::Entity, event_picture::Column::EventId)).eq(event))
        .to_owned()
}

/// A picture's view from its stored row: each kept width follows from the
/// widest one (`domain::picture::kept_widths`).
pub fn view(public_id: &str, digest: &str, alt: &str, width: i32, height: i32) -> PictureView {
    let (width, height) = (width.max(1) as u32, height.max(1) as u32);
    PictureView {
        alt: alt.to_string(),
        width,
        height,
        files: kept_widths(width)
            .into_iter()
            .map(|kept| (kept, url(public_id, kept, digest)))
            .collect(),
    }
}

/// Where the picture of the gathering `public_id` is served at `width`.
pub fn url(public_id: &str, width: u32, digest: &str) -> String {
    format!("/events/{public_id}/picture/{width}?v={digest}")
}

/// The file of `event_id`'s picture at `width`, to serve, when `digest`
/// names its current picture (pages only link a picture with its digest:
/// another one is an old picture's address, or one made up to get past a
/// cache, and its bytes are not read).
pub async fn file(
    db: &DatabaseConnection,
    event_id: EventId,
    width: i32,
    digest: &str,
) -> Result<Option<Vec<u8>>, DbErr> {
    let current = event_picture::Entity::find_by_id(event_id)
        .filter(event_picture::Column::Digest.eq(digest))
        .one(db)
        .await?;
    if current.is_none() {
        return Ok(None);
    }
    Ok(event_picture_file::Entity::find_by_id((event_id, width))
        .one(db)
        .await?
        .map(|file| file.bytes))
}
