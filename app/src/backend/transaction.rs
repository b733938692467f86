//! Starting a transaction that will write.
//!
//! On SQLite it begins `IMMEDIATE`, taking the write lock up front: a
//! deferred transaction that reads first and writes later fails at once
//! when another connection wrote in between, so every transaction here that
//! reads before it writes must start this way. PostgreSQL ignores the mode.
//!
//! SQLite has one writer at a time, and a connection that finds the lock
//! taken sleeps in SQLite's busy handler — 1 ms, then 2, 5, 10 ms and
//! longer — so under a crowd (a hot date) the lock sat free while the
//! waiting connections slept, and who got it next was luck. So this
//! process writes to a SQLite file through one connection of its own (the
//! file's *writer*, a pool of one beside the readers' pool): writers wait
//! for it first come, first served (sqlx's pools are fair), and the one
//! holding it never waits behind readers for a pooled connection while the
//! others queue behind it. The writer is per database file, so test
//! servers in one process do not wait for each other. PostgreSQL locks
//! rows, not the database: there, writes use the ordinary pool.

use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, SqliteTransactionMode,
    SqlxSqliteConnector, TransactionOptions, TransactionTrait,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

/// As long as SQLite's own busy timeout (`server::db::connect`): a writer
/// waits this long for its turn before it gives up with an error.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// An unused writer closes its connection (and sqlx's thread for it) after
/// this long, and opens it again when next asked.
const WRITER_IDLE: Duration = Duration::from_secs(60);

/// A transaction that writes: `commit` or `rollback` it (dropping it rolls
/// back). On SQLite it holds the file's writer, so the next writer's turn
/// comes when it ends; one dropped without commit is rolled back by sqlx
/// before the writer is used again.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction, DbErr> {
    writer(db)
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await
}

/// Where a statement that writes outside a transaction (a rate limit's
/// count) runs: on SQLite the file's writer, so it waits its turn in the
/// queue instead of sleeping on the lock; on PostgreSQL `db` itself.
pub fn writer(db: &DatabaseConnection) -> DatabaseConnection {
    match db.get_database_backend() {
        DbBackend::Sqlite => writer_of_sqlite_file(db),
        _ => db.clone(),
    }
}

/// The writer of the SQLite file `db` reads: made the first time it is
/// asked for, with `db`'s own settings (WAL, busy timeout, foreign keys).
/// An in-memory database is its own writer: another pool would open
/// another, empty database.
fn writer_of_sqlite_file(db: &DatabaseConnection) -> DatabaseConnection {
    static WRITERS: LazyLock<Mutex<HashMap<PathBuf, DatabaseConnection>>> =
        LazyLock::new(Mutex::default);
    let readers = db.get_sqlite_connection_pool();
    let options = readers.connect_options();
    let file = options.get_filename();
    if is_in_memory(file) {
        return db.clone();
    }
    let mut writers = WRITERS
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Every write asks: the file's name is copied only the first time.
    if let Some(writer) = writers.get(file) {
        return writer.clone();
    }
    // The writers of files deleted since (a test's database) are closed,
    // so a process that opens many databases does not keep them all open.
    writers.retain(|file, _| file.exists());
    let pool = sea_orm::sqlx::pool::PoolOptions::<sea_orm::sqlx::Sqlite>::new()
        .max_connections(1)
        .min_connections(0)
        .acquire_timeout(TURN_TIMEOUT)
        .idle_timeout(WRITER_IDLE)
        // A SQLite file does not go away under an open connection: no
        // ping (one more round trip to sqlx's thread) before each write.
        .test_before_acquire(false)
        .connect_lazy_with((*options).clone());
    let writer = SqlxSqliteConnector::from_sqlx_sqlite_pool(pool);
    writers.insert(file.to_path_buf(), writer.clone());
    writer
}

/// How sqlx names an in-memory database (`sqlite::memory:`).
fn is_in_memory(file: &std::path::Path) -> bool {
    let name = file.to_string_lossy();
    name.is_empty() || name == ":memory:" || name.starts_with("file:sqlx-in-memory-")
}
