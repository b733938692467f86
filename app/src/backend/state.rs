use super::{mail::Mailer, outbox::OutboxDoorbell, rate_limit::ReplyLimits, search::SearchIndex};
use sea_orm::DatabaseConnection;

/// Everything a request handler or server function needs, handed down as
/// axum state and Leptos context — never kept in a global.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub mailer: Mailer,
    /// Where residents reach this instance, without a trailing slash, e.g.
    /// `https://meet.example.org`: for links in feeds, calendar files, share
    /// links and emails.
    pub public_url: String,
    pub map: MapSettings,
    /// Wakes this process's outbox worker after a commit that wrote mail.
    pub outbox: OutboxDoorbell,
    /// This process's search index, kept in step with the database.
    pub search_index: SearchIndex,
    /// Limits on replies without an account, per network address.
    pub reply_limits: ReplyLimits,
    /// Limits on sign-in links per network address.
    pub sign_in_limits: crate::backend::rate_limit::SignInLimits,
    /// Decodes uploaded pictures, one at a time in this process.
    pub pictures: crate::backend::pictures::Decoder,
}

impl AppState {
    /// Whether residents reach us over HTTPS: then cookies are `Secure`
    /// and secret ones `__Host-` prefixed.
    pub fn https(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// The map tiles pages show. Tiles come from a third party, so an instance
/// can point them at its own tile server, or switch maps off (an empty
/// `tile_url`): the lists always work without them.
#[derive(Clone, Debug, serde::Deserialize, serde::Serialize)]
pub struct MapSettings {
    /// A Leaflet tile URL template, e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`.
    pub tile_url: String,
    /// The credit the tile provider requires, shown on the map.
    pub attribution: String,
}

impl Default for MapSettings {
    fn default() -> Self {
        Self {
            tile_url: "https://tile.openstreetmap.org/{z}/{x}/{y}.png".into(),
            attribution: "© OpenStreetMap contributors".into(),
        }
    }
}
