//! Answers to the optional, self-declared question "How long have you
//! lived around here?", kept only as counters per date: a row per date and
//! answer with how many gave it. Nothing refers to a reply or a person, and
//! a date's cells are made together (all at zero) the first time anyone
//! answers, so neither a row's order nor a time stamp tells whose answer
//! made it. A reply records only that the question was put to it
//! (`rsvps.asked_time_around`), so the door asks those who were not asked
//! when replying; every reply made with the form has it, whatever it said.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const STATEMENTS: &[&str] = &[
    "ALTER TABLE rsvps ADD COLUMN asked_time_around BOOLEAN NOT NULL DEFAULT FALSE",
    // The questions of the follow-up after a date (issue 17) are named
    // here already, so adding them needs no rebuild of the table on SQLite.
    "CREATE TABLE answers_by_date (\
       occurrence_id BIGINT NOT NULL REFERENCES occurrences (id) ON DELETE CASCADE, \
       question VARCHAR(32) NOT NULL CHECK (question IN \
         ('time_around_here', 'met_someone_new', 'comfortable_again', 'come_again')), \
       answer VARCHAR(32) NOT NULL CHECK (answer IN \
         ('under_2_years', '2_years_or_more', 'rather_not_say', \
          'yes', 'no', 'not_sure', '1', '2', '3', '4', '5')), \
       people INTEGER NOT NULL DEFAULT 0 CHECK (people >= 0), \
       PRIMARY KEY (occurrence_id, question, answer))",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        crate::column_types::execute_all(manager, STATEMENTS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE answers_by_date").await?;
        db.execute_unprepared("ALTER TABLE rsvps DROP COLUMN asked_time_around")
            .await?;
        Ok(())
    }
}
