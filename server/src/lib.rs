//! The Common Ground server process: configuration, the HTTP application,
//! background workers and the command line. The integration tests build the
//! same [`startup::Application`] the binary runs.

pub mod admin;
mod allocator;
pub mod background;
pub mod backup;
pub mod cli;
pub mod config;
pub mod db;
pub mod metrics;
pub mod routes;
pub mod seed;
pub mod startup;
pub mod telemetry;
