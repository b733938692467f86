//! SQLite cannot alter a column's CHECK or NOT NULL, so a migration that
//! needs to rebuilds the table from its own stored definition, the
//! documented way: create a copy with the changed definition, copy every
//! row, drop the old table, rename the copy, create the indexes again.
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
    let index_sql: Vec<String> = db
        .query_all_raw(schema("index"))
        .await?
        .iter()
        .map(|row| row.try_get("", "sql"))
        .collect::<Result<_, _>>()?;
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
    for index in index_sql {
        db.execute_unprepared(&index).await?;
    }
    Ok(())
}
