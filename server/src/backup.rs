//! `commonground backup FILE`: a consistent copy of a live SQLite database,
//! made while the server goes on serving and writing. `VACUUM INTO` reads
//! one snapshot of the database and writes it out compacted; writers carry
//! on meanwhile (WAL), and what they commit after the snapshot is simply not
//! in the copy. PostgreSQL is backed up with its own tools (pg_dump, see
//! docs/deployment.md).

use crate::admin::Failure;
use crate::cli::exit_code;
use crate::config::Settings;
use crate::db::{self, Backend};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use std::path::Path;

/// Writes the backup to `file`, which must not exist yet, and checks that
/// the copy opens and is whole. Says what it wrote.
pub async fn to_file(settings: &Settings, file: &Path) -> Result<String, Failure> {
    let url = &settings.database.url;
    if Backend::of(url) != Some(Backend::Sqlite) && Backend::of(url) != Some(Backend::Postgres) {
        return Err(Failure::database(format!(
            "{} is not a SQLite or PostgreSQL database URL",
            db::redact_password(url)
        )));
    }
    if Backend::of(url) == Some(Backend::Postgres) {
        return Err(Failure {
            code: exit_code::CONFIG,
            message: "this installation runs on PostgreSQL: back it up with PostgreSQL's own \
                      tools, e.g. pg_dump --format=custom (see docs/deployment.md)"
                .into(),
        });
    }
    // SQLite reads some names as URIs or as "in memory", and the copy is
    // then opened by URL, where '?', '#' and '%' mean something.
    let Some(target) = file
        .to_str()
        .filter(|name| !name.contains(['?', '#', '%']))
        .filter(|name| !name.starts_with("file:") && !name.starts_with(':'))
    else {
        return Err(Failure::refused(
            "name the backup's file plainly: UTF-8, not starting with 'file:' or ':', \
             without '?', '#' or '%'",
        ));
    };
    // Opening a SQLite URL would create a missing file.
    let no_database = || {
        Failure::database(format!(
            "{} holds no Common Ground database (run `commonground migrate` first, or check DATABASE_URL)",
            db::redact_password(url)
        ))
    };
    if !db::sqlite_file(url).is_some_and(|path| Path::new(path).is_file()) {
        return Err(no_database());
    }
    let live = db::connect(url, 1).await.map_err(Failure::database)?;
    live.query_one_raw(Statement::from_string(
        DbBackend::Sqlite,
        "SELECT 1 FROM seaql_migrations LIMIT 1",
    ))
    .await
    .map_err(|_| no_database())?;
    create_empty(file)?;
    let copied = live
        .execute_raw(Statement::from_sql_and_values(
            DbBackend::Sqlite,
            "VACUUM INTO ?",
            [target.into()],
        ))
        .await;
    if let Err(error) = copied {
        let _ = std::fs::remove_file(file);
        return Err(Failure::database(format!("cannot write {target}: {error}")));
    }
    live.close().await.map_err(Failure::database)?;
    check_whole(target).await?;
    let bytes = std::fs::metadata(file).map_or(0, |meta| meta.len());
    Ok(format!(
        "backup written to {target} ({bytes} bytes; integrity check ok)"
    ))
}

/// Creates the backup's file, empty (which `VACUUM INTO` accepts), readable
/// by its owner only: it holds guests' addresses. A backup never replaces
/// an earlier one: a file already there is refused.
fn create_empty(file: &Path) -> Result<(), Failure> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Failure::refused(format!(
                "{} already exists: name a new file, so that no earlier backup is overwritten",
                file.display()
            )))
        }
        Err(error) => Err(Failure::refused(format!(
            "cannot create {}: {error}",
            file.display()
        ))),
    }
}

/// Opens the copy as the server would and asks SQLite to check every page.
async fn check_whole(file: &str) -> Result<(), Failure> {
    let copy = db::connect(&format!("sqlite://{file}"), 1)
        .await
        .map_err(Failure::database)?;
    let verdict = copy
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "PRAGMA integrity_check",
        ))
        .await
        .map_err(Failure::database)?
        .and_then(|row| row.try_get_by_index::<String>(0).ok());
    // And it is this database, not an empty file opened by mistake.
    let migrated = copy
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "SELECT 1 FROM seaql_migrations LIMIT 1",
        ))
        .await
        .is_ok_and(|row| row.is_some());
    copy.close().await.map_err(Failure::database)?;
    match verdict.as_deref() {
        Some("ok") if migrated => Ok(()),
        Some("ok") => Err(Failure::database(format!(
            "{file} does not hold the copied database"
        ))),
        other => Err(Failure::database(format!(
            "the backup in {file} failed SQLite's integrity check: {}",
            other.unwrap_or("no answer")
        ))),
    }
}
