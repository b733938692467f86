//! Creating and managing gatherings: the form (`form`), writing dates
//! (`schedule`), and the changes organisers make (`create`, `manage`).
//! Permission checks are in `backend::hosts::permissions`; callers check
//! before calling here.

pub mod cohosts;
pub mod create;
pub mod form;
pub mod manage;
pub mod schedule;
pub mod view;

use super::entities::place;
use crate::domain::geo_point::GeoPoint;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

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
