//! A log of which gatherings changed in ways search can see, written by the
//! database itself.
//!
//! Each server process keeps an in-memory search index
//! (`app::backend::search::memory`). To stay in step with writes made by
//! other processes — several servers on one PostgreSQL, or the command line
//! beside a server on SQLite — every process reads this log. Triggers write
//! it, so no write path can forget to: inserting, moving, cancelling or
//! deleting a date; publishing, editing or removing a gathering; changing
//! the languages spoken. A row only says *which* gathering changed; readers
//! reload that gathering.
//!
//! `seq` never goes back (AUTOINCREMENT on SQLite, a sequence on
//! PostgreSQL); `changed_at` (Unix seconds) lets old rows be pruned.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Which table, which of its columns search reads on update, and which
/// column names the gathering.
const WATCHED: [(&str, &str, &str); 3] = [
    (
        "events",
        "status, categories, accessibility, is_free, family_friendly, time_zone, place_id",
        "id",
    ),
    (
        "occurrences",
        "event_id, starts_at, status, latitude, longitude, cell_r3, cell_r4, cell_r5, cell_r6",
        "event_id",
    ),
    ("event_languages", "event_id, language", "event_id"),
];

const OPERATIONS: [(&str, &str, &str); 3] = [
    ("insert", "INSERT", "NEW"),
    ("update", "UPDATE", "NEW"),
    ("delete", "DELETE", "OLD"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE TABLE search_changes (\
                       seq BIGSERIAL PRIMARY KEY, \
                       event_id BIGINT NOT NULL, \
                       changed_at BIGINT NOT NULL)",
                )
                .await?;
                for (table, columns, key) in WATCHED {
                    for (name, operation, row) in OPERATIONS {
                        let function = format!("search_changes_{table}_{name}");
                        let now = "extract(epoch from now())::bigint";
                        // A row moved to another gathering changes both.
                        let moved = if operation == "UPDATE" {
                            format!(
                                "IF OLD.{key} <> NEW.{key} THEN \
                                   INSERT INTO search_changes (event_id, changed_at) \
                                   VALUES (OLD.{key}, {now}); \
                                 END IF;"
                            )
                        } else {
                            String::new()
                        };
                        db.execute_unprepared(&format!(
                            "CREATE FUNCTION {function}() RETURNS trigger LANGUAGE plpgsql AS $$ \
                             BEGIN \
                               INSERT INTO search_changes (event_id, changed_at) \
                               VALUES ({row}.{key}, {now}); \
                               {moved} \
                               RETURN NULL; \
                             END $$"
                        ))
                        .await?;
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER {function} AFTER {} ON {table} \
                             FOR EACH ROW EXECUTE FUNCTION {function}()",
                            watched_operation(operation, columns)
                        ))
                        .await?;
                    }
                }
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TABLE search_changes (\
                       seq INTEGER PRIMARY KEY AUTOINCREMENT, \
                       event_id BIGINT NOT NULL, \
                       changed_at BIGINT NOT NULL)",
                )
                .await?;
                for (table, columns, key) in WATCHED {
                    for (name, operation, row) in OPERATIONS {
                        let now = "CAST(strftime('%s', 'now') AS INTEGER)";
                        // A row moved to another gathering changes both.
                        let moved = if operation == "UPDATE" {
                            format!(
                                "INSERT INTO search_changes (event_id, changed_at) \
                                 SELECT OLD.{key}, {now} WHERE OLD.{key} <> NEW.{key};"
                            )
                        } else {
                            String::new()
                        };
                        db.execute_unprepared(&format!(
                            "CREATE TRIGGER search_changes_{table}_{name} AFTER {} ON {table} \
                             BEGIN \
                               INSERT INTO search_changes (event_id, changed_at) \
                               VALUES ({row}.{key}, {now}); \
                               {moved} \
                             END",
                            watched_operation(operation, columns)
                        ))
                        .await?;
                    }
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let postgres = manager.get_database_backend() == sea_orm::DbBackend::Postgres;
        for (table, _, _) in WATCHED {
            for (name, _, _) in OPERATIONS {
                let trigger = format!("search_changes_{table}_{name}");
                if postgres {
                    db.execute_unprepared(&format!("DROP TRIGGER {trigger} ON {table}"))
                        .await?;
                    db.execute_unprepared(&format!("DROP FUNCTION {trigger}()"))
                        .await?;
                } else {
                    db.execute_unprepared(&format!("DROP TRIGGER {trigger}"))
                        .await?;
                }
            }
        }
        db.execute_unprepared("DROP TABLE search_changes").await?;
        Ok(())
    }
}

/// `UPDATE OF <columns>` for updates (other columns, such as a gathering's
/// reminder settings, do not change what search finds); the bare operation
/// otherwise.
fn watched_operation(operation: &str, columns: &str) -> String {
    if operation == "UPDATE" {
        format!("UPDATE OF {columns}")
    } else {
        operation.to_string()
    }
}
