//! The column types that differ between SQLite and PostgreSQL, for
//! migrations that write their statements as SQL text, and running such
//! statements.

use sea_orm_migration::prelude::*;

/// `{time}` (a timestamp with its zone) and `{id}` (an auto-incrementing
/// primary key) of the database being migrated, filled into `statement`.
pub fn fill(manager: &SchemaManager, statement: &str) -> String {
    let (time, id) = if manager.get_database_backend() == sea_orm::DbBackend::Postgres {
        ("timestamp with time zone", "BIGSERIAL PRIMARY KEY")
    } else {
        (
            "timestamp_with_timezone_text",
            "INTEGER PRIMARY KEY AUTOINCREMENT",
        )
    };
    statement.replace("{time}", time).replace("{id}", id)
}

/// Runs `statements` in order, each with its column types filled in
/// ([`fill`]; a statement without `{time}` or `{id}` runs as written).
pub async fn execute_all(manager: &SchemaManager<'_>, statements: &[&str]) -> Result<(), DbErr> {
    let db = manager.get_connection();
    for statement in statements {
        db.execute_unprepared(&fill(manager, statement)).await?;
    }
    Ok(())
}
