//! `occurrences.sequence`: how many times a date changed (moved, cancelled,
//! given a new time), sent as the iCalendar SEQUENCE so that guests'
//! calendar apps replace their copy of the date instead of keeping the old
//! one.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .add_column(integer(Occurrences::Sequence).default(0))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .drop_column(Occurrences::Sequence)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    Sequence,
}
