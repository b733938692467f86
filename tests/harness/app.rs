//! `spawn_app()`: the real application on 127.0.0.1:0 with its own database
//! and SMTP capture, plus helpers that talk to it over HTTP.

use crate::{
    database::{TestDatabase, TestDatabaseKind},
    page::Page,
    smtp::SmtpCapture,
};
use app::backend::AppState;
use server::{
    config::{Settings, SmtpConfig, SmtpSecurity},
    startup::{self, Application},
};
use std::path::PathBuf;
use tokio::sync::oneshot;

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub settings: Settings,
    pub state: AppState,
    pub smtp: SmtpCapture,
    /// Keeps cookies between requests, like a browser.
    pub client: reqwest::Client,
    pub database: TestDatabase,
    stop: Option<oneshot::Sender<()>>,
    _mail_folder: tempfile::TempDir,
}

/// Starts the application on a random port with its own database and SMTP
/// capture; it stops when the `TestApp` is dropped.
///
/// Tests use `#[tokio::test(flavor = "multi_thread")]`, so the server runs on
/// worker threads as it does in production.
pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDatabase::kind_from_env()).await
}

/// [`spawn_app`] on a chosen database kind, for tests that compare the two.
pub async fn spawn_app_on(kind: TestDatabaseKind) -> TestApp {
    let database = TestDatabase::create_of(kind).await;
    let smtp = SmtpCapture::start().await;
    let mail_folder = tempfile::tempdir().expect("mail folder");

    let mut settings = Settings::default();
    settings.server.port = 0;
    settings.server.site_root = site_root();
    settings.server.shutdown_grace_seconds = 2;
    settings.database.url = database.url.clone();
    settings.database.max_connections = 5;
    settings.mail.folder = mail_folder.path().to_path_buf();
    settings.mail.smtp = Some(SmtpConfig {
        host: "127.0.0.1".into(),
        port: smtp.port(),
        security: SmtpSecurity::None,
        username: None,
        password: None,
    });

    startup::migrate(&settings)
        .await
        .expect("migrate test database");
    let application = Application::build(&settings)
        .await
        .expect("build application");
    let port = application.port();
    let state = application.state().clone();
    let (stop, stopped) = oneshot::channel::<()>();
    tokio::spawn(application.run_until_stopped(async {
        let _ = stopped.await;
    }));
    settings.server.public_url = format!("http://127.0.0.1:{port}");

    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        settings,
        state,
        smtp,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails the test instead of stalling the suite.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("HTTP client"),
        database,
        stop: Some(stop),
        _mail_folder: mail_folder,
    }
}

/// The built site (`target/site`), found from the workspace root.
fn site_root() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target"));
    target.join("site")
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        send(self.client.get(self.url(path))).await
    }

    /// GETs `path` with one extra request header (e.g. `accept-language`).
    pub async fn get_with(&self, path: &str, header: &str, value: &str) -> reqwest::Response {
        send(self.client.get(self.url(path)).header(header, value)).await
    }

    /// GETs a page as a browser set to `language` would.
    pub async fn page_in(&self, language: &str, path: &str) -> Page {
        Page::from_response(self.get_with(path, "accept-language", language).await).await
    }

    /// GETs a page, ready to be queried by selector.
    pub async fn page(&self, path: &str) -> Page {
        Page::from_response(self.get(path).await).await
    }
}

async fn send(request: reqwest::RequestBuilder) -> reqwest::Response {
    request
        .send()
        .await
        .expect("request reaches the test server")
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}
