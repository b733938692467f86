//! The impact page of a host or a city office, as the viewer may see it:
//! its team or members always, everyone once it is public.

use super::{QUARTERS_SHOWN, collect, publish};
use crate::backend::access::AccessError;
use crate::backend::auth::Viewer;
use crate::backend::hosts::permissions::{Access, HostAction, check};
use crate::backend::offices::permissions::{OfficeAccess, check as office_check};
use crate::domain::quarter::Quarter;
use crate::views::impact::ImpactView;
use chrono::NaiveDate;
use sea_orm::DatabaseConnection;

/// Whose impact page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Whose {
    Host(String),
    Office(String),
}

/// The page of `whose` on `today` (which decides the settled quarters).
pub async fn load(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    whose: &Whose,
    today: NaiveDate,
) -> Result<ImpactView, AccessError> {
    let quarters = Quarter::settled(today, QUARTERS_SHOWN);
    let (Some(newest), Some(oldest)) = (quarters.first(), quarters.last()) else {
        return Err(AccessError::NotFound);
    };
    let (from, to) = (oldest.first_day(), newest.last_day());
    let (name, path, public, can_switch, dates) = match whose {
        Whose::Host(slug) => {
            // Suspended by moderators: gone for everyone but its team.
            let visible = crate::backend::hosts::public_by_slug(db, slug).await?;
            let host = crate::backend::hosts::by_slug(db, slug)
                .await?
                .ok_or(AccessError::NotFound)?;
            let team = matches!(
                check(db, viewer, host.id, HostAction::ManageGatherings).await?,
                Access::Allowed(_)
            );
            let owner = matches!(
                check(db, viewer, host.id, HostAction::EditPage).await?,
                Access::Allowed(_)
            );
            allowed(viewer, team || (host.impact_public && visible.is_some()))?;
            let dates = collect::dates_of_host(db, host.id, from, to).await?;
            let path = format!("/hosts/{}", host.slug);
            (host.name, path, host.impact_public, owner, dates)
        }
        Whose::Office(slug) => {
            let office = crate::backend::offices::by_slug(db, slug)
                .await?
                .ok_or(AccessError::NotFound)?;
            let member = office_check(db, viewer, office.id).await? == OfficeAccess::Member;
            allowed(viewer, member || office.impact_public)?;
            let dates = collect::dates_of_office(db, office.id, from, to).await?;
            let path = format!("/offices/{}", office.slug);
            (office.name, path, office.impact_public, member, dates)
        }
    };
    let counts = collect::of_dates(db, &dates).await?;
    Ok(ImpactView {
        name,
        path,
        public,
        can_switch,
        quarters: publish::quarters(&counts, &quarters),
    })
}

/// A page that is not public: its team signs in first; everyone else finds
/// nothing.
fn allowed(viewer: Option<&Viewer>, may_see: bool) -> Result<(), AccessError> {
    match (may_see, viewer) {
        (true, _) => Ok(()),
        (false, None) => Err(AccessError::SignInFirst),
        (false, Some(_)) => Err(AccessError::NotFound),
    }
}
