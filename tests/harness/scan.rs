//! Looks through every table of a test's database for what names a
//! person: a piece of text in any text column, or an account id in any
//! column that holds one. Privacy tests use it to prove that forgetting
//! and deleting leave nothing behind, and that an export misses nothing.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement, Value};
use std::collections::BTreeMap;

/// Columns that hold an account's id, besides `users.id`.
const ACCOUNT_COLUMNS: [&str; 5] = ["user_id", "invited_by", "actor_id", "created_by", "id"];

/// Every (table, column) of the database, with whether it holds text.
async fn columns(db: &DatabaseConnection) -> Vec<(String, String, bool)> {
    let backend = db.get_database_backend();
    let mut out = Vec::new();
    match backend {
        DatabaseBackend::Sqlite => {
            let tables = db
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT name FROM sqlite_master WHERE type = 'table' \
                     AND name NOT LIKE 'sqlite_%' ORDER BY name",
                ))
                .await
                .expect("list tables");
            for table in tables {
                let table: String = table.try_get("", "name").unwrap();
                let info = db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("PRAGMA table_info(\"{table}\")"),
                    ))
                    .await
                    .expect("list columns");
                for column in info {
                    let name: String = column.try_get("", "name").unwrap();
                    let kind: String = column.try_get("", "type").unwrap();
                    let kind = kind.to_lowercase();
                    let text = kind.contains("char") || kind.contains("text") || kind.is_empty();
                    out.push((table.clone(), name, text));
                }
            }
        }
        _ => {
            let rows = db
                .query_all_raw(Statement::from_string(
                    backend,
                    "SELECT table_name::text AS t, column_name::text AS c, data_type::text AS k \
                     FROM information_schema.columns WHERE table_schema = current_schema() \
                     ORDER BY table_name, ordinal_position",
                ))
                .await
                .expect("list columns");
            for row in rows {
                let kind: String = row.try_get("", "k").unwrap();
                out.push((
                    row.try_get("", "t").unwrap(),
                    row.try_get("", "c").unwrap(),
                    kind == "text" || kind.starts_with("character"),
                ));
            }
        }
    }
    out
}

async fn count(db: &DatabaseConnection, sql: String, values: Vec<Value>) -> usize {
    let backend = db.get_database_backend();
    let row = db
        .query_one_raw(Statement::from_sql_and_values(backend, sql, values))
        .await
        .expect("count rows")
        .expect("a count");
    row.try_get::<i64>("", "n").unwrap() as usize
}

/// How many rows of each table hold `needle` in a text column.
pub async fn rows_containing(db: &DatabaseConnection, needle: &str) -> BTreeMap<String, usize> {
    let backend = db.get_database_backend();
    let mut by_table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column, text) in columns(db).await {
        if text {
            by_table.entry(table).or_default().push(column);
        }
    }
    let mut found = BTreeMap::new();
    for (table, columns) in by_table {
        let (test, placeholder) = match backend {
            DatabaseBackend::Sqlite => ("instr", "?"),
            _ => ("strpos", "$1"),
        };
        let any: Vec<String> = columns
            .iter()
            .map(|c| format!("{test}(\"{c}\", {placeholder}) > 0"))
            .collect();
        let sql = format!(
            "SELECT count(*) AS n FROM \"{table}\" WHERE {}",
            any.join(" OR ")
        );
        // SQLite numbers each `?`; PostgreSQL reuses `$1`.
        let values = match backend {
            DatabaseBackend::Sqlite => vec![needle.into(); columns.len()],
            _ => vec![needle.into()],
        };
        let n = count(db, sql, values).await;
        if n > 0 {
            found.insert(table, n);
        }
    }
    found
}

/// How many rows of each table point at the account `user_id` (its own
/// row in `users` included).
pub async fn rows_of_account(db: &DatabaseConnection, user_id: i64) -> BTreeMap<String, usize> {
    let backend = db.get_database_backend();
    let mut by_table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column, _) in columns(db).await {
        let holds_account =
            ACCOUNT_COLUMNS.contains(&column.as_str()) && (column != "id" || table == "users");
        if holds_account {
            by_table.entry(table).or_default().push(column);
        }
    }
    let mut found = BTreeMap::new();
    for (table, columns) in by_table {
        let any: Vec<String> = columns
            .iter()
            .enumerate()
            .map(|(i, c)| match backend {
                DatabaseBackend::Sqlite => format!("\"{c}\" = ?"),
                _ => format!("\"{c}\" = ${}", i + 1),
            })
            .collect();
        let sql = format!(
            "SELECT count(*) AS n FROM \"{table}\" WHERE {}",
            any.join(" OR ")
        );
        let values = vec![Value::from(user_id); columns.len()];
        let n = count(db, sql, values).await;
        if n > 0 {
            found.insert(table, n);
        }
    }
    found
}

/// Tables a refused request may still touch: rate-limit counters (a
/// refusal counts too) and the sessions' last-seen time.
const VOLATILE_TABLES: [&str; 2] = ["rate_limits", "sessions"];

/// Every row of every table as text, table by table, sorted: two snapshots
/// are equal when nothing was written in between (see
/// [`VOLATILE_TABLES`]).
pub async fn snapshot(db: &DatabaseConnection) -> BTreeMap<String, Vec<String>> {
    let backend = db.get_database_backend();
    let mut by_table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (table, column, _) in columns(db).await {
        if VOLATILE_TABLES.contains(&table.as_str()) {
            continue;
        }
        by_table.entry(table).or_default().push(column);
    }
    let mut rows_by_table = BTreeMap::new();
    for (table, columns) in by_table {
        let cast = |c: &String| match backend {
            DatabaseBackend::Postgres => format!("COALESCE(\"{c}\"::text, 'NULL')"),
            _ => format!("COALESCE(CAST(\"{c}\" AS TEXT), 'NULL')"),
        };
        let joined = columns
            .iter()
            .map(cast)
            .collect::<Vec<_>>()
            .join(" || '|' || ");
        let rows = db
            .query_all_raw(Statement::from_string(
                backend,
                format!("SELECT {joined} AS row FROM \"{table}\""),
            ))
            .await
            .expect("read a table");
        let mut rows: Vec<String> = rows
            .into_iter()
            .map(|row| row.try_get::<String>("", "row").unwrap_or_default())
            .collect();
        rows.sort();
        rows_by_table.insert(table, rows);
    }
    rows_by_table
}
