//! Organisers may cap how many places of each date replies without an
//! account (by device or by email) may take, so that one script cannot
//! fill a welcome dinner with invented guests. NULL: no cap.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .add_column(
                        integer_null(Events::PlacesWithoutAccount)
                            .check(Expr::col(Events::PlacesWithoutAccount).gte(0)),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Events::Table)
                    .drop_column(Events::PlacesWithoutAccount)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    PlacesWithoutAccount,
}
