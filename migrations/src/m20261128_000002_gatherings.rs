//! First cut of the gatherings schema: hosts, places, events (a one-off
//! gathering or a series), their texts per language, the languages spoken,
//! and occurrences (each date a series happens on).
//!
//! Times are stored in UTC; `events.time_zone` keeps the IANA zone of the
//! place so local times (and recurrence) can be computed exactly.
//! Categories and accessibility features are bit sets (see
//! `app::domain::flags`).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Hosts::Table)
                    .col(big_pk_auto(Hosts::Id))
                    .col(string_len_uniq(Hosts::Slug, 80))
                    .col(string_len(Hosts::Name, 120))
                    .col(text(Hosts::Description).default(""))
                    .col(string_len_null(Hosts::Website, 300))
                    .col(timestamp_with_time_zone(Hosts::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Places::Table)
                    .col(big_pk_auto(Places::Id))
                    .col(big_integer_null(Places::HostId))
                    .col(string_len(Places::Name, 160))
                    .col(string_len(Places::Address, 300))
                    .col(double(Places::Latitude))
                    .col(double(Places::Longitude))
                    .col(string_len(Places::TimeZone, 64))
                    .col(timestamp_with_time_zone(Places::CreatedAt))
                    .check(Expr::col(Places::Latitude).between(-90.0, 90.0))
                    .check(Expr::col(Places::Longitude).between(-180.0, 180.0))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Places::Table, Places::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Events::Table)
                    .col(big_pk_auto(Events::Id))
                    .col(string_len_uniq(Events::PublicId, 16))
                    .col(big_integer(Events::HostId))
                    .col(big_integer(Events::PlaceId))
                    .col(string_len(Events::DefaultLanguage, 16))
                    .col(integer(Events::Categories).default(0))
                    .col(integer(Events::Accessibility).default(0))
                    .col(boolean(Events::IsFree).default(true))
                    .col(boolean(Events::FamilyFriendly).default(false))
                    .col(integer_null(Events::Capacity))
                    .col(string_len(Events::AddressVisibility, 16).default("public"))
                    .col(string_len(Events::Status, 16).default("published"))
                    .col(text_null(Events::Recurrence))
                    .col(string_len(Events::TimeZone, 64))
                    .col(timestamp_with_time_zone(Events::CreatedAt))
                    .col(timestamp_with_time_zone(Events::UpdatedAt))
                    .check(Expr::col(Events::Capacity).gte(0))
                    .check(Expr::col(Events::Status).is_in(["draft", "published", "cancelled"]))
                    .check(Expr::col(Events::AddressVisibility).is_in(["public", "guests"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Events::Table, Events::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Events::Table, Events::PlaceId)
                            .to(Places::Table, Places::Id)
                            .on_delete(ForeignKeyAction::Restrict),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EventTexts::Table)
                    .col(big_integer(EventTexts::EventId))
                    .col(string_len(EventTexts::Language, 16))
                    .col(string_len(EventTexts::Title, 200))
                    .col(text(EventTexts::Description).default(""))
                    .primary_key(
                        Index::create()
                            .col(EventTexts::EventId)
                            .col(EventTexts::Language),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventTexts::Table, EventTexts::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(EventLanguages::Table)
                    .col(big_integer(EventLanguages::EventId))
                    .col(string_len(EventLanguages::Language, 16))
                    .primary_key(
                        Index::create()
                            .col(EventLanguages::EventId)
                            .col(EventLanguages::Language),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventLanguages::Table, EventLanguages::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Occurrences::Table)
                    .col(big_pk_auto(Occurrences::Id))
                    .col(big_integer(Occurrences::EventId))
                    .col(timestamp_with_time_zone(Occurrences::StartsAt))
                    .col(timestamp_with_time_zone(Occurrences::EndsAt))
                    .col(string_len(Occurrences::Status, 16).default("scheduled"))
                    // The place's position, copied here so that the search
                    // index below can hold it; kept in step by the code that
                    // moves a place.
                    .col(double(Occurrences::Latitude))
                    .col(double(Occurrences::Longitude))
                    // H3 cells of that position at resolutions 3 to 6 (edges
                    // of ~69, 26, 10 and 3.7 km): search covers its disc
                    // with cells of one resolution and reads each cell's
                    // index in time order (see app/src/backend/search/).
                    .col(big_integer(Occurrences::CellR3))
                    .col(big_integer(Occurrences::CellR4))
                    .col(big_integer(Occurrences::CellR5))
                    .col(big_integer(Occurrences::CellR6))
                    .check(Expr::col(Occurrences::EndsAt).gt(Expr::col(Occurrences::StartsAt)))
                    .check(Expr::col(Occurrences::Status).is_in(["scheduled", "cancelled"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Occurrences::Table, Occurrences::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        for (name, cell) in [
            ("occurrences_cell_r3", Occurrences::CellR3),
            ("occurrences_cell_r4", Occurrences::CellR4),
            ("occurrences_cell_r5", Occurrences::CellR5),
            ("occurrences_cell_r6", Occurrences::CellR6),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(Occurrences::Table)
                        .col(cell)
                        .col(Occurrences::StartsAt)
                        .col(Occurrences::Id)
                        // Covering: the candidate query's distance check
                        // reads the position from the index, not the table.
                        .col(Occurrences::Latitude)
                        .col(Occurrences::Longitude)
                        .col(Occurrences::Status)
                        .col(Occurrences::EventId)
                        .to_owned(),
                )
                .await?;
        }
        for index in [
            Index::create()
                .name("occurrences_event_starts_uniq")
                .table(Occurrences::Table)
                .col(Occurrences::EventId)
                .col(Occurrences::StartsAt)
                .unique()
                .to_owned(),
            Index::create()
                .name("occurrences_starts_at")
                .table(Occurrences::Table)
                .col(Occurrences::StartsAt)
                .to_owned(),
            Index::create()
                .name("events_host")
                .table(Events::Table)
                .col(Events::HostId)
                .to_owned(),
            Index::create()
                .name("events_place")
                .table(Events::Table)
                .col(Events::PlaceId)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Occurrences::Table.into_iden(),
            EventLanguages::Table.into_iden(),
            EventTexts::Table.into_iden(),
            Events::Table.into_iden(),
            Places::Table.into_iden(),
            Hosts::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Hosts {
    Table,
    Id,
    Slug,
    Name,
    Description,
    Website,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Places {
    Table,
    Id,
    HostId,
    Name,
    Address,
    Latitude,
    Longitude,
    TimeZone,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    PublicId,
    HostId,
    PlaceId,
    DefaultLanguage,
    Categories,
    Accessibility,
    IsFree,
    FamilyFriendly,
    Capacity,
    AddressVisibility,
    Status,
    Recurrence,
    TimeZone,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum EventTexts {
    Table,
    EventId,
    Language,
    Title,
    Description,
}

#[derive(DeriveIden)]
enum EventLanguages {
    Table,
    EventId,
    Language,
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    Id,
    EventId,
    StartsAt,
    EndsAt,
    Status,
    Latitude,
    Longitude,
    CellR3,
    CellR4,
    CellR5,
    CellR6,
}
