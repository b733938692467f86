//! A new reply's row, written by one statement that names its columns in
//! one place: inside [`super::join`]'s transaction, or as the tail of
//! [`super::one_statement`]'s, which writes it only if its date's counter
//! agreed.

use crate::backend::sql::Sql;
use crate::domain::ids::{OccurrenceId, UserId};
use crate::domain::reply::ReplyStatus;
use chrono::{DateTime, Utc};

/// Everything a new reply stores besides its status.
pub(super) struct NewReply {
    pub public_id: String,
    pub occurrence_id: OccurrenceId,
    pub user_id: Option<UserId>,
    pub email: Option<String>,
    pub device_hash: Option<String>,
    pub name: Option<String>,
    pub party: i32,
    pub confirm_hash: Option<String>,
    pub cancel_hash: String,
    pub locale: String,
    pub created_at: DateTime<Utc>,
    pub asked_time_around: bool,
    pub follow_up_wanted: bool,
}

impl NewReply {
    /// Appends `INSERT INTO rsvps (…) SELECT <its values>`, followed by
    /// ` FROM <from>` when given, so the row is written once per row of
    /// `from` (a CTE that returns one row or none).
    pub fn push_insert(&self, sql: &mut Sql, status: ReplyStatus, from: Option<&str>) {
        sql.push(
            "INSERT INTO rsvps (public_id, occurrence_id, user_id, email, device_hash, name, \
             party, status, confirm_hash, cancel_hash, locale, created_at, asked_time_around, \
             follow_up_wanted) SELECT ",
        );
        sql.bind(self.public_id.clone())
            .push(", ")
            .bind(self.occurrence_id)
            .push(", ")
            .bind(self.user_id)
            .push(", ")
            .bind(self.email.clone())
            .push(", ")
            .bind(self.device_hash.clone())
            .push(", ")
            .bind(self.name.clone())
            .push(", ")
            .bind(self.party)
            .push(", ")
            .bind(status.as_str())
            .push(", ")
            .bind(self.confirm_hash.clone())
            .push(", ")
            .bind(self.cancel_hash.clone())
            .push(", ")
            .bind(self.locale.clone())
            .push(", ")
            .bind(self.created_at)
            .push(", ")
            .bind(self.asked_time_around)
            .push(", ")
            .bind(self.follow_up_wanted);
        if let Some(from) = from {
            sql.push(" FROM ").push(from);
        }
    }
}
