//! At the door: who came. A reply records how many of its party were
//! checked in (`rsvps.checked_in`, set again rather than added to, so the
//! same check-in sent twice or from two phones counts once); a volunteer
//! role may be marked as helping at the door, and an organiser lets each
//! of its volunteers in (`role_signups.door_approved_at`); people who came without
//! replying are counted per date in `walk_ins`, one row per tap of "+1" or
//! "+n" with a key the page made, so a tap sent twice counts once. Nothing
//! here names a walk-in.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Statements that are the same on SQLite and PostgreSQL, `{time}` being
/// the backend's timestamp type.
const STATEMENTS: &[&str] = &[
    "ALTER TABLE rsvps ADD COLUMN checked_in INTEGER NULL \
       CHECK (checked_in IS NULL OR checked_in BETWEEN 1 AND 100)",
    "ALTER TABLE rsvps ADD COLUMN checked_in_at {time} NULL",
    "ALTER TABLE volunteer_roles ADD COLUMN at_door BOOLEAN NOT NULL DEFAULT FALSE",
    // A volunteer in a role at the door opens the door page only once an
    // organiser let them (anyone signed in may sign up for a role).
    "ALTER TABLE role_signups ADD COLUMN door_approved_at {time} NULL",
    "CREATE TABLE walk_ins (\
       key VARCHAR(64) PRIMARY KEY, \
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       people INTEGER NOT NULL CHECK (people BETWEEN 1 AND 50), \
       created_at {time} NOT NULL)",
    "CREATE INDEX walk_ins_by_date ON walk_ins (occurrence_id)",
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
        db.execute_unprepared("DROP TABLE walk_ins").await?;
        for (table, column) in [
            ("role_signups", "door_approved_at"),
            ("volunteer_roles", "at_door"),
            ("rsvps", "checked_in_at"),
            ("rsvps", "checked_in"),
        ] {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN {column}"))
                .await?;
        }
        Ok(())
    }
}
