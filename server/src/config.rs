//! Layered configuration: built-in defaults, then an optional TOML file, then
//! environment variables (`COMMONGROUND_…`, with `__` between sections, plus
//! the conventional `DATABASE_URL`). Secrets are wrapped so they never print.

use figment::{
    Figment,
    providers::{Env, Format, Serialized, Toml},
};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::{net::IpAddr, path::PathBuf};

pub use app::backend::mail::SmtpSecurity;

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub mail: MailSettings,
    pub map: MapSettings,
    pub search: SearchSettings,
    pub reply_limits: ReplyLimits,
    #[serde(default)]
    pub sign_in_limits: SignInLimits,
    pub log: LogSettings,
    #[serde(default)]
    pub metrics: MetricsSettings,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct MetricsSettings {
    /// Addresses and networks (`10.0.0.0/8`) that may read `/metrics`,
    /// connecting directly rather than through the reverse proxy.
    pub allow_from: Vec<String>,
}

impl Default for MetricsSettings {
    fn default() -> Self {
        Self {
            allow_from: vec!["127.0.0.1".into(), "::1".into()],
        }
    }
}

pub use app::backend::rate_limit::{ReplyLimits, SignInLimits};

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SearchSettings {
    /// How old, at most, the in-memory search index may be when it answers:
    /// gatherings changed by another process show up in search after at
    /// most this long. 0 makes every search check the database's change
    /// log first (the tests do, to be deterministic).
    pub max_staleness_seconds: f64,
}

pub use app::backend::state::MapSettings;

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct ServerSettings {
    pub host: IpAddr,
    /// 0 asks the operating system for a free port (used by the tests).
    pub port: u16,
    /// The address people reach this instance at; used in links in emails.
    pub public_url: String,
    /// Folder with the built site: `pkg/` (JS and WASM) and the `public/` files.
    pub site_root: PathBuf,
    /// How long in-flight requests may take to finish after SIGTERM.
    pub shutdown_grace_seconds: u64,
    /// Behind a reverse proxy: the header it sets with the client's address
    /// (e.g. `x-forwarded-for`), used for per-network rate limits. Leave
    /// unset when clients connect directly, or they could forge it.
    pub client_ip_header: Option<String>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct DatabaseSettings {
    /// `sqlite://path/to/file.db` or `postgres://user@host/db`.
    pub url: String,
    pub max_connections: u32,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct MailSettings {
    /// The sender shown in every email, e.g. `Common Ground <hello@example.org>`.
    pub from: String,
    /// Where mail goes when no SMTP server is configured.
    pub folder: PathBuf,
    pub smtp: Option<SmtpConfig>,
    /// Seconds before the first retry of an email that could not be sent;
    /// each further failure doubles it, up to `retry_max_seconds`.
    pub retry_first_seconds: f64,
    pub retry_max_seconds: f64,
    /// How often the outbox is checked for mail written by other processes.
    pub poll_seconds: f64,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct SmtpConfig {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub username: Option<String>,
    #[serde(skip_serializing)]
    pub password: Option<SecretString>,
}

#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable lines for a terminal.
    Pretty,
    /// One JSON object per line for log collectors.
    Json,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A `tracing` filter such as `info` or `server=debug,sqlx=warn`.
    pub filter: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            server: ServerSettings {
                host: [127, 0, 0, 1].into(),
                port: 3000,
                public_url: "http://127.0.0.1:3000".into(),
                site_root: "target/site".into(),
                shutdown_grace_seconds: 20,
                client_ip_header: None,
            },
            database: DatabaseSettings {
                url: "sqlite://data/commonground.db".into(),
                max_connections: 10,
            },
            mail: MailSettings {
                from: "Common Ground <no-reply@localhost>".into(),
                folder: "data/mail".into(),
                smtp: None,
                retry_first_seconds: 30.0,
                retry_max_seconds: 3600.0,
                poll_seconds: 2.0,
            },
            map: MapSettings::default(),
            search: SearchSettings {
                max_staleness_seconds: 1.0,
            },
            reply_limits: ReplyLimits::default(),
            sign_in_limits: SignInLimits::default(),
            log: LogSettings {
                format: LogFormat::Pretty,
                filter: "info,sqlx=warn,sea_orm=warn".into(),
            },
            metrics: MetricsSettings::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("invalid configuration: {0}")]
pub struct ConfigError(#[from] Box<figment::Error>);

impl Settings {
    /// Reads defaults, then `file` (if given or `commonground.toml` exists),
    /// then the environment.
    pub fn load(file: Option<&std::path::Path>) -> Result<Self, ConfigError> {
        let mut figment = Figment::from(Serialized::defaults(Settings::default()));
        match file {
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None => figment = figment.merge(Toml::file("commonground.toml")),
        }
        figment = figment
            .merge(Env::prefixed("COMMONGROUND_").split("__"))
            .merge(
                Env::raw()
                    .only(&["DATABASE_URL"])
                    .map(|_| "database.url".into()),
            );
        figment.extract().map_err(|e| ConfigError(Box::new(e)))
    }
}

#[cfg(test)]
// figment's `Jail` closures return its large error type; fine in tests.
#[expect(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;

    #[test]
    fn defaults_run_out_of_the_box_on_sqlite_with_mail_to_a_folder() {
        Jail::expect_with(|_jail| {
            let settings = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(settings.database.url, "sqlite://data/commonground.db");
            assert_eq!(settings.server.port, 3000);
            assert!(settings.mail.smtp.is_none());
            Ok(())
        });
    }

    #[test]
    fn the_environment_overrides_the_file_which_overrides_defaults() {
        Jail::expect_with(|jail| {
            jail.create_file(
                "commonground.toml",
                r#"
                [server]
                port = 8080
                public_url = "https://meet.example.org"
                [mail.smtp]
                host = "smtp.example.org"
                port = 587
                security = "starttls"
                username = "cg"
                password = "from-the-file"
                "#,
            )?;
            jail.set_env("COMMONGROUND_SERVER__PORT", "9090");
            jail.set_env("DATABASE_URL", "postgres://cg@db/cg");

            let settings = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(settings.server.port, 9090);
            assert_eq!(settings.server.public_url, "https://meet.example.org");
            assert_eq!(settings.database.url, "postgres://cg@db/cg");
            let smtp = settings.mail.smtp.expect("smtp from the file");
            assert_eq!(smtp.security, SmtpSecurity::StartTls);
            assert!(
                !format!("{smtp:?}").contains("from-the-file"),
                "secrets never print"
            );
            Ok(())
        });
    }
}
