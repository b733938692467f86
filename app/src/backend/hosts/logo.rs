//! A host's optional logo: checked and cleaned of metadata on upload
//! (`backend::image_upload`), stored in the database (so every server
//! process sharing it serves the same file), and served under a URL that
//! names its content, so browsers may cache it for good.

use crate::backend::{
    entities::host_logo,
    image_upload::{self, CleanImage},
};
use crate::domain::ids::HostId;
use chrono::Utc;
use sea_orm::{
    ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect, Set,
    sea_query::OnConflict,
};

use crate::domain::logo::{MAX_BYTES, MAX_SIDE};

pub use crate::domain::refusals::LogoProblem;

/// What a page needs to show the logo: its URL, and its shape so the page
/// can reserve the space.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogoInfo {
    pub digest: String,
    pub width: i32,
    pub height: i32,
}

/// Checks an uploaded file; metadata is removed.
pub fn check(bytes: &[u8]) -> Result<CleanImage, LogoProblem> {
    if bytes.is_empty() {
        return Err(LogoProblem::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(LogoProblem::TooLarge);
    }
    let image = image_upload::clean(bytes).map_err(|_| LogoProblem::NotAnImage)?;
    if image.width > MAX_SIDE || image.height > MAX_SIDE {
        return Err(LogoProblem::TooManyPixels);
    }
    Ok(image)
}

/// Sets (or replaces) the logo of `host_id`.
pub async fn save(
    db: &DatabaseConnection,
    host_id: HostId,
    image: CleanImage,
) -> Result<(), DbErr> {
    use sha2::{Digest, Sha256};
    let digest = hex::encode(Sha256::digest(&image.bytes))[..16].to_string();
    host_logo::Entity::insert(host_logo::ActiveModel {
        host_id: Set(host_id),
        content_type: Set(image.content_type.into()),
        width: Set(image.width as i32),
        height: Set(image.height as i32),
        bytes: Set(image.bytes),
        digest: Set(digest),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(host_logo::Column::HostId)
            .update_columns([
                host_logo::Column::ContentType,
                host_logo::Column::Width,
                host_logo::Column::Height,
                host_logo::Column::Bytes,
                host_logo::Column::Digest,
                host_logo::Column::UpdatedAt,
            ])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}

pub async fn remove(db: &DatabaseConnection, host_id: HostId) -> Result<(), DbErr> {
    host_logo::Entity::delete_by_id(host_id).exec(db).await?;
    Ok(())
}

/// The logo's URL parts and shape, without reading the image.
pub async fn info(db: &DatabaseConnection, host_id: HostId) -> Result<Option<LogoInfo>, DbErr> {
    let row: Option<(String, i32, i32)> = host_logo::Entity::find()
        .select_only()
        .columns([
            host_logo::Column::Digest,
            host_logo::Column::Width,
            host_logo::Column::Height,
        ])
        .filter(host_logo::Column::HostId.eq(host_id))
        .into_tuple()
        .one(db)
        .await?;
    Ok(row.map(|(digest, width, height)| LogoInfo {
        digest,
        width,
        height,
    }))
}

/// The stored image, to serve.
pub async fn image(
    db: &DatabaseConnection,
    host_id: HostId,
) -> Result<Option<host_logo::Model>, DbErr> {
    host_logo::Entity::find_by_id(host_id).one(db).await
}

/// Where the logo is served; `digest` makes the URL change with the image.
pub fn url(slug: &str, digest: &str) -> String {
    format!("/hosts/{slug}/logo?v={digest}")
}
