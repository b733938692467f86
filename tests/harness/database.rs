//! A fresh, empty database for each test, removed again afterwards.
//!
//! `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres` runs the
//! suite on PostgreSQL: each test creates its own database on that server.
//! Without it, each test gets a SQLite file in its own temporary folder.

use sea_orm::{ConnectionTrait, Database};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TestDatabaseKind {
    Sqlite,
    Postgres,
}

pub struct TestDatabase {
    pub url: String,
    kind: TestDatabaseKind,
    /// For PostgreSQL: the server URL to reconnect to for the final DROP.
    admin_url: Option<String>,
    name: String,
    _folder: Option<tempfile::TempDir>,
}

impl TestDatabase {
    /// The backend the suite runs on, from `TEST_DATABASE_URL`.
    pub fn kind_from_env() -> TestDatabaseKind {
        match std::env::var("TEST_DATABASE_URL") {
            Ok(url) if url.starts_with("postgres") => TestDatabaseKind::Postgres,
            _ => TestDatabaseKind::Sqlite,
        }
    }

    pub async fn create() -> Self {
        Self::create_of(Self::kind_from_env()).await
    }

    pub async fn create_of(kind: TestDatabaseKind) -> Self {
        match kind {
            TestDatabaseKind::Sqlite => Self::sqlite(),
            TestDatabaseKind::Postgres => {
                let admin = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
                Self::postgres(&admin).await
            }
        }
    }

    pub fn kind(&self) -> TestDatabaseKind {
        self.kind
    }

    fn sqlite() -> Self {
        let folder = tempfile::tempdir().expect("temporary folder");
        let path = folder.path().join("commonground.db");
        Self {
            url: format!("sqlite://{}", path.display()),
            kind: TestDatabaseKind::Sqlite,
            admin_url: None,
            name: path.display().to_string(),
            _folder: Some(folder),
        }
    }

    async fn postgres(admin_url: &str) -> Self {
        let name = format!("cg_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(admin_url)
            .await
            .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {admin_url}: {e}"));
        admin
            .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let (server, _) = admin_url.rsplit_once('/').expect("database URL has a path");
        Self {
            url: format!("{server}/{name}"),
            kind: TestDatabaseKind::Postgres,
            admin_url: Some(admin_url.to_string()),
            name,
            _folder: None,
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        let Some(admin_url) = self.admin_url.take() else {
            return;
        };
        let name = self.name.clone();
        // Drop runs outside async; a short-lived runtime on its own thread
        // removes the database even while the test's runtime shuts down.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async {
                if let Ok(admin) = Database::connect(&admin_url).await {
                    let _ = admin
                        .execute_unprepared(&format!(
                            "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
                        ))
                        .await;
                    let _ = admin.close().await;
                }
            });
        })
        .join();
    }
}
