//! The follow-up after a date. A reply may ask for it
//! (`rsvps.follow_up_wanted`) and is marked once its email is written
//! (`rsvps.follow_up_sent`), so it goes at most once.
//!
//! The email carries a fresh key that names no reply: `follow_up_keys`
//! holds only its hash, its date, whether it was used and until when it
//! works (the same for every key of a date). A date's keys are made
//! together, in an order unrelated to its replies', so neither a row's
//! order nor a time stamp tells whose key it is. Its answers are counted
//! in `answers_by_date`.
//!
//! A story is kept under a second hash of the same key (`stories.key_hash`
//! is never equal to any `follow_up_keys.key_hash`), so its author can
//! withdraw it with their link while nothing in the database joins it to
//! a key, a reply or a person. Its time is kept to the day.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Statements that are the same on SQLite and PostgreSQL, `{time}` being
/// the backend's timestamp type and `{id}` its auto-incrementing key.
const STATEMENTS: &[&str] = &[
    "ALTER TABLE rsvps ADD COLUMN follow_up_wanted BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE rsvps ADD COLUMN follow_up_sent BOOLEAN NOT NULL DEFAULT FALSE",
    "CREATE TABLE follow_up_keys (\
       key_hash VARCHAR(64) PRIMARY KEY, \
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       answered BOOLEAN NOT NULL DEFAULT FALSE, \
       expires_at {time} NOT NULL)",
    "CREATE INDEX follow_up_keys_by_expiry ON follow_up_keys (expires_at)",
    "CREATE TABLE stories (\
       id {id}, \
       public_id VARCHAR(16) NOT NULL UNIQUE, \
       key_hash VARCHAR(64) NOT NULL UNIQUE, \
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE, \
       body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 4000), \
       language VARCHAR(8) NOT NULL, \
       shown_as VARCHAR(16) NOT NULL CHECK (shown_as IN ('first_name', 'anonymous', 'not_published')), \
       first_name VARCHAR(160) NULL, \
       status VARCHAR(16) NOT NULL CHECK (status IN ('waiting', 'published', 'declined', 'private')), \
       written_on {time} NOT NULL, \
       CHECK ((shown_as = 'first_name') = (first_name IS NOT NULL)), \
       CHECK (shown_as <> 'not_published' OR status = 'private'))",
    "CREATE INDEX stories_by_gathering ON stories (event_id, status)",
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
        db.execute_unprepared("DROP TABLE stories").await?;
        db.execute_unprepared("DROP TABLE follow_up_keys").await?;
        for column in ["follow_up_sent", "follow_up_wanted"] {
            db.execute_unprepared(&format!("ALTER TABLE rsvps DROP COLUMN {column}"))
                .await?;
        }
        Ok(())
    }
}
