//! A folder of its own for one `commonground` process, as an operator
//! would give it: its SQLite file, mail folder and site, the binary run
//! there with a command line and environment.

#![allow(dead_code)] // each test binary uses part of it

use std::{
    net::{TcpListener, TcpStream},
    process::{Child, Command, Output, Stdio},
    time::{Duration, Instant},
};

pub const BIN: &str = env!("CARGO_BIN_EXE_commonground");

pub struct Sandbox {
    pub folder: tempfile::TempDir,
}

impl Sandbox {
    pub fn new() -> Self {
        Self {
            folder: tempfile::tempdir().unwrap(),
        }
    }

    pub fn database_path(&self) -> std::path::PathBuf {
        self.folder.path().join("db").join("commonground.db")
    }

    pub fn database_url(&self) -> String {
        format!("sqlite://{}", self.database_path().display())
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(self.folder.path())
            .env_remove("RUST_LOG")
            .env("DATABASE_URL", self.database_url())
            .env("COMMONGROUND_MAIL__FOLDER", self.folder.path().join("mail"))
            .env(
                "COMMONGROUND_SERVER__SITE_ROOT",
                self.folder.path().join("site"),
            );
        command
    }

    pub fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        let mut command = self.command(args);
        command.envs(env.iter().copied());
        command.output().unwrap()
    }

    /// `commonground serve` on `port` with `env` added, once it accepts
    /// connections. Its log goes to `stderr`.
    pub fn serve(&self, port: u16, env: &[(&str, &str)], stderr: Stdio) -> Server {
        let mut server = Server(
            self.command(&["serve"])
                .env("COMMONGROUND_SERVER__PORT", port.to_string())
                .envs(env.iter().copied())
                .stderr(stderr)
                .spawn()
                .unwrap(),
        );
        // Generous: CI machines are busy.
        let deadline = Instant::now() + Duration::from_secs(30);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Some(status) = server.try_wait().unwrap() {
                panic!("the server exited before it listened: {status}");
            }
            assert!(Instant::now() < deadline, "server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        server
    }
}

/// A running `commonground serve`, killed when dropped, so that a failed
/// test leaves no server behind.
pub struct Server(pub Child);

impl std::ops::Deref for Server {
    type Target = Child;
    fn deref(&self) -> &Child {
        &self.0
    }
}

impl std::ops::DerefMut for Server {
    fn deref_mut(&mut self) -> &mut Child {
        &mut self.0
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.0.try_wait() {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}
