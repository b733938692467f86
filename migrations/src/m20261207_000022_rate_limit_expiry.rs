//! When each rate-limit counter can no longer count, kept on its row
//! (`rate_limits.expires_at`, Unix seconds), so housekeeping deletes each
//! as soon as it is of no use, whatever its window. A limit is read as a
//! sliding window, which weighs the window before the current one
//! (`app::backend::rate_limit`), so a counter is needed until the end of
//! the window after its own: two hours for an hourly count, two days for a
//! daily one. One age for all (24 hours, as before) would delete the daily
//! limits' previous windows while they still count.

use sea_orm_migration::{prelude::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "ALTER TABLE rate_limits ADD COLUMN expires_at BIGINT NOT NULL DEFAULT 0",
        )
        .await?;
        // Counters written before: kept the 24 hours they were promised
        // (none had a window longer than a day).
        db.execute_unprepared("UPDATE rate_limits SET expires_at = window_start + 86400")
            .await?;
        db.execute_unprepared("CREATE INDEX rate_limits_expiry ON rate_limits (expires_at)")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX rate_limits_expiry")
            .await?;
        db.execute_unprepared("ALTER TABLE rate_limits DROP COLUMN expires_at")
            .await?;
        Ok(())
    }
}
