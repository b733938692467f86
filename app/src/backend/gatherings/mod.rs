//! Creating and managing gatherings: the form (`form`), writing dates
//! (`schedule`), and the changes organisers make (`create`, `manage`).
//! Permission checks are in `backend::hosts::permissions`; callers check
//! before calling here.

pub mod calendar;
pub mod create;
pub mod form;
pub mod manage;
pub mod page;
pub mod partners;
pub mod poster;
pub mod schedule;
pub mod view;
pub mod visibility;

use super::entities::{event, place};
use crate::domain::geo_point::GeoPoint;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The gathering whose public id (the one in its address) is `public_id`.
pub async fn by_public_id<C: ConnectionTrait>(
    conn: &C,
    public_id: &str,
) -> Result<Option<event::Model>, DbErr> {
    event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .one(conn)
        .await
}

/// Where a place is.
pub async fn place_point<C: ConnectionTrait>(
    conn: &C,
    place_id: i64,
) -> Result<Option<GeoPoint>, DbErr> {
    Ok(place::Entity::find_by_id(place_id)
        .one(conn)
        .await?
        .and_then(|place| GeoPoint::parse(place.latitude, place.longitude).ok()))
}
