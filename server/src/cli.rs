//! The `commonground` command line.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "commonground",
    version,
    about = "Common Ground: gatherings that help neighbours meet"
)]
pub struct Cli {
    /// A TOML configuration file (default: ./commonground.toml when present).
    #[arg(long, global = true, env = "COMMONGROUND_CONFIG")]
    pub config: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web app until SIGTERM or Ctrl-C.
    Serve,
    /// Bring the database schema up to date.
    Migrate,
    /// Load the demo dataset, unless it was loaded before.
    SeedDemo,
    /// Copy the SQLite database to FILE while the server keeps running (for
    /// PostgreSQL use pg_dump).
    Backup {
        /// Where to write the copy; must not exist yet.
        file: PathBuf,
    },
    /// Manage city offices (administrators).
    #[command(subcommand)]
    Office(OfficeCommand),
    /// Set a city office's jurisdiction.
    #[command(subcommand)]
    Jurisdiction(JurisdictionCommand),
    /// How long guests are remembered after each date (administrators).
    #[command(subcommand)]
    Privacy(PrivacyCommand),
    /// The installation's administrators and moderators.
    #[command(subcommand)]
    Admin(AdminCommand),
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Give someone a role on the whole installation (the first
    /// administrator is named here; administrators name the rest in the
    /// browser). They sign in with this address.
    Grant {
        #[arg(long)]
        email: String,
        /// `administrator` or `moderator`.
        #[arg(long, default_value = "administrator")]
        role: String,
    },
    /// Take someone's role away.
    Withdraw {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum PrivacyCommand {
    /// Show the setting, when the housekeeping last forgot guests, and how
    /// many ended dates still hold guests' details.
    Status,
    /// Forget each date's guests this many days after it ends (0 to 365;
    /// hosts may choose fewer).
    ForgetAfter {
        #[arg(value_name = "DAYS")]
        days: i32,
    },
}

#[derive(Debug, Subcommand)]
pub enum OfficeCommand {
    /// Create a city office.
    Create {
        /// Its address in URLs, e.g. `berlin-mitte`.
        #[arg(long)]
        slug: String,
        /// Its name, e.g. "Bezirksamt Mitte, Integrationsbüro".
        #[arg(long)]
        name: String,
    },
    /// Make someone a member (they sign in with this address).
    AddMember {
        #[arg(long)]
        office: String,
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum JurisdictionCommand {
    /// Replace an office's jurisdiction with the Polygon and MultiPolygon
    /// areas of a GeoJSON file ([longitude, latitude] positions; holes
    /// respected). Nothing is stored if anything is wrong.
    Import {
        #[arg(long)]
        office: String,
        file: PathBuf,
    },
}

/// Exit codes, so scripts and supervisors can tell failures apart.
pub mod exit_code {
    /// The configuration could not be read or makes no sense.
    pub const CONFIG: u8 = 2;
    /// The database URL is wrong, or the database is unreachable or out of date.
    pub const DATABASE: u8 = 3;
    /// The address to listen on is taken or not allowed.
    pub const ADDRESS: u8 = 4;
    /// Anything else that stopped the command.
    pub const FAILURE: u8 = 1;
}
