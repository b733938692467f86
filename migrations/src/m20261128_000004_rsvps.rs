//! Coming to a gathering: RSVPs (by account, by email, or anonymously by
//! device), the waitlist, and the seat counter that makes overbooking
//! impossible.
//!
//! `occurrence_seats.going` counts the people (party sizes) going to one
//! date; its CHECK keeps it at or below the date's capacity, so no code
//! path, however wrong, can oversell: a seat is taken by one conditional
//! `UPDATE` of that counter, which also serialises every RSVP of the date.
//! Partial unique indexes allow one active RSVP per person, address or
//! device per date.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // How people may say they are coming, as a bit set: 1 signed in,
        // 2 by email, 4 anonymously on this device.
        for column in [
            integer(Events::RsvpModes).default(7),
            integer(Events::MaxGuests).default(4),
            integer(Events::RsvpClosesMinutes).default(60),
            // Volunteers count as coming unless the organisers keep roles
            // apart from seats.
            boolean(Events::RolesSeparate).default(false),
            // A reminder this many hours before the start; 0 for none.
            integer(Events::ReminderHours).default(24),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }

        manager
            .create_table(
                Table::create()
                    .table(OccurrenceSeats::Table)
                    .col(big_integer(OccurrenceSeats::OccurrenceId).primary_key())
                    .col(integer_null(OccurrenceSeats::Capacity))
                    .col(integer(OccurrenceSeats::Going).default(0))
                    .check(Expr::col(OccurrenceSeats::Going).gte(0))
                    .check(Expr::col(OccurrenceSeats::Capacity).is_null().or(
                        Expr::col(OccurrenceSeats::Going).lte(Expr::col(OccurrenceSeats::Capacity)),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(OccurrenceSeats::Table, OccurrenceSeats::OccurrenceId)
                            .to(Occurrences::Table, Occurrences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Rsvps::Table)
                    .col(big_pk_auto(Rsvps::Id))
                    .col(string_len_uniq(Rsvps::PublicId, 16))
                    .col(big_integer(Rsvps::OccurrenceId))
                    .col(big_integer_null(Rsvps::UserId))
                    .col(string_len_null(Rsvps::Email, 254))
                    .col(string_len_null(Rsvps::DeviceHash, 64))
                    .col(string_len_null(Rsvps::Name, 80))
                    .col(integer(Rsvps::Party))
                    .col(string_len(Rsvps::Status, 16))
                    .col(string_len_null(Rsvps::ConfirmHash, 64))
                    .col(string_len(Rsvps::CancelHash, 64))
                    .col(string_len(Rsvps::Locale, 8))
                    .col(timestamp_with_time_zone(Rsvps::CreatedAt))
                    .col(timestamp_with_time_zone_null(Rsvps::UpdatedAt))
                    .col(timestamp_with_time_zone_null(Rsvps::RemindedAt))
                    .check(Expr::col(Rsvps::Party).between(1, 50))
                    .check(Expr::col(Rsvps::Status).is_in([
                        "pending",
                        "going",
                        "waitlisted",
                        "cancelled",
                    ]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rsvps::Table, Rsvps::OccurrenceId)
                            .to(Occurrences::Table, Occurrences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(Rsvps::Table, Rsvps::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Volunteer roles of a gathering (every date has them), their slot
        // counter per date (CHECK: never more sign-ups than slots), and the
        // sign-ups, one active per person, role and date.
        manager
            .create_table(
                Table::create()
                    .table(VolunteerRoles::Table)
                    .col(big_pk_auto(VolunteerRoles::Id))
                    .col(big_integer(VolunteerRoles::EventId))
                    .col(string_len(VolunteerRoles::Name, 80))
                    .col(text(VolunteerRoles::Description).default(""))
                    .col(integer(VolunteerRoles::Slots))
                    .col(string_len_null(VolunteerRoles::ShiftStart, 5))
                    .col(string_len_null(VolunteerRoles::ShiftEnd, 5))
                    .col(timestamp_with_time_zone(VolunteerRoles::CreatedAt))
                    .check(Expr::col(VolunteerRoles::Slots).between(1, 1000))
                    .foreign_key(
                        ForeignKey::create()
                            .from(VolunteerRoles::Table, VolunteerRoles::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleSlots::Table)
                    .col(big_integer(RoleSlots::RoleId))
                    .col(big_integer(RoleSlots::OccurrenceId))
                    .col(integer(RoleSlots::Slots))
                    .col(integer(RoleSlots::Taken).default(0))
                    .primary_key(
                        Index::create()
                            .col(RoleSlots::RoleId)
                            .col(RoleSlots::OccurrenceId),
                    )
                    .check(Expr::col(RoleSlots::Taken).gte(0))
                    .check(Expr::col(RoleSlots::Taken).lte(Expr::col(RoleSlots::Slots)))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSlots::Table, RoleSlots::RoleId)
                            .to(VolunteerRoles::Table, VolunteerRoles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSlots::Table, RoleSlots::OccurrenceId)
                            .to(Occurrences::Table, Occurrences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(RoleSignups::Table)
                    .col(big_pk_auto(RoleSignups::Id))
                    .col(string_len_uniq(RoleSignups::PublicId, 16))
                    .col(big_integer(RoleSignups::RoleId))
                    .col(big_integer(RoleSignups::OccurrenceId))
                    .col(big_integer(RoleSignups::UserId))
                    .col(string_len(RoleSignups::Status, 16))
                    // Whether this sign-up also holds a seat (see RolesSeparate).
                    .col(boolean(RoleSignups::HoldsSeat).default(false))
                    .col(timestamp_with_time_zone(RoleSignups::CreatedAt))
                    .col(timestamp_with_time_zone_null(RoleSignups::RemindedAt))
                    .check(Expr::col(RoleSignups::Status).is_in(["active", "withdrawn"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSignups::Table, RoleSignups::RoleId)
                            .to(VolunteerRoles::Table, VolunteerRoles::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSignups::Table, RoleSignups::OccurrenceId)
                            .to(Occurrences::Table, Occurrences::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(RoleSignups::Table, RoleSignups::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX role_signups_one_per_person ON role_signups \
             (role_id, occurrence_id, user_id) WHERE status = 'active'",
        )
        .await?;
        for (name, column) in [
            ("rsvps_one_per_user", "user_id"),
            ("rsvps_one_per_email", "email"),
            ("rsvps_one_per_device", "device_hash"),
        ] {
            db.execute_unprepared(&format!(
                "CREATE UNIQUE INDEX {name} ON rsvps (occurrence_id, {column}) \
                 WHERE status IN ('pending', 'going', 'waitlisted') AND {column} IS NOT NULL"
            ))
            .await?;
        }
        for index in [
            Index::create()
                .name("rsvps_occurrence_status")
                .table(Rsvps::Table)
                .col(Rsvps::OccurrenceId)
                .col(Rsvps::Status)
                .col(Rsvps::Id)
                .to_owned(),
            Index::create()
                .name("rsvps_confirm")
                .table(Rsvps::Table)
                .col(Rsvps::ConfirmHash)
                .to_owned(),
            Index::create()
                .name("rsvps_cancel")
                .table(Rsvps::Table)
                .col(Rsvps::CancelHash)
                .to_owned(),
            Index::create()
                .name("rsvps_user")
                .table(Rsvps::Table)
                .col(Rsvps::UserId)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RoleSignups::Table.into_iden(),
            RoleSlots::Table.into_iden(),
            VolunteerRoles::Table.into_iden(),
            Rsvps::Table.into_iden(),
            OccurrenceSeats::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for column in [
            Events::RsvpModes,
            Events::MaxGuests,
            Events::RsvpClosesMinutes,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Events::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    RsvpModes,
    MaxGuests,
    RsvpClosesMinutes,
    RolesSeparate,
    ReminderHours,
}

#[derive(DeriveIden)]
enum VolunteerRoles {
    Table,
    Id,
    EventId,
    Name,
    Description,
    Slots,
    ShiftStart,
    ShiftEnd,
    CreatedAt,
}

#[derive(DeriveIden)]
enum RoleSlots {
    Table,
    RoleId,
    OccurrenceId,
    Slots,
    Taken,
}

#[derive(DeriveIden)]
enum RoleSignups {
    Table,
    Id,
    PublicId,
    RoleId,
    OccurrenceId,
    UserId,
    Status,
    HoldsSeat,
    CreatedAt,
    RemindedAt,
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OccurrenceSeats {
    Table,
    OccurrenceId,
    Capacity,
    Going,
}

#[derive(DeriveIden)]
enum Rsvps {
    Table,
    Id,
    PublicId,
    OccurrenceId,
    UserId,
    Email,
    DeviceHash,
    Name,
    Party,
    Status,
    ConfirmHash,
    CancelHash,
    Locale,
    CreatedAt,
    UpdatedAt,
    RemindedAt,
}
