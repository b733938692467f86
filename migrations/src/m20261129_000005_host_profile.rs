//! A host page gets several links (a website, a social profile, a
//! newsletter) instead of one website, and an optional logo.
//!
//! Logos live in their own table so that listing hosts never reads image
//! bytes; `digest` names the current image, so its URL changes when the
//! image does and browsers may cache it for good.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One link per line, in the order the host gave them.
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .add_column(text(Hosts::Links).default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE hosts SET links = website WHERE website IS NOT NULL")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .drop_column(Hosts::Website)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HostLogos::Table)
                    .col(big_integer(HostLogos::HostId).primary_key())
                    .col(string_len(HostLogos::ContentType, 32))
                    .col(integer(HostLogos::Width))
                    .col(integer(HostLogos::Height))
                    .col(blob(HostLogos::Bytes))
                    .col(string_len(HostLogos::Digest, 16))
                    .col(timestamp_with_time_zone(HostLogos::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostLogos::Table, HostLogos::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(HostLogos::Table).to_owned())
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .add_column(string_len_null(Hosts::Website, 300))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .drop_column(Hosts::Links)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Hosts {
    Table,
    Id,
    Website,
    Links,
}

#[derive(DeriveIden)]
enum HostLogos {
    Table,
    HostId,
    ContentType,
    Width,
    Height,
    Bytes,
    Digest,
    UpdatedAt,
}
