//! Several `commonground serve` processes on one PostgreSQL database behind
//! a real nginx, set up as docs/deployment.md tells an operator to: one
//! configuration file, `migrate` once, then the processes, each waited for
//! on `/readyz`. Used by `tests/bench/cluster.rs`.
//!
//! nginx listens on one port that shares requests among the processes in
//! turn, and on one port per process, so that a check can send a request
//! through the proxy to a process of its choosing (sign in on one, be
//! signed in on another). Clients connect from addresses of their own in
//! 127.0.0.0/8, which nginx names in `X-Forwarded-For`: per-network limits
//! count them apart exactly as they would count people.

use crate::{SmtpCapture, TestDatabase, TestDatabaseKind, app::free_port, app::site_root};
use anyhow::{Context, bail};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

/// How long a process may take to answer `/readyz` on a busy machine.
const READY_WITHIN: Duration = Duration::from_secs(60);

pub struct Cluster {
    /// The processes, then nginx; stopped when the cluster drops, before
    /// its database is removed (fields drop in this order).
    children: Vec<Running>,
    /// nginx, passing each request to the next process in turn.
    pub address: String,
    /// nginx in front of one process each, in process order.
    pub through: Vec<String>,
    /// Each process directly (for `/metrics`, which refuses the proxy).
    pub direct: Vec<String>,
    pub smtp: SmtpCapture,
    pub database: TestDatabase,
    folder: tempfile::TempDir,
}

impl Cluster {
    /// Starts `processes` servers from the binary `binary` (see [`binary`])
    /// on a fresh PostgreSQL database (`TEST_DATABASE_URL`) and nginx in
    /// front of them.
    pub async fn start(binary: &Path, processes: usize) -> anyhow::Result<Self> {
        let folder = tempfile::tempdir()?;
        let database = TestDatabase::create_of(TestDatabaseKind::Postgres).await;
        let smtp = SmtpCapture::start().await;
        let proxy_port = free_port();
        let address = format!("http://127.0.0.1:{proxy_port}");
        let config = folder.path().join("commonground.toml");
        std::fs::write(&config, configuration(&database.url, &address, &smtp))?;

        let migrate = command(binary, &config, folder.path())
            .arg("migrate")
            .output()?;
        if !migrate.status.success() {
            bail!(
                "migrate failed: {}",
                String::from_utf8_lossy(&migrate.stderr)
            );
        }

        let mut children = Vec::new();
        let mut direct = Vec::new();
        // One at a time, each ready before the next starts (as the
        // deployment guide says for a rolling start).
        for n in 0..processes {
            let port = free_port();
            let log = std::fs::File::create(folder.path().join(format!("server-{n}.log")))?;
            let child = command(binary, &config, folder.path())
                .arg("serve")
                .env("COMMONGROUND_SERVER__PORT", port.to_string())
                .stdout(log.try_clone()?)
                .stderr(log)
                .spawn()
                .context("start commonground serve")?;
            children.push(Running(child));
            let process = format!("http://127.0.0.1:{port}");
            wait_until_ready(&process, children.last_mut().expect("just pushed")).await?;
            direct.push(process);
        }

        let ports: Vec<u16> = (0..processes).map(|_| free_port()).collect();
        let backends: Vec<&str> = direct
            .iter()
            .map(|url| url.trim_start_matches("http://"))
            .collect();
        let nginx_conf = folder.path().join("nginx.conf");
        std::fs::create_dir_all(folder.path().join("nginx-temp"))?;
        std::fs::write(
            &nginx_conf,
            nginx_configuration(folder.path(), proxy_port, &ports, &backends),
        )?;
        let nginx = Command::new(nginx_binary())
            .args(["-p"])
            .arg(folder.path())
            .arg("-c")
            .arg(&nginx_conf)
            .args(["-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(folder.path().join("nginx.out"))?)
            .spawn()
            .context("start nginx (Debian package nginx)")?;
        children.push(Running(nginx));
        let through: Vec<String> = ports
            .iter()
            .map(|port| format!("http://127.0.0.1:{port}"))
            .collect();
        for proxy in std::iter::once(&address).chain(&through) {
            wait_until_ready(proxy, children.last_mut().expect("nginx")).await?;
        }
        Ok(Self {
            children,
            address,
            through,
            direct,
            smtp,
            database,
            folder,
        })
    }

    /// The last lines each process and nginx logged, for a failure report.
    pub fn logs(&self) -> String {
        let mut logs = String::new();
        let mut names: Vec<PathBuf> = std::fs::read_dir(self.folder.path())
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        names.sort();
        for path in names.iter().filter(|p| {
            p.extension()
                .is_some_and(|extension| extension == "log" || extension == "out")
        }) {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(20).collect();
            logs.push_str(&format!("--- {}\n", path.display()));
            for line in tail.into_iter().rev() {
                logs.push_str(line);
                logs.push('\n');
            }
        }
        logs
    }

    /// Whether every process and nginx still runs.
    pub fn all_running(&mut self) -> bool {
        self.children
            .iter_mut()
            .all(|child| matches!(child.0.try_wait(), Ok(None)))
    }
}

/// The server binary: `COMMONGROUND_BIN`, else the release build in the
/// target folder (`scripts/bench cluster` builds it).
pub fn binary() -> PathBuf {
    std::env::var_os("COMMONGROUND_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| site_root().with_file_name("release").join("commonground"))
}

fn nginx_binary() -> PathBuf {
    std::env::var_os("NGINX")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/sbin/nginx"))
}

/// `binary` with the configuration file and nothing inherited that could
/// change it (the shell's own `COMMONGROUND_…` or `RUST_LOG`).
fn command(binary: &Path, config: &Path, folder: &Path) -> Command {
    let mut command = Command::new(binary);
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy().into_owned();
        if name.starts_with("COMMONGROUND_") || name == "RUST_LOG" || name == "DATABASE_URL" {
            command.env_remove(name);
        }
    }
    command.arg("--config").arg(config).current_dir(folder);
    command
}

/// One configuration for every process, as an operator writes it. Limits
/// and timings are the defaults a real installation runs with.
fn configuration(database_url: &str, public_url: &str, smtp: &SmtpCapture) -> String {
    format!(
        r#"[server]
public_url = "{public_url}"
site_root = "{site}"
client_ip_header = "x-forwarded-for"
shutdown_grace_seconds = 2

[database]
url = "{database_url}"
max_connections = 10

[mail]
folder = "mail"

[mail.smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"

[log]
format = "json"
filter = "warn"
"#,
        site = site_root().display(),
        smtp_port = smtp.port(),
    )
}

/// nginx as docs/deployment.md configures it (without TLS), with one
/// upstream of every process and one of each.
fn nginx_configuration(folder: &Path, shared: u16, ports: &[u16], backends: &[&str]) -> String {
    let folder = folder.display();
    // Run as root (CI is), nginx would start its workers as `nobody`, who
    // cannot enter this private temporary folder.
    let as_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let mut conf = format!(
        "{user}worker_processes 1;\n\
         pid {folder}/nginx.pid;\n\
         error_log {folder}/nginx-error.log warn;\n\
         events {{ worker_connections 4096; }}\n\
         http {{\n\
         access_log off;\n\
         client_body_temp_path {folder}/nginx-temp/body;\n\
         proxy_temp_path {folder}/nginx-temp/proxy;\n\
         fastcgi_temp_path {folder}/nginx-temp/fastcgi;\n\
         uwsgi_temp_path {folder}/nginx-temp/uwsgi;\n\
         scgi_temp_path {folder}/nginx-temp/scgi;\n",
        user = if as_root { "user root;\n" } else { "" },
    );
    let mut upstream = |name: &str, members: &[&str]| {
        conf.push_str(&format!("upstream {name} {{\n"));
        for member in members {
            conf.push_str(&format!("  server {member};\n"));
        }
        conf.push_str("  keepalive 32;\n}\n");
    };
    upstream("commonground", backends);
    for (n, backend) in backends.iter().enumerate() {
        upstream(&format!("commonground_{n}"), &[backend]);
    }
    let server = |port: u16, upstream: &str| {
        format!(
            "server {{\n  listen 127.0.0.1:{port};\n  client_max_body_size 11m;\n  \
             location / {{\n    proxy_pass http://{upstream};\n    proxy_http_version 1.1;\n    \
             proxy_set_header Connection \"\";\n    proxy_set_header Host $host;\n    \
             proxy_set_header X-Forwarded-For $remote_addr;\n    \
             proxy_set_header X-Forwarded-Proto $scheme;\n  }}\n  \
             location = /metrics {{ return 404; }}\n}}\n"
        )
    };
    conf.push_str(&server(shared, "commonground"));
    for (n, port) in ports.iter().enumerate() {
        conf.push_str(&server(*port, &format!("commonground_{n}")));
    }
    conf.push_str("}\n");
    conf
}

/// Waits until `address` answers `/readyz` with 200, or fails once `child`
/// has exited or the time is up.
async fn wait_until_ready(address: &str, child: &mut Running) -> anyhow::Result<()> {
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()?;
    let deadline = Instant::now() + READY_WITHIN;
    loop {
        if let Some(status) = child.0.try_wait()? {
            bail!("{address}: the process exited before it was ready ({status})");
        }
        let ready = client
            .get(format!("{address}/readyz"))
            .send()
            .await
            .is_ok_and(|response| response.status() == 200);
        if ready {
            return Ok(());
        }
        if Instant::now() > deadline {
            bail!("{address} was not ready within {READY_WITHIN:?}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A child process, stopped when dropped so that a failed run leaves
/// nothing behind: asked with SIGTERM (nginx's master then stops its
/// workers, which SIGKILL would leave running), killed if it lingers.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        if !matches!(self.0.try_wait(), Ok(None)) {
            return;
        }
        let _ = Command::new("kill")
            .args(["-TERM", &self.0.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if !matches!(self.0.try_wait(), Ok(None)) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
