use sea_orm::entity::prelude::*;

/// One email waiting to be sent, or sent (see `backend::outbox`).
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// Which template wrote it, for logs and tests.
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// An iCalendar file sent as an attachment.
    pub calendar: Option<String>,
    pub created_at: DateTimeUtc,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// While set and in the future, a worker is sending it.
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub sent_at: Option<DateTimeUtc>,
    /// Set when retries are exhausted; the row stays for an operator.
    pub failed_at: Option<DateTimeUtc>,
    /// The date this email is about, for a guest or volunteer of it:
    /// forgetting the date drops the email too.
    pub occurrence_id: Option<crate::domain::ids::OccurrenceId>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
