//! How many replies wait for each date, kept on its seat counter
//! (`occurrence_seats.waiting`) by triggers on `rsvps`, so that no write
//! path can forget it.
//!
//! A newcomer takes a seat only if nobody waits. Asked as a query over
//! `rsvps`, that needs a statement begun *after* the date's row lock was
//! taken: on PostgreSQL a statement that waited for the lock still reads
//! `rsvps` as they were when it began, which may miss the waitlisted reply
//! of the one it waited for. A count on the locked row itself is read as
//! it is after that wait, so the lock, the seat and the reply can be one
//! statement there (`app::backend::replies::one_statement`).
//!
//! Counted in replies (not people): only "is anyone waiting" is asked.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

const WAITLISTED: &str = "'waitlisted'";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE occurrence_seats \
             ADD COLUMN waiting INTEGER NOT NULL DEFAULT 0 CHECK (waiting >= 0)",
        )
        .await?;
        db.execute_unprepared(&format!(
            "UPDATE occurrence_seats SET waiting = (\
               SELECT COUNT(*) FROM rsvps \
               WHERE rsvps.occurrence_id = occurrence_seats.occurrence_id \
                 AND rsvps.status = {WAITLISTED})"
        ))
        .await?;
        let add = |row: &str| {
            format!(
                "UPDATE occurrence_seats SET waiting = waiting + 1 \
                 WHERE occurrence_id = {row}.occurrence_id"
            )
        };
        let remove = |row: &str| {
            format!(
                "UPDATE occurrence_seats SET waiting = waiting - 1 \
                 WHERE occurrence_id = {row}.occurrence_id"
            )
        };
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                db.execute_unprepared(&format!(
                    "CREATE FUNCTION rsvps_count_waiting() RETURNS trigger \
                     LANGUAGE plpgsql AS $$ \
                     BEGIN \
                       IF TG_OP <> 'INSERT' THEN \
                         IF OLD.status = {WAITLISTED} THEN {}; END IF; \
                       END IF; \
                       IF TG_OP <> 'DELETE' THEN \
                         IF NEW.status = {WAITLISTED} THEN {}; END IF; \
                       END IF; \
                       RETURN NULL; \
                     END $$",
                    remove("OLD"),
                    add("NEW"),
                ))
                .await?;
                // Only the changes that move a reply onto or off a
                // waitlist call the function.
                for (name, operation, when) in [
                    ("insert", "INSERT", format!("NEW.status = {WAITLISTED}")),
                    ("delete", "DELETE", format!("OLD.status = {WAITLISTED}")),
                    (
                        "update",
                        "UPDATE OF status, occurrence_id",
                        format!(
                            "(OLD.status = {WAITLISTED}) <> (NEW.status = {WAITLISTED}) \
                             OR (OLD.status = {WAITLISTED} \
                                 AND OLD.occurrence_id <> NEW.occurrence_id)"
                        ),
                    ),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER rsvps_count_waiting_{name} AFTER {operation} ON rsvps \
                         FOR EACH ROW WHEN ({when}) EXECUTE FUNCTION rsvps_count_waiting()"
                    ))
                    .await?;
                }
            }
            _ => {
                for (name, operation, when, change) in [
                    (
                        "insert",
                        "INSERT",
                        format!("NEW.status = {WAITLISTED}"),
                        add("NEW"),
                    ),
                    (
                        "delete",
                        "DELETE",
                        format!("OLD.status = {WAITLISTED}"),
                        remove("OLD"),
                    ),
                    (
                        "update_old",
                        "UPDATE OF status, occurrence_id",
                        format!("OLD.status = {WAITLISTED}"),
                        remove("OLD"),
                    ),
                    (
                        "update_new",
                        "UPDATE OF status, occurrence_id",
                        format!("NEW.status = {WAITLISTED}"),
                        add("NEW"),
                    ),
                ] {
                    db.execute_unprepared(&format!(
                        "CREATE TRIGGER rsvps_count_waiting_{name} AFTER {operation} ON rsvps \
                         FOR EACH ROW WHEN {when} BEGIN {change}; END"
                    ))
                    .await?;
                }
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            sea_orm::DbBackend::Postgres => {
                for name in ["insert", "delete", "update"] {
                    db.execute_unprepared(&format!(
                        "DROP TRIGGER rsvps_count_waiting_{name} ON rsvps"
                    ))
                    .await?;
                }
                db.execute_unprepared("DROP FUNCTION rsvps_count_waiting()")
                    .await?;
            }
            _ => {
                for name in ["insert", "delete", "update_old", "update_new"] {
                    db.execute_unprepared(&format!("DROP TRIGGER rsvps_count_waiting_{name}"))
                        .await?;
                }
            }
        }
        db.execute_unprepared("ALTER TABLE occurrence_seats DROP COLUMN waiting")
            .await?;
        Ok(())
    }
}
