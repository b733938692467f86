//! The column types that differ between SQLite and PostgreSQL, for
//! migrations that write their statements as SQL text.

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
