use clap::Parser;
use server::{
    admin, backup,
    cli::{Cli, Command, exit_code},
    config::Settings,
    db, seed,
    startup::{self, Application, StartupError},
    telemetry,
};
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => return fail(exit_code::CONFIG, &error),
    };
    telemetry::init(&settings.log);

    match cli.command {
        Command::Serve => serve(&settings).await,
        Command::Migrate => match startup::migrate(&settings).await {
            Ok(()) => {
                tracing::info!(database = %db::redact_password(&settings.database.url), "database schema is up to date");
                ExitCode::SUCCESS
            }
            Err(error) => fail(startup_exit_code(&error), &error),
        },
        Command::SeedDemo => seed_demo(&settings).await,
        Command::Backup { file } => done(backup::to_file(&settings, &file).await),
        Command::Office(command) => done(admin::office(&settings, command).await),
        Command::Jurisdiction(command) => done(admin::jurisdiction(&settings, command).await),
        Command::Privacy(command) => done(admin::privacy(&settings, command).await),
        Command::Admin(command) => done(admin::roles(&settings, command).await),
    }
}

async fn serve(settings: &Settings) -> ExitCode {
    let app = match Application::build(settings).await {
        Ok(app) => app,
        Err(error) => return fail(startup_exit_code(&error), &error),
    };
    tracing::info!(
        address = %format!("http://{}:{}", settings.server.host, app.port()),
        database = %db::redact_password(&settings.database.url),
        "serving Common Ground"
    );
    match app.run_until_stopped(startup::shutdown_signal()).await {
        Ok(()) => {
            tracing::info!("stopped");
            ExitCode::SUCCESS
        }
        Err(error) => fail(exit_code::FAILURE, &error),
    }
}

async fn seed_demo(settings: &Settings) -> ExitCode {
    let db = match db::connect(&settings.database.url, 2).await {
        Ok(db) => db,
        Err(error) => return fail(exit_code::DATABASE, &error),
    };
    match seed::seed_demo(&db, chrono::Utc::now()).await {
        Ok(seed::SeedOutcome::Loaded { gatherings }) => {
            tracing::info!(gatherings, "demo data loaded");
            ExitCode::SUCCESS
        }
        Ok(seed::SeedOutcome::AlreadyLoaded) => {
            tracing::info!("demo data was already loaded; nothing to do");
            ExitCode::SUCCESS
        }
        Err(error) => fail(
            exit_code::DATABASE,
            &format!("cannot load demo data: {error}"),
        ),
    }
}

fn startup_exit_code(error: &StartupError) -> u8 {
    match error {
        StartupError::Database(_)
        | StartupError::PendingMigrations(_)
        | StartupError::SchemaCheck(_) => exit_code::DATABASE,
        StartupError::PortInUse(_) | StartupError::Bind { .. } => exit_code::ADDRESS,
        StartupError::Mail(_)
        | StartupError::MailFrom(_)
        | StartupError::SearchStaleness(_)
        | StartupError::MetricsAllow(_) => exit_code::CONFIG,
    }
}

/// An administrator's command: what it did on stdout, or why not.
fn done(result: Result<String, admin::Failure>) -> ExitCode {
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(failure) => fail(failure.code, &failure.message),
    }
}

/// One line on stderr, then a distinct exit code: easy for people and scripts.
fn fail(code: u8, error: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("commonground: error: {error}");
    ExitCode::from(code)
}
