//! Structured logs through `tracing`: pretty lines for people, JSON lines for
//! log collectors.

use crate::config::{LogFormat, LogSettings};
use std::io::IsTerminal;
use tracing_subscriber::{EnvFilter, fmt};

pub fn init(settings: &LogSettings) {
    let filter = EnvFilter::try_from_env("RUST_LOG")
        .or_else(|_| EnvFilter::try_new(&settings.filter))
        .unwrap_or_else(|_| EnvFilter::new("info"));
    // Colours for a person at a terminal only: a log written to a file or a
    // collector would otherwise carry escape codes in every line.
    let builder = fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    // A second initialisation (several apps in one test process) is harmless.
    let _ = match settings.format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Pretty => builder.try_init(),
    };
}
