//! Messages from a gathering's organisers to the people of one date, kept
//! for the organisers (`organiser_messages`: the date, who it went to,
//! how many, the text, which organiser wrote it). A reply or a volunteer's
//! sign-up may stop such messages (`messages_off`) with the link in any of
//! them (`message_stop_links`: each email's token hash and the row it
//! went to); the essential emails are never stopped.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Statements that are the same on SQLite and PostgreSQL, `{time}` being
/// the backend's timestamp type and `{id}` its auto-incrementing key.
const STATEMENTS: &[&str] = &[
    "ALTER TABLE rsvps ADD COLUMN messages_off BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE role_signups ADD COLUMN messages_off BOOLEAN NOT NULL DEFAULT FALSE",
    "CREATE TABLE organiser_messages (\
       id {id}, \
       public_id VARCHAR(16) NOT NULL UNIQUE, \
       event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE, \
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       audience VARCHAR(16) NOT NULL CHECK (audience IN ('coming', 'waiting', 'volunteers')), \
       role_id BIGINT NULL REFERENCES volunteer_roles (id) ON DELETE CASCADE, \
       body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 8000), \
       sent_by BIGINT NULL REFERENCES users (id) ON DELETE SET NULL, \
       recipients INTEGER NOT NULL CHECK (recipients >= 0), \
       created_at {time} NOT NULL, \
       CHECK (role_id IS NULL OR audience = 'volunteers'))",
    "CREATE INDEX organiser_messages_by_date ON organiser_messages (occurrence_id, created_at)",
    "CREATE INDEX organiser_messages_by_gathering ON organiser_messages (event_id, created_at)",
    "CREATE TABLE message_stop_links (\
       hash VARCHAR(64) PRIMARY KEY, \
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       rsvp_id BIGINT NULL REFERENCES rsvps (id) ON DELETE CASCADE, \
       signup_id BIGINT NULL REFERENCES role_signups (id) ON DELETE CASCADE, \
       CHECK ((rsvp_id IS NULL) <> (signup_id IS NULL)))",
    "CREATE INDEX message_stop_links_by_date ON message_stop_links (occurrence_id)",
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
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE message_stop_links")
            .await?;
        db.execute_unprepared("DROP TABLE organiser_messages")
            .await?;
        for table in ["role_signups", "rsvps"] {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN messages_off"))
                .await?;
        }
        Ok(())
    }
}
