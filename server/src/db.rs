//! Opening the database named by `DATABASE_URL`: SQLite (embedded, the
//! default) or PostgreSQL (for several server processes on one database).

use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::{path::Path, time::Duration};

#[derive(Debug, thiserror::Error)]
pub enum DbOpenError {
    #[error(
        "unsupported database URL {0:?}: use sqlite://path/to/file.db or postgres://user@host/database"
    )]
    UnsupportedUrl(String),
    #[error("cannot create the folder for the SQLite file {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: DbErr },
}

/// Which engine a URL names, decided once at start-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

pub async fn connect(url: &str, max_connections: u32) -> Result<DatabaseConnection, DbOpenError> {
    let backend = Backend::of(url).ok_or_else(|| DbOpenError::UnsupportedUrl(url.to_string()))?;
    let mut options = ConnectOptions::new(url);
    options
        .max_connections(max_connections)
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(10))
        // A connection that was just used is alive: pinging it before every
        // statement (sqlx's default) doubled the round trips of a page.
        // One idle for a while may have been dropped by the server, so it
        // is still checked first.
        .test_before_acquire_if_idle_for(Duration::from_secs(30))
        .sqlx_logging(false);
    if backend == Backend::Sqlite {
        create_sqlite_folder(url)?;
        options.map_sqlx_sqlite_opts(|opts| {
            opts.create_if_missing(true)
                // WAL lets readers continue while one writer commits.
                .journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sea_orm::sqlx::sqlite::SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10))
                .foreign_keys(true)
                // Read the database through the OS page cache by memory
                // mapping (up to 1 GiB; shared by all connections) rather
                // than one system call per page: searches read many small
                // index pages. Each connection keeps 16 MiB of its own.
                .pragma("mmap_size", "1073741824")
                .pragma("cache_size", "-16384")
        });
    }
    Database::connect(options)
        .await
        .map_err(|source| DbOpenError::Connect {
            url: redact_password(url),
            source,
        })
}

/// The file a SQLite URL names; `None` for an in-memory database.
pub fn sqlite_file(url: &str) -> Option<&str> {
    let path = url
        .trim_start_matches("sqlite:")
        .trim_start_matches("//")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && path != ":memory:").then_some(path)
}

fn create_sqlite_folder(url: &str) -> Result<(), DbOpenError> {
    let Some(path) = sqlite_file(url) else {
        return Ok(());
    };
    match Path::new(path).parent() {
        Some(parent) if !parent.as_os_str().is_empty() => {
            std::fs::create_dir_all(parent).map_err(|source| DbOpenError::Folder {
                path: parent.display().to_string(),
                source,
            })
        }
        _ => Ok(()),
    }
}

/// Keeps passwords in PostgreSQL URLs out of logs and error messages.
pub fn redact_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((credentials, host)) if credentials.contains(':') => {
            let user = credentials.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_appear_in_printed_urls() {
        assert_eq!(
            redact_password("postgres://app:s3cret@db.local/cg"),
            "postgres://app:***@db.local/cg"
        );
        assert_eq!(
            redact_password("postgres://postgres@127.0.0.1/cg"),
            "postgres://postgres@127.0.0.1/cg"
        );
    }

    #[test]
    fn backend_is_chosen_from_the_url_scheme() {
        assert_eq!(Backend::of("sqlite://data/x.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::of("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::of("mysql://h/db"), None);
    }
}
