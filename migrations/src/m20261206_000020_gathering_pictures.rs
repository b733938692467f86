//! A gathering's cover picture: its description and digest
//! (`event_pictures`), and the picture at each kept width
//! (`event_picture_files`), in the database so that every server process
//! serves the same files. Both go with their gathering.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(EventPictures::Table)
                    .col(big_integer(EventPictures::EventId).primary_key())
                    .col(text(EventPictures::AltText))
                    .col(string_len(EventPictures::Digest, 16))
                    .col(integer(EventPictures::Width))
                    .col(integer(EventPictures::Height))
                    .col(timestamp_with_time_zone(EventPictures::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventPictures::Table, EventPictures::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(EventPictureFiles::Table)
                    .col(big_integer(EventPictureFiles::EventId))
                    .col(integer(EventPictureFiles::Width))
                    .col(integer(EventPictureFiles::Height))
                    .col(blob(EventPictureFiles::Bytes))
                    .primary_key(
                        Index::create()
                            .col(EventPictureFiles::EventId)
                            .col(EventPictureFiles::Width),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventPictureFiles::Table, EventPictureFiles::EventId)
                            .to(EventPictures::Table, EventPictures::EventId)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(EventPictureFiles::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(EventPictures::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum EventPictures {
    Table,
    EventId,
    AltText,
    Digest,
    Width,
    Height,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventPictureFiles {
    Table,
    EventId,
    Width,
    Height,
    Bytes,
}
