//! Starting a transaction that will write. On SQLite it begins `IMMEDIATE`,
//! taking the write lock up front (waiting up to the busy timeout): a
//! deferred transaction that reads first and writes later fails at once
//! when another connection wrote in between, so every transaction here that
//! reads before it writes must start this way. PostgreSQL ignores the mode.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};

pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..Default::default()
    })
    .await
}
