use super::mail::Mailer;
use sea_orm::DatabaseConnection;

/// Everything a request handler or server function needs, handed down as
/// axum state and Leptos context — never kept in a global.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub mailer: Mailer,
}
