//! The database schema, one file per migration. Every migration must produce
//! the same schema on SQLite and PostgreSQL; the test suite runs both.

pub use sea_orm_migration::prelude::*;

mod column_types;
mod m20261128_000001_instance;
mod m20261128_000002_gatherings;
mod m20261128_000003_accounts;
mod m20261128_000004_rsvps;
mod m20261129_000005_host_profile;
mod m20261129_000006_rsvp_approval;
mod m20261129_000007_city_offices;
mod m20261129_000008_search_changes;
mod m20261204_000009_places_without_account;
mod m20261205_000010_forgetting;
mod m20261205_000011_calendar_sequence;
mod m20261205_000012_calendar_links;
mod m20261205_000013_api_tokens;
mod m20261205_000014_moderation;
mod m20261205_000015_door;
mod m20261205_000016_answers_by_date;
mod m20261205_000017_follow_up;
mod m20261205_000018_organiser_messages;
mod m20261205_000019_impact_pages;
mod m20261206_000020_gathering_pictures;
mod m20261206_000021_waiting_count;
mod m20261207_000022_rate_limit_expiry;
mod m20261207_000023_cancel_links;
mod sqlite_rebuild;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_instance::Migration),
            Box::new(m20261128_000002_gatherings::Migration),
            Box::new(m20261128_000003_accounts::Migration),
            Box::new(m20261128_000004_rsvps::Migration),
            Box::new(m20261129_000005_host_profile::Migration),
            Box::new(m20261129_000006_rsvp_approval::Migration),
            Box::new(m20261129_000007_city_offices::Migration),
            Box::new(m20261129_000008_search_changes::Migration),
            Box::new(m20261204_000009_places_without_account::Migration),
            Box::new(m20261205_000010_forgetting::Migration),
            Box::new(m20261205_000011_calendar_sequence::Migration),
            Box::new(m20261205_000012_calendar_links::Migration),
            Box::new(m20261205_000013_api_tokens::Migration),
            Box::new(m20261205_000014_moderation::Migration),
            Box::new(m20261205_000015_door::Migration),
            Box::new(m20261205_000016_answers_by_date::Migration),
            Box::new(m20261205_000017_follow_up::Migration),
            Box::new(m20261205_000018_organiser_messages::Migration),
            Box::new(m20261205_000019_impact_pages::Migration),
            Box::new(m20261206_000020_gathering_pictures::Migration),
            Box::new(m20261206_000021_waiting_count::Migration),
            Box::new(m20261207_000022_rate_limit_expiry::Migration),
            Box::new(m20261207_000023_cancel_links::Migration),
        ]
    }
}
