//! Organisers may approve each reply before it takes a seat.
//!
//! `events.requires_approval` turns it on. A reply waiting for the
//! organisers has status `requested` (it holds no seat and is not on the
//! waitlist); one they turn down becomes `declined`. Both are new values of
//! the status CHECK, and `requested` counts as active in the one-reply-per-
//! person indexes.
//!
//! SQLite cannot alter a CHECK, so there the table is rebuilt from its own
//! stored definition with the new values (the documented way: create, copy,
//! drop, rename, then the indexes again).

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

const OLD_STATUSES: &str = "'pending', 'going', 'waitlisted', 'cancelled'";
const NEW_STATUSES: &str = "'pending', 'going', 'waitlisted', 'cancelled', 'requested', 'declined'";
const ACTIVE: &str = "'pending', 'requested', 'going', 'waitlisted'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing, on SQLite too: a failure half-way through the
    /// rebuild must not leave the replies table missing.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(boolean(Events::RequiresApproval).default(false))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DatabaseBackend::Sqlite => {
                crate::sqlite_rebuild::rebuild(db, "rsvps", OLD_STATUSES, |sql| {
                    sql.replace(OLD_STATUSES, NEW_STATUSES)
                })
                .await?
            }
            _ => {
                db.execute_unprepared(&format!(
                    "ALTER TABLE rsvps DROP CONSTRAINT rsvps_status_check; \
                     ALTER TABLE rsvps ADD CONSTRAINT rsvps_status_check \
                     CHECK (status IN ({NEW_STATUSES}))"
                ))
                .await?;
            }
        }
        for (name, column) in [
            ("rsvps_one_per_user", "user_id"),
            ("rsvps_one_per_email", "email"),
            ("rsvps_one_per_device", "device_hash"),
        ] {
            db.execute_unprepared(&format!("DROP INDEX IF EXISTS {name}"))
                .await?;
            db.execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {name} ON rsvps (occurrence_id, {column}) \
                 WHERE status IN ({ACTIVE}) AND {column} IS NOT NULL"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::RequiresApproval)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    RequiresApproval,
}
