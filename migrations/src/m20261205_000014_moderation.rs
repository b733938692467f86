//! Trust and safety: the installation's administrators and moderators,
//! reports from anyone (with nothing about who reported), moderation cases
//! that group the reports about one gathering or host, moderators' notes,
//! the moderation log, and what moderators change: a gathering's
//! `moderation` state, a host's or an account's suspension, a host's
//! approval (for installations where hosts are reviewed before publishing).
//!
//! A gathering is public only while its `moderation` is `visible`. Hiding
//! one is an update of that column, so the search log's trigger is extended
//! to it and every process's search index follows.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Statements that are the same on SQLite and PostgreSQL, `{id}` being the
/// backend's auto-increment primary key and `{time}` its timestamp type.
const TABLES: &[&str] = &[
    "ALTER TABLE events ADD COLUMN moderation VARCHAR(16) NOT NULL DEFAULT 'visible' \
       CHECK (moderation IN ('visible', 'waiting', 'hidden', 'host_suspended'))",
    "ALTER TABLE hosts ADD COLUMN suspended_at {time} NULL",
    "ALTER TABLE hosts ADD COLUMN approved_at {time} NULL",
    "ALTER TABLE users ADD COLUMN suspended_at {time} NULL",
    "CREATE TABLE site_roles (\
       user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE, \
       role VARCHAR(16) NOT NULL CHECK (role IN ('moderator', 'administrator')), \
       granted_at {time} NOT NULL)",
    "CREATE TABLE moderation_cases (\
       id {id}, \
       event_id BIGINT NULL REFERENCES events (id) ON DELETE CASCADE, \
       host_id BIGINT NULL REFERENCES hosts (id) ON DELETE CASCADE, \
       state VARCHAR(16) NOT NULL CHECK (state IN ('open', 'in_hand', 'closed')), \
       assignee_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL, \
       opened_at {time} NOT NULL, \
       updated_at {time} NOT NULL, \
       CHECK ((event_id IS NULL) <> (host_id IS NULL)))",
    // One case that is not closed per gathering and per host: a new report
    // joins it (the database keeps two at once from opening one each).
    "CREATE UNIQUE INDEX moderation_cases_one_open_per_event ON moderation_cases (event_id) \
       WHERE state <> 'closed' AND event_id IS NOT NULL",
    "CREATE UNIQUE INDEX moderation_cases_one_open_per_host ON moderation_cases (host_id) \
       WHERE state <> 'closed' AND host_id IS NOT NULL",
    "CREATE INDEX moderation_cases_by_state ON moderation_cases (state, updated_at)",
    "CREATE TABLE reports (\
       id {id}, \
       case_id BIGINT NOT NULL REFERENCES moderation_cases (id) ON DELETE CASCADE, \
       reason VARCHAR(16) NOT NULL \
         CHECK (reason IN ('hateful', 'spam', 'misleading', 'unsafe', 'other')), \
       details VARCHAR(2000) NOT NULL, \
       created_at {time} NOT NULL)",
    "CREATE INDEX reports_by_case ON reports (case_id)",
    "CREATE TABLE moderation_notes (\
       id {id}, \
       case_id BIGINT NOT NULL REFERENCES moderation_cases (id) ON DELETE CASCADE, \
       author_id BIGINT NULL REFERENCES users (id) ON DELETE SET NULL, \
       body VARCHAR(2000) NOT NULL, \
       created_at {time} NOT NULL)",
    "CREATE INDEX moderation_notes_by_case ON moderation_notes (case_id)",
    // The log names what was acted on by its public name, not by foreign
    // keys, so it outlives what it describes; `actor` is the moderator's
    // email at the time.
    "CREATE TABLE moderation_log (\
       id {id}, \
       actor VARCHAR(320) NOT NULL, \
       action VARCHAR(32) NOT NULL, \
       subject VARCHAR(400) NOT NULL, \
       reason VARCHAR(2000) NOT NULL, \
       created_at {time} NOT NULL)",
    "CREATE INDEX moderation_log_by_time ON moderation_log (created_at)",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DbBackend::Postgres;
        crate::column_types::execute_all(manager, TABLES).await?;
        // Search follows a gathering being hidden or shown again.
        if postgres {
            db.execute_unprepared(
                "CREATE TRIGGER search_changes_events_moderation AFTER UPDATE OF moderation \
                 ON events FOR EACH ROW EXECUTE FUNCTION search_changes_events_update()",
            )
            .await?;
        } else {
            db.execute_unprepared(
                "CREATE TRIGGER search_changes_events_moderation AFTER UPDATE OF moderation \
                 ON events BEGIN \
                   INSERT INTO search_changes (event_id, changed_at) \
                   VALUES (NEW.id, CAST(strftime('%s', 'now') AS INTEGER)); \
                 END",
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DbBackend::Postgres;
        db.execute_unprepared(if postgres {
            "DROP TRIGGER search_changes_events_moderation ON events"
        } else {
            "DROP TRIGGER search_changes_events_moderation"
        })
        .await?;
        for table in [
            "moderation_log",
            "moderation_notes",
            "reports",
            "moderation_cases",
            "site_roles",
        ] {
            db.execute_unprepared(&format!("DROP TABLE {table}"))
                .await?;
        }
        for (table, column) in [
            ("users", "suspended_at"),
            ("hosts", "approved_at"),
            ("hosts", "suspended_at"),
            ("events", "moderation"),
        ] {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .await?;
        }
        Ok(())
    }
}
