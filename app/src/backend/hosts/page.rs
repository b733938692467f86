//! A host's public page: who they are and their upcoming gatherings,
//! including those they co-host (once they accepted).

use super::permissions::role_of;
use crate::backend::{
    auth::Viewer,
    entities::{event, event_cohost, host, occurrence},
    markdown,
    search::{Found, details},
};
use crate::domain::status::{DateStatus, GatheringStatus, PartnerStatus};
use crate::views::hosting::{HostView, LogoView};
use chrono::Utc;
use sea_orm::{
    ColumnTrait, Condition, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashSet;

/// At most this many gatherings are listed.
const LISTED: usize = 50;

pub async fn load(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    slug: &str,
    reader_language: &str,
) -> Result<Option<HostView>, DbErr> {
    let Some(host) = super::public_by_slug(db, slug).await? else {
        return Ok(None);
    };
    let role = match viewer {
        Some(viewer) => role_of(db, viewer.user_id, host.id).await?,
        None => None,
    };
    let can_organise = role.is_some();
    let cohosted: Vec<i64> = event_cohost::Entity::find()
        .select_only()
        .column(event_cohost::Column::EventId)
        .filter(event_cohost::Column::HostId.eq(host.id))
        .filter(event_cohost::Column::Status.eq(PartnerStatus::Accepted))
        .into_tuple()
        .all(db)
        .await?;
    let events: Vec<i64> = event::Entity::find()
        .select_only()
        .column(event::Column::Id)
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .filter(crate::backend::gatherings::visibility::public())
        .filter(
            Condition::any()
                .add(event::Column::HostId.eq(host.id))
                .add(event::Column::Id.is_in(cohosted)),
        )
        .into_tuple()
        .all(db)
        .await?;
    let upcoming = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.is_in(events))
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::StartsAt.gt(Utc::now()))
        .order_by_asc(occurrence::Column::StartsAt)
        .limit(1000)
        .all(db)
        .await?;
    // The next date of each gathering, soonest first.
    let mut seen = HashSet::new();
    let found: Vec<Found> = upcoming
        .into_iter()
        .filter(|o| seen.insert(o.event_id))
        .take(LISTED)
        .map(|o| Found {
            occurrence_id: o.id,
            starts_at: o.starts_at,
            metres: None,
        })
        .collect();
    Ok(Some(HostView {
        slug: host.slug.clone(),
        name: host.name.clone(),
        description_html: markdown::to_safe_html(&host.description),
        links: super::links_of(&host),
        logo: logo_view(db, &host).await?,
        closed: host.closed_at.is_some(),
        can_organise,
        can_edit: role.is_some_and(|role| {
            super::permissions::allows(role, super::permissions::HostAction::EditPage)
        }),
        gatherings: details::cards(db, &found, reader_language).await?,
        cohost_invitations: if can_organise {
            crate::backend::gatherings::partners::pending_for(db, host.id, reader_language).await?
        } else {
            Vec::new()
        },
        stories: crate::backend::follow_up::stories::of_host(db, host.id, reader_language).await?,
        impact_public: host.impact_public,
    }))
}

/// The side of the square box a logo is shown in, in CSS pixels.
const LOGO_BOX: u32 = 96;

/// The host's logo, scaled to fit its box with its proportions kept.
pub async fn logo_view(
    db: &DatabaseConnection,
    host: &host::Model,
) -> Result<Option<LogoView>, DbErr> {
    Ok(super::logo::info(db, host.id).await?.map(|logo| {
        let (width, height) = fit(
            logo.width.max(1) as u32,
            logo.height.max(1) as u32,
            LOGO_BOX,
        );
        LogoView {
            url: super::logo::url(&host.slug, &logo.digest),
            width,
            height,
        }
    }))
}

/// `width` × `height` scaled so the longer side is `side`.
fn fit(width: u32, height: u32, side: u32) -> (u32, u32) {
    let longer = width.max(height);
    let scale = |n: u32| ((n * side + longer / 2) / longer).max(1);
    (scale(width), scale(height))
}

#[cfg(test)]
mod tests {
    #[test]
    fn logos_fit_their_box_keeping_their_shape() {
        assert_eq!(super::fit(300, 200, 96), (96, 64));
        assert_eq!(super::fit(50, 400, 96), (12, 96));
        assert_eq!(super::fit(20, 20, 96), (96, 96));
    }
}
