//! The demo dataset behind `commonground seed-demo`, loaded once per database.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbErr, Statement, TransactionTrait};

const SEEDED_KEY: &str = "demo_seeded_at";

/// Whether demo data went in now or was already there.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Loaded,
    AlreadyLoaded,
}

pub async fn seed_demo(db: &DatabaseConnection) -> Result<SeedOutcome, DbErr> {
    let txn = db.begin().await?;
    let backend = txn.get_database_backend();
    let existing = txn
        .query_one_raw(Statement::from_sql_and_values(
            backend,
            "SELECT value FROM instance_meta WHERE key = $1",
            [SEEDED_KEY.into()],
        ))
        .await?;
    if existing.is_some() {
        return Ok(SeedOutcome::AlreadyLoaded);
    }
    txn.execute_raw(Statement::from_sql_and_values(
        backend,
        "INSERT INTO instance_meta (key, value, updated_at) VALUES ($1, $2, $3)",
        [
            SEEDED_KEY.into(),
            chrono::Utc::now().to_rfc3339().into(),
            chrono::Utc::now().into(),
        ],
    ))
    .await?;
    txn.commit().await?;
    Ok(SeedOutcome::Loaded)
}
