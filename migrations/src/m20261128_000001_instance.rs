//! Facts about this installation itself, such as when demo data was loaded.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(InstanceMeta::Table)
                    .col(
                        ColumnDef::new(InstanceMeta::Key)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(InstanceMeta::Value).text().not_null())
                    .col(
                        ColumnDef::new(InstanceMeta::UpdatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(InstanceMeta::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum InstanceMeta {
    Table,
    Key,
    Value,
    UpdatedAt,
}
