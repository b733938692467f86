//! Administrators' commands: roles on the installation, city offices,
//! their members and their jurisdictions. Each returns one line saying
//! what it did, or a clear message and a distinct exit code, having
//! changed nothing.

use crate::{
    cli::{AdminCommand, JurisdictionCommand, OfficeCommand, PrivacyCommand, exit_code},
    config::Settings,
    db,
};
use app::backend::moderation::{self, log::Action};
use app::backend::offices::{self, jurisdiction};
use app::backend::privacy::settings as privacy_settings;
use app::domain::email_address::EmailAddress;
use app::domain::moderation::SiteRole;
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// Why a command did nothing, and the exit code that says so.
#[derive(Debug, PartialEq, Eq)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub(crate) fn refused(message: impl Into<String>) -> Self {
        Self {
            code: exit_code::FAILURE,
            message: message.into(),
        }
    }

    pub(crate) fn database(error: impl std::fmt::Display) -> Self {
        Self {
            code: exit_code::DATABASE,
            message: error.to_string(),
        }
    }
}

pub async fn office(settings: &Settings, command: OfficeCommand) -> Result<String, Failure> {
    let db = db::connect(&settings.database.url, 2)
        .await
        .map_err(Failure::database)?;
    match command {
        OfficeCommand::Create { slug, name } => match offices::create(&db, &slug, &name)
            .await
            .map_err(Failure::database)?
        {
            Ok(office) => Ok(format!("created the office {slug} ({})", office.name)),
            Err(problem) => Err(Failure::refused(problem.to_string())),
        },
        OfficeCommand::AddMember { office, email } => {
            let address = EmailAddress::parse(&email)
                .map_err(|_| Failure::refused(format!("{email} is not an email address")))?;
            let found = offices::by_slug(&db, &office)
                .await
                .map_err(Failure::database)?
                .ok_or_else(|| Failure::refused(format!("there is no office called {office}")))?;
            offices::add_member(&db, found.id, &address)
                .await
                .map_err(Failure::database)?;
            Ok(format!("{} is now a member of {office}", address.as_str()))
        }
    }
}

/// Who the moderation log names for a change made on the command line.
const COMMAND_LINE: &str = "(command line)";

pub async fn roles(settings: &Settings, command: AdminCommand) -> Result<String, Failure> {
    let db = db::connect(&settings.database.url, 2)
        .await
        .map_err(Failure::database)?;
    match command {
        AdminCommand::Grant { email, role } => {
            let address = EmailAddress::parse(&email)
                .map_err(|_| Failure::refused(format!("{email} is not an email address")))?;
            let role = SiteRole::parse(&role).ok_or_else(|| {
                Failure::refused(format!(
                    "{role} is not a role: use administrator or moderator"
                ))
            })?;
            moderation::roles::grant(&db, &address, role)
                .await
                .map_err(Failure::database)?;
            let subject = format!("account {} as {}", address.as_str(), role.as_str());
            moderation::log::write(&db, COMMAND_LINE, Action::GrantRole, &subject, "")
                .await
                .map_err(Failure::database)?;
            Ok(format!("{} is now {}", address.as_str(), role.as_str()))
        }
        AdminCommand::Withdraw { email } => {
            let address = EmailAddress::parse(&email)
                .map_err(|_| Failure::refused(format!("{email} is not an email address")))?;
            let person = app::backend::entities::user::Entity::find()
                .filter(app::backend::entities::user::Column::Email.eq(address.as_str()))
                .one(&db)
                .await
                .map_err(Failure::database)?
                .ok_or_else(|| Failure::refused(format!("there is no account for {email}")))?;
            moderation::roles::withdraw(&db, person.id)
                .await
                .map_err(Failure::database)?;
            let subject = format!("account {}", address.as_str());
            moderation::log::write(&db, COMMAND_LINE, Action::WithdrawRole, &subject, "")
                .await
                .map_err(Failure::database)?;
            Ok(format!("{} has no role any more", address.as_str()))
        }
    }
}

pub async fn jurisdiction(
    settings: &Settings,
    command: JurisdictionCommand,
) -> Result<String, Failure> {
    let JurisdictionCommand::Import { office, file } = command;
    let text = std::fs::read_to_string(&file)
        .map_err(|error| Failure::refused(format!("cannot read {}: {error}", file.display())))?;
    let db = db::connect(&settings.database.url, 2)
        .await
        .map_err(Failure::database)?;
    let found = offices::by_slug(&db, &office)
        .await
        .map_err(Failure::database)?
        .ok_or_else(|| Failure::refused(format!("there is no office called {office}")))?;
    let bar = ProgressBar::new(0).with_style(
        ProgressStyle::with_template("checking polygons {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let area = jurisdiction::parse(&text, |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
    });
    bar.finish_and_clear();
    let area = area.map_err(|problem| {
        Failure::refused(format!(
            "{}: {problem}; nothing was imported",
            file.display()
        ))
    })?;
    jurisdiction::store(&db, found.id, &area)
        .await
        .map_err(Failure::database)?;
    Ok(format!(
        "{office} now covers {} polygon(s) from {}",
        area.0.len(),
        file.display()
    ))
}

pub async fn privacy(settings: &Settings, command: PrivacyCommand) -> Result<String, Failure> {
    let db = db::connect(&settings.database.url, 2)
        .await
        .map_err(Failure::database)?;
    match command {
        PrivacyCommand::Status => {
            let days = privacy_settings::forget_after_days(&db)
                .await
                .map_err(Failure::database)?;
            let last_run = privacy_settings::last_run(&db)
                .await
                .map_err(Failure::database)?;
            let waiting =
                app::backend::privacy::forget::ended_dates_remembered(&db, chrono::Utc::now())
                    .await
                    .map_err(Failure::database)?;
            Ok(format!(
                "guests are forgotten {days} days after each date (hosts may choose fewer)\n\
                 last run: {}\n\
                 ended dates whose guests are still remembered: {waiting}",
                last_run.map_or_else(|| "never".to_string(), |at| at.to_rfc3339())
            ))
        }
        PrivacyCommand::ForgetAfter { days } => {
            match privacy_settings::set_forget_after_days(&db, days)
                .await
                .map_err(Failure::database)?
            {
                Some(()) => Ok(format!(
                    "guests are now forgotten {days} days after each date"
                )),
                None => Err(Failure::refused(format!(
                    "the number of days must be 0 to {}",
                    privacy_settings::MAX_FORGET_AFTER_DAYS
                ))),
            }
        }
    }
}
