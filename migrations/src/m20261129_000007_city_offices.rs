//! City offices (a municipality's integration or culture office, a district
//! council): their members, their jurisdiction, the gatherings they
//! sponsor, and an audit log of every sponsorship change.
//!
//! A jurisdiction is stored as GeoJSON (a MultiPolygon, holes kept) with
//! its bounding box, so finding the offices around a point is an indexed
//! box test and only those few polygons are read and checked exactly.
//! Partial unique indexes allow one active sponsorship per office and
//! gathering (whole series) or per office and date.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CityOffices::Table)
                    .col(big_pk_auto(CityOffices::Id))
                    .col(string_len_uniq(CityOffices::Slug, 80))
                    .col(string_len(CityOffices::Name, 120))
                    .col(timestamp_with_time_zone(CityOffices::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfficeMembers::Table)
                    .col(big_integer(OfficeMembers::OfficeId))
                    .col(big_integer(OfficeMembers::UserId))
                    .col(timestamp_with_time_zone(OfficeMembers::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(OfficeMembers::OfficeId)
                            .col(OfficeMembers::UserId),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfficeMembers::Table, OfficeMembers::OfficeId)
                            .to(CityOffices::Table, CityOffices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfficeMembers::Table, OfficeMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(OfficeAreas::Table)
                    .col(big_integer(OfficeAreas::OfficeId).primary_key())
                    .col(text(OfficeAreas::Geojson))
                    .col(double(OfficeAreas::MinLatitude))
                    .col(double(OfficeAreas::MinLongitude))
                    .col(double(OfficeAreas::MaxLatitude))
                    .col(double(OfficeAreas::MaxLongitude))
                    .col(integer(OfficeAreas::Polygons))
                    .col(timestamp_with_time_zone(OfficeAreas::ImportedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OfficeAreas::Table, OfficeAreas::OfficeId)
                            .to(CityOffices::Table, CityOffices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Sponsorships::Table)
                    .col(big_pk_auto(Sponsorships::Id))
                    .col(big_integer(Sponsorships::OfficeId))
                    .col(big_integer(Sponsorships::EventId))
                    // Null: the whole series.
                    .col(big_integer_null(Sponsorships::OccurrenceId))
                    .col(string_len(Sponsorships::Note, 200).default(""))
                    .col(string_len(Sponsorships::Status, 16))
                    .col(big_integer_null(Sponsorships::CreatedBy))
                    .col(timestamp_with_time_zone(Sponsorships::CreatedAt))
                    .col(timestamp_with_time_zone_null(Sponsorships::EndedAt))
                    .check(Expr::col(Sponsorships::Status).is_in(["active", "declined", "ended"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sponsorships::Table, Sponsorships::OfficeId)
                            .to(CityOffices::Table, CityOffices::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sponsorships::Table, Sponsorships::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sponsorships::Table, Sponsorships::OccurrenceId)
                            .to(Occurrences::Table, Occurrences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sponsorships::Table, Sponsorships::CreatedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(SponsorshipAudit::Table)
                    .col(big_pk_auto(SponsorshipAudit::Id))
                    // Kept when a sponsored date is removed: the log outlives
                    // what it describes.
                    .col(big_integer_null(SponsorshipAudit::SponsorshipId))
                    .col(big_integer(SponsorshipAudit::OfficeId))
                    .col(big_integer(SponsorshipAudit::EventId))
                    // Who acted; kept as the address too, so the log still
                    // says who after an account is deleted.
                    .col(big_integer_null(SponsorshipAudit::ActorId))
                    .col(string_len(SponsorshipAudit::ActorEmail, 254))
                    .col(string_len(SponsorshipAudit::Action, 16))
                    .col(text(SponsorshipAudit::Detail).default(""))
                    .col(timestamp_with_time_zone(SponsorshipAudit::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(SponsorshipAudit::Table, SponsorshipAudit::SponsorshipId)
                            .to(Sponsorships::Table, Sponsorships::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(SponsorshipAudit::Table, SponsorshipAudit::ActorId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX sponsorships_one_per_series ON sponsorships (office_id, event_id) \
             WHERE occurrence_id IS NULL AND status = 'active'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX sponsorships_one_per_date ON sponsorships (office_id, occurrence_id) \
             WHERE occurrence_id IS NOT NULL AND status = 'active'",
        )
        .await?;
        for index in [
            Index::create()
                .name("sponsorships_event")
                .table(Sponsorships::Table)
                .col(Sponsorships::EventId)
                .col(Sponsorships::Status)
                .to_owned(),
            Index::create()
                .name("office_areas_box")
                .table(OfficeAreas::Table)
                .col(OfficeAreas::MinLatitude)
                .col(OfficeAreas::MaxLatitude)
                .to_owned(),
            Index::create()
                .name("sponsorship_audit_office")
                .table(SponsorshipAudit::Table)
                .col(SponsorshipAudit::OfficeId)
                .col(SponsorshipAudit::At)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            SponsorshipAudit::Table.into_iden(),
            Sponsorships::Table.into_iden(),
            OfficeAreas::Table.into_iden(),
            OfficeMembers::Table.into_iden(),
            CityOffices::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum CityOffices {
    Table,
    Id,
    Slug,
    Name,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfficeMembers {
    Table,
    OfficeId,
    UserId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum OfficeAreas {
    Table,
    OfficeId,
    Geojson,
    MinLatitude,
    MinLongitude,
    MaxLatitude,
    MaxLongitude,
    Polygons,
    ImportedAt,
}

#[derive(DeriveIden)]
enum Sponsorships {
    Table,
    Id,
    OfficeId,
    EventId,
    OccurrenceId,
    Note,
    Status,
    CreatedBy,
    CreatedAt,
    EndedAt,
}

#[derive(DeriveIden)]
enum SponsorshipAudit {
    Table,
    Id,
    SponsorshipId,
    OfficeId,
    EventId,
    ActorId,
    ActorEmail,
    Action,
    Detail,
    At,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    Id,
}
