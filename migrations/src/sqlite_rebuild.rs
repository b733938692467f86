//! SQLite cannot alter a column's CHECK or NOT NULL, so a migration that
//! needs to rebuilds the table from its own stored definition, the
//! documented way: create a copy with the changed definition, copy every
//! row, drop the old table, rename the copy, create the indexes and
//! triggers again (dropping a table drops its triggers). Triggers of
//! *other* tables that write to it are not handled: rebuilding
//! `occurrence_seats` would first need `rsvps_count_waiting_*` (migration
//! 21) dropped, since SQLite checks every trigger when a table is renamed.
//! Run it inside the migration's transaction, so a failure half-way never
//! leaves the table missing.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{ConnectionTrait, DatabaseBackend, Statement},
};

/// Rebuilds `table` with `change` applied to its `CREATE TABLE` statement.
/// `expect` must occur in the old definition, so a schema that is not
/// what the migration was written for stops it instead of being mangled.
pub async fn rebuild<C: ConnectionTrait>(
    db: &C,
    table: &str,
    expect: &str,
    change: impl Fn(&str) -> String,
) -> Result<(), DbErr> {
    let schema = |kind: &str| {
        Statement::from_string(
            DatabaseBackend::Sqlite,
            format!(
                "SELECT sql FROM sqlite_master WHERE type = '{kind}' AND tbl_name = '{table}' AND sql IS NOT NULL"
            ),
        )
    };
    let table_sql: String = db
        .query_one_raw(schema("table"))
        .await?
        .ok_or_else(|| DbErr::Migration(format!("no {table} table")))?
        .try_get("", "sql")?;
    let mut recreated: Vec<String> = Vec::new();
    for kind in ["index", "trigger"] {
        for row in db.query_all_raw(schema(kind)).await? {
            recreated.push(row.try_get("", "sql")?);
        }
    }
    if !table_sql.contains(expect) {
        return Err(DbErr::Migration(format!(
            "unexpected {table} definition: {table_sql}"
        )));
    }
    let rebuilt = format!("{table}_rebuilt");
    let new_table =
        change(&table_sql).replacen(&format!("\"{table}\""), &format!("\"{rebuilt}\""), 1);
    db.execute_unprepared(&new_table).await?;
    db.execute_unprepared(&format!("INSERT INTO {rebuilt} SELECT * FROM {table}"))
        .await?;
    db.execute_unprepared(&format!("DROP TABLE {table}"))
        .await?;
    db.execute_unprepared(&format!("ALTER TABLE {rebuilt} RENAME TO {table}"))
        .await?;
    for index_or_trigger in recreated {
        db.execute_unprepared(&index_or_trigger).await?;
    }
    Ok(())
}
