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
//! waiting connections slept, and who got it next was luck. Writers of
//! this process therefore queue here first, in the order they came, and
//! only the one at the front asks SQLite for the lock; it holds its turn
//! until its transaction ends. The queue is per database file, so test
//! servers in one process do not wait for each other. PostgreSQL locks
//! rows, not the database: no queue there.

use async_trait::async_trait;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, ExecResult,
    QueryResult, SqliteTransactionMode, Statement, TransactionOptions, TransactionTrait,
};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// As long as SQLite's own busy timeout (`server::db::connect`): a writer
/// waits this long for its turn before it gives up with an error.
const TURN_TIMEOUT: Duration = Duration::from_secs(10);

/// A transaction that writes: use it as any connection, then `commit` or
/// `rollback` (dropping it rolls back). On SQLite it holds this process's
/// turn to write until then.
pub struct WriteTransaction {
    // Dropped first, then the turn. A transaction dropped without commit is
    // rolled back by sqlx when its connection is next used, so the next
    // writer may still meet the lock for that moment (and wait in SQLite's
    // busy handler); committed or rolled back, it is done before the turn
    // passes on.
    transaction: DatabaseTransaction,
    _turn: Option<OwnedSemaphorePermit>,
}

pub async fn begin_write(db: &DatabaseConnection) -> Result<WriteTransaction, DbErr> {
    let WriteTurn(turn) = turn_to_write(db).await?;
    let transaction = db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok(WriteTransaction {
        transaction,
        _turn: turn,
    })
}

/// This process's turn to write to the database, for one statement that
/// writes outside a transaction (a rate limit's count): held while it runs,
/// it never meets the lock taken and sleeps. Nothing to wait for on
/// PostgreSQL.
pub struct WriteTurn(Option<OwnedSemaphorePermit>);

pub async fn turn_to_write(db: &DatabaseConnection) -> Result<WriteTurn, DbErr> {
    Ok(WriteTurn(match db.get_database_backend() {
        DbBackend::Sqlite => Some(wait_for_turn(db).await?),
        _ => None,
    }))
}

impl WriteTransaction {
    pub async fn commit(self) -> Result<(), DbErr> {
        self.transaction.commit().await
    }

    pub async fn rollback(self) -> Result<(), DbErr> {
        self.transaction.rollback().await
    }
}

/// The queue of one SQLite file's writers in this process.
fn queue_of(db: &DatabaseConnection) -> Arc<Semaphore> {
    static QUEUES: LazyLock<Mutex<HashMap<PathBuf, Arc<Semaphore>>>> =
        LazyLock::new(Mutex::default);
    let options = db.get_sqlite_connection_pool().connect_options();
    let file = options.get_filename();
    let mut queues = QUEUES
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    // Every write asks: the file's name is copied only the first time.
    if let Some(queue) = queues.get(file) {
        return queue.clone();
    }
    let queue = Arc::new(Semaphore::new(1));
    queues.insert(file.to_path_buf(), queue.clone());
    queue
}

async fn wait_for_turn(db: &DatabaseConnection) -> Result<OwnedSemaphorePermit, DbErr> {
    // Tokio's semaphore serves waiters first come, first served.
    let queue = queue_of(db);
    match tokio::time::timeout(TURN_TIMEOUT, queue.acquire_owned()).await {
        Ok(Ok(turn)) => Ok(turn),
        Ok(Err(_closed)) => Err(DbErr::Custom("the writers' queue is closed".into())),
        Err(_elapsed) => Err(DbErr::Custom(format!(
            "waited {} s for a turn to write",
            TURN_TIMEOUT.as_secs()
        ))),
    }
}

#[async_trait]
impl ConnectionTrait for WriteTransaction {
    fn get_database_backend(&self) -> DbBackend {
        self.transaction.get_database_backend()
    }

    async fn execute_raw(&self, statement: Statement) -> Result<ExecResult, DbErr> {
        self.transaction.execute_raw(statement).await
    }

    async fn execute_unprepared(&self, sql: &str) -> Result<ExecResult, DbErr> {
        self.transaction.execute_unprepared(sql).await
    }

    async fn query_one_raw(&self, statement: Statement) -> Result<Option<QueryResult>, DbErr> {
        self.transaction.query_one_raw(statement).await
    }

    async fn query_all_raw(&self, statement: Statement) -> Result<Vec<QueryResult>, DbErr> {
        self.transaction.query_all_raw(statement).await
    }

    fn support_returning(&self) -> bool {
        self.transaction.support_returning()
    }
}
