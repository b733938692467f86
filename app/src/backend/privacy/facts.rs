//! The facts the privacy page states, read from this installation's
//! settings and constants rather than written by hand.

use super::settings;
use crate::backend::auth::{session, sign_in};
use crate::backend::rate_limit;
use crate::backend::state::MapSettings;
use crate::views::privacy::PrivacyFacts;
use sea_orm::{ConnectionTrait, DbErr};

pub async fn load<C: ConnectionTrait>(db: &C, map: &MapSettings) -> Result<PrivacyFacts, DbErr> {
    Ok(PrivacyFacts {
        forget_after_days: settings::forget_after_days(db).await?,
        session_idle_days: session::IDLE_TIMEOUT.num_days(),
        session_max_days: session::ABSOLUTE_TIMEOUT.num_days(),
        sign_in_link_minutes: sign_in::LINK_LIFETIME.num_minutes(),
        network_hours: rate_limit::KEPT_FOR_HOURS,
        emails_kept_days: crate::backend::outbox::DELIVERED_KEPT_FOR_DAYS,
        map_tiles_from: tile_host(&map.tile_url),
        last_forgotten_on: settings::last_run(db)
            .await?
            .map(|at| at.date_naive().to_string()),
    })
}

/// The host name in a tile URL template, e.g. `tile.openstreetmap.org`.
fn tile_host(template: &str) -> Option<String> {
    let rest = template.split_once("://")?.1;
    let host = rest.split(['/', ':']).next()?;
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::tile_host;

    #[test]
    fn names_the_map_provider_or_none() {
        assert_eq!(
            tile_host("https://tile.openstreetmap.org/{z}/{x}/{y}.png").as_deref(),
            Some("tile.openstreetmap.org")
        );
        assert_eq!(
            tile_host("https://maps.example:8443/{z}/{x}/{y}.png").as_deref(),
            Some("maps.example")
        );
        assert_eq!(tile_host(""), None);
    }
}
