//! The integration-test harness: a real server on a random port, a fresh
//! database per test (SQLite file, or PostgreSQL when `TEST_DATABASE_URL`
//! names a server), and a real SMTP server that captures every message.

mod app;
pub mod bench;
pub mod browser;
pub mod cluster;
mod database;
pub mod fixtures;
pub mod organiser;
pub mod page;
pub mod python;
pub mod scan;
pub mod smtp;

pub use app::{
    NETWORK_HEADER, ServerProcess, TestApp, client_for_a_crowd, spawn_app, spawn_app_on,
    spawn_app_with,
};
pub use browser::Browser;
pub use database::{TestDatabase, TestDatabaseKind};
pub use page::Page;
pub use smtp::{CapturedEmail, SmtpCapture};
