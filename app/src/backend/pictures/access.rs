//! Who may fetch a gathering's picture: anyone while the gathering is
//! public (the same rule as its page, `gatherings::visibility`), and
//! otherwise only its organisers, so that a picture moderators took down
//! or one on a draft is not served to the public from a cached address.

use crate::backend::access::AccessError;
use crate::backend::auth::Viewer;
use crate::backend::entities::event;
use crate::backend::gatherings::{self, view::managed_event, visibility::is_public};
use sea_orm::DatabaseConnection;

/// Who the picture is served to, which says how long it may be cached.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Anyone: cached by browsers and shared caches.
    Public,
    /// Its organisers only: never kept by a shared cache.
    Organisers,
}

/// The gathering `public_id` and who its picture may go to, when `viewer`
/// may see it. The viewer is only looked up (`viewer_of`) when the
/// gathering is not public, so public pictures cost no session query.
pub async fn gathering_for<F, Fut>(
    db: &DatabaseConnection,
    public_id: &str,
    viewer_of: F,
) -> Result<(event::Model, Audience), AccessError>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Option<Viewer>>,
{
    let event = gatherings::by_public_id(db, public_id)
        .await?
        .ok_or(AccessError::NotFound)?;
    if is_public(&event) {
        return Ok((event, Audience::Public));
    }
    let viewer = viewer_of().await;
    match managed_event(db, viewer.as_ref(), public_id).await {
        Ok(event) => Ok((event, Audience::Organisers)),
        // Nobody else learns that it exists.
        Err(_) => Err(AccessError::NotFound),
    }
}
