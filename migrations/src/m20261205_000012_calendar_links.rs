//! `calendar_links`: a person's secret, revocable address for "My
//! gatherings" in their calendar app. One per account; only the token's
//! hash is stored (the token goes to the person by email).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarLinks::Table)
                    .col(big_pk_auto(CalendarLinks::Id))
                    .col(big_integer_uniq(CalendarLinks::UserId))
                    .col(string_len_uniq(CalendarLinks::TokenHash, 64))
                    .col(timestamp_with_time_zone(CalendarLinks::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(CalendarLinks::Table, CalendarLinks::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(CalendarLinks::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum CalendarLinks {
    Table,
    Id,
    UserId,
    TokenHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}
