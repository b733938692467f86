//! A host's or a city office's impact page (published figures only) is
//! shown to everyone once its owners or members switch it on.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in ["hosts", "city_offices"] {
            db.execute_unprepared(&format!(
                "ALTER TABLE {table} ADD COLUMN impact_public BOOLEAN NOT NULL DEFAULT FALSE"
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in ["hosts", "city_offices"] {
            db.execute_unprepared(&format!("ALTER TABLE {table} DROP COLUMN impact_public"))
                .await?;
        }
        Ok(())
    }
}
