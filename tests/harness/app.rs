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
    /// [`client_for_a_crowd`], for requests sent a thousand at once.
    pub crowd_client: reqwest::Client,
    pub database: TestDatabase,
    process: ServerProcess,
    _mail_folder: tempfile::TempDir,
}

/// One running server process; stopped when dropped.
pub struct ServerProcess {
    pub address: String,
    pub state: AppState,
    stop: Option<oneshot::Sender<()>>,
    finished: Option<tokio::task::JoinHandle<std::io::Result<()>>>,
}

impl ServerProcess {
    /// Builds and starts the application with `settings` on a free port.
    pub async fn start(settings: &Settings) -> Self {
        let application = Application::build(settings)
            .await
            .expect("build application");
        let port = application.port();
        let state = application.state().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let finished = tokio::spawn(application.run_until_stopped(async {
            let _ = stopped.await;
        }));
        // The search index is built in the background; wait for it, so
        // tests search through it (as a warmed-up server does).
        for _ in 0..1000 {
            if state.search_index.is_built() {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        Self {
            address: format!("http://127.0.0.1:{port}"),
            state,
            stop: Some(stop),
            finished: Some(finished),
        }
    }

    /// Stops the process and waits until it has finished.
    pub async fn shut_down(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(finished) = self.finished.take() {
            let _ = finished.await;
        }
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Starts the application on a random port with its own database and SMTP
/// capture; it stops when the `TestApp` is dropped.
///
/// Tests use `#[tokio::test(flavor = "multi_thread")]`, so the server runs on
/// worker threads as it does in production.
/// The header a test names a client's network address in.
pub const NETWORK_HEADER: &str = "x-test-network";

pub async fn spawn_app() -> TestApp {
    spawn_app_on(TestDatabase::kind_from_env()).await
}

/// [`spawn_app`] on a chosen database kind, for tests that compare the two.
pub async fn spawn_app_on(kind: TestDatabaseKind) -> TestApp {
    spawn_app_with(kind, |_| {}).await
}

/// [`spawn_app_on`] with the test settings changed by `adjust` (benchmarks
/// set them back to what a real installation runs with).
pub async fn spawn_app_with(kind: TestDatabaseKind, adjust: impl FnOnce(&mut Settings)) -> TestApp {
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
    // Retry undelivered mail quickly, so outage tests take seconds.
    settings.mail.retry_first_seconds = 0.2;
    settings.mail.retry_max_seconds = 1.0;
    settings.mail.poll_seconds = 0.2;
    // Tests write to the database directly and search right after: every
    // search catches up with the change log first.
    settings.search.max_staleness_seconds = 0.0;
    // Every test request comes from 127.0.0.1; a test stands for people on
    // other networks by naming one in this header (as a reverse proxy
    // would), e.g. to show that one network's limit leaves others alone.
    settings.server.client_ip_header = Some(NETWORK_HEADER.into());
    adjust(&mut settings);

    startup::migrate(&settings)
        .await
        .expect("migrate test database");
    // Links in emails must point at this server: take a port first, then
    // start the server with that public URL on it.
    let port = free_port();
    settings.server.port = port;
    settings.server.public_url = format!("http://127.0.0.1:{port}");
    let process = ServerProcess::start(&settings).await;

    TestApp {
        address: process.address.clone(),
        port,
        settings,
        state: process.state.clone(),
        smtp,
        client: reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            // A stuck request fails the test instead of stalling the suite.
            .timeout(std::time::Duration::from_secs(30))
            .build()
            .expect("HTTP client"),
        crowd_client: client_for_a_crowd(),
        database,
        process,
        _mail_folder: mail_folder,
    }
}

/// A port nobody listens on right now.
pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .expect("a free port")
}

/// The built site (`target/site`), found from the workspace root.
pub(crate) fn site_root() -> PathBuf {
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

/// A client without cookies or redirects for a thousand requests sent at
/// once: on two busy cores the last of them waits its turn well past the
/// 30 s that stops a single stuck request, without anything being wrong.
pub fn client_for_a_crowd() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(std::time::Duration::from_secs(120))
        .build()
        .expect("HTTP client")
}

async fn send(request: reqwest::RequestBuilder) -> reqwest::Response {
    request
        .send()
        .await
        .expect("request reaches the test server")
}

impl TestApp {
    /// Stops the server and starts it again on the same database, port and
    /// settings, as after a deployment or a crash.
    pub async fn restart(&mut self) {
        let placeholder = ServerProcess {
            address: String::new(),
            state: self.state.clone(),
            stop: None,
            finished: None,
        };
        std::mem::replace(&mut self.process, placeholder)
            .shut_down()
            .await;
        self.process = ServerProcess::start(&self.settings).await;
        self.state = self.process.state.clone();
    }

    /// A second server process on the same database and mail server (for
    /// several-process tests on PostgreSQL), on its own port.
    pub async fn another_process(&self) -> ServerProcess {
        let mut settings = self.settings.clone();
        settings.server.port = 0;
        ServerProcess::start(&settings).await
    }
}
