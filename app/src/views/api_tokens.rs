//! An organiser's API tokens, as the account page lists them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiTokenView {
    pub id: i64,
    pub name: String,
    /// `replies:read`, `gatherings:write`.
    pub scopes: Vec<String>,
    pub created_on: chrono::NaiveDate,
    pub last_used_on: Option<chrono::NaiveDate>,
}
