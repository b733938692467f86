//! Every cancel link a guest was sent keeps working until the reply is
//! cancelled or forgotten. Each email about a reply carries a fresh link,
//! since only a link's hash is kept and an earlier one cannot be written
//! again: the first is `rsvps.cancel_hash`, and each later one is a row
//! here (`rsvp_cancel_links`: the token's hash and the reply). Before, a
//! later email replaced the hash, so the reminder that goes out a minute
//! after "You are coming" for a date the same day broke the link in it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const STATEMENTS: &[&str] = &[
    "CREATE TABLE rsvp_cancel_links (\
       hash VARCHAR(64) PRIMARY KEY, \
       rsvp_id BIGINT NOT NULL REFERENCES rsvps (id) ON DELETE CASCADE)",
    "CREATE INDEX rsvp_cancel_links_by_reply ON rsvp_cancel_links (rsvp_id)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::column_types::execute_all(manager, STATEMENTS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("DROP TABLE rsvp_cancel_links")
            .await?;
        Ok(())
    }
}
