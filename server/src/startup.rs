//! Building and running the HTTP application. The binary and the integration
//! tests go through the same `Application::build`.

use crate::{
    background,
    config::Settings,
    db::{self, DbOpenError},
    metrics::{AllowList, Metrics},
    routes::{self, RouterSettings},
};
use app::backend::{
    AppState,
    mail::{MailError, Mailer, SmtpSettings},
    outbox::{OutboxDoorbell, worker::RetryPolicy},
    search::SearchIndex,
};
use leptos::config::LeptosOptions;
use migration::{Migrator, MigratorTrait};
use secrecy::ExposeSecret;
use std::{future::Future, net::SocketAddr, time::Duration};
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(transparent)]
    Database(#[from] DbOpenError),
    #[error(
        "the database schema is not up to date ({0} migration(s) pending): run `commonground migrate` first"
    )]
    PendingMigrations(usize),
    #[error("cannot read the database schema version: {0}")]
    SchemaCheck(sea_orm::DbErr),
    #[error("address {0} is already in use: stop the other server or choose another port")]
    PortInUse(SocketAddr),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("mail settings are invalid: {0}")]
    Mail(#[from] MailError),
    #[error("invalid sender address {0:?} in mail.from")]
    MailFrom(String),
    #[error("search.max_staleness_seconds must be between 0 and {MAX_STALENESS_SECONDS}, not {0}")]
    SearchStaleness(f64),
    #[error(
        "metrics.allow_from holds {0:?}, which is not an address or a network such as 10.0.0.0/8"
    )]
    MetricsAllow(String),
}

/// Beyond this, the change log rows a process needs may have been pruned.
const MAX_STALENESS_SECONDS: f64 = 60.0;

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    state: AppState,
    metrics: Metrics,
    grace: Duration,
    retry: RetryPolicy,
}

impl Application {
    /// Opens the database, checks the schema, prepares mail and binds the
    /// port. Nothing is served until [`Application::run_until_stopped`].
    pub async fn build(settings: &Settings) -> Result<Self, StartupError> {
        let db = db::connect(&settings.database.url, settings.database.max_connections).await?;
        let pending = Migrator::get_pending_migrations(&db)
            .await
            .map_err(StartupError::SchemaCheck)?
            .len();
        if pending > 0 {
            return Err(StartupError::PendingMigrations(pending));
        }
        let state = AppState {
            db,
            mailer: build_mailer(settings)?,
            public_url: settings.server.public_url.trim_end_matches('/').to_string(),
            map: settings.map.clone(),
            outbox: OutboxDoorbell::default(),
            search_index: SearchIndex::new(max_staleness(settings)?),
            reply_limits: settings.reply_limits,
            sign_in_limits: settings.sign_in_limits,
            pictures: Default::default(),
        };

        // Unpack the place-name gazetteer now, not on the first search.
        tokio::task::spawn_blocking(app::backend::gazetteer::Gazetteer::global);

        let addr = SocketAddr::new(settings.server.host, settings.server.port);
        let listener = TcpListener::bind(addr).await.map_err(|source| {
            if source.kind() == std::io::ErrorKind::AddrInUse {
                StartupError::PortInUse(addr)
            } else {
                StartupError::Bind { addr, source }
            }
        })?;
        let local_addr = listener
            .local_addr()
            .map_err(|source| StartupError::Bind { addr, source })?;

        let leptos_options = LeptosOptions::builder()
            .output_name("commonground")
            .site_root(settings.server.site_root.display().to_string())
            .site_pkg_dir(routes::static_files::bundle_dir(&settings.server.site_root))
            .site_addr(local_addr)
            .build();
        let metrics = Metrics::default();
        let router = routes::router(
            leptos_options,
            state.clone(),
            RouterSettings {
                client_ip_header: settings.server.client_ip_header.clone(),
                metrics: metrics.clone(),
                metrics_allow: AllowList::parse(&settings.metrics.allow_from)
                    .map_err(StartupError::MetricsAllow)?,
            },
        );

        Ok(Self {
            listener,
            router,
            state,
            metrics,
            grace: Duration::from_secs(settings.server.shutdown_grace_seconds),
            retry: retry_policy(settings),
        })
    }

    pub fn port(&self) -> u16 {
        self.listener
            .local_addr()
            .map(|a| a.port())
            .unwrap_or_default()
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` resolves, then lets in-flight requests finish
    /// (for at most the configured grace period).
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: finishing requests in flight");
            let _ = stopping_tx.send(());
        };
        // Background work lives as long as the server: sending mail and
        // tidying expired rows. Dropping the guard at the end stops both.
        let _background = background::start(&self.state, self.retry, &self.metrics);
        let serve = axum::serve(
            self.listener,
            self.router
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(signal);
        let grace = self.grace;
        let deadline = async move {
            if stopping_rx.await.is_ok() {
                tokio::time::sleep(grace).await;
            } else {
                std::future::pending::<()>().await;
            }
        };
        tokio::select! {
            result = serve => result,
            () = deadline => {
                tracing::warn!(seconds = grace.as_secs(), "requests still running after the grace period; stopping anyway");
                Ok(())
            }
        }
    }
}

/// Runs every pending migration; the `migrate` command and the tests use it.
pub async fn migrate(settings: &Settings) -> Result<(), StartupError> {
    let db = db::connect(&settings.database.url, 1).await?;
    Migrator::up(&db, None)
        .await
        .map_err(StartupError::SchemaCheck)
}

fn max_staleness(settings: &Settings) -> Result<Duration, StartupError> {
    let seconds = settings.search.max_staleness_seconds;
    if !(0.0..=MAX_STALENESS_SECONDS).contains(&seconds) {
        return Err(StartupError::SearchStaleness(seconds));
    }
    Ok(Duration::from_secs_f64(seconds))
}

fn retry_policy(settings: &Settings) -> RetryPolicy {
    let seconds = |s: f64| Duration::from_secs_f64(s.max(0.01));
    RetryPolicy {
        first_retry: seconds(settings.mail.retry_first_seconds),
        max_retry: seconds(settings.mail.retry_max_seconds),
        poll: seconds(settings.mail.poll_seconds),
        ..RetryPolicy::default()
    }
}

fn build_mailer(settings: &Settings) -> Result<Mailer, StartupError> {
    let from = settings
        .mail
        .from
        .parse()
        .map_err(|_| StartupError::MailFrom(settings.mail.from.clone()))?;
    Ok(match &settings.mail.smtp {
        Some(smtp) => Mailer::smtp(
            &SmtpSettings {
                host: smtp.host.clone(),
                port: smtp.port,
                security: smtp.security,
                credentials: smtp.username.clone().zip(
                    smtp.password
                        .as_ref()
                        .map(|p| p.expose_secret().to_string()),
                ),
            },
            from,
        )?,
        None => Mailer::folder(settings.mail.folder.clone(), from)?,
    })
}

/// Resolves on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
