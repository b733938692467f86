//! Forgetting guests after each date, and what "delete me" needs.
//!
//! - `occurrences.guests_forgotten_at`: when the people who replied to or
//!   volunteered for this date were erased (NULL: not yet). The partial
//!   index finds the dates still to forget without scanning the others.
//! - `hosts.forget_guests_after_days`: a host may forget sooner than the
//!   installation does (NULL: the installation's setting).
//! - `hosts.closed_at`: its last owner closed it (to delete their account):
//!   its gatherings were cancelled and it has no team any more.
//! - `outbox.occurrence_id`: the date an email is about, so forgetting a
//!   date drops its guests' emails and nobody else's.
//! - `role_signups.user_id` and `event_cohosts.invited_by` may be NULL: a
//!   forgotten volunteer, or a deleted account, still counts but is no one.
//! - `attendee_list_downloads`: who downloaded a date's attendee list, when.
//! - `guest_data_links`: a guest without an account asks, by email, to see
//!   what is held about that address; the link's token is stored hashed.

use sea_orm_migration::{prelude::*, schema::*, sea_orm::ConnectionTrait};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Columns that become nullable: (table, column).
const NOW_NULLABLE: [(&str, &str); 2] =
    [("role_signups", "user_id"), ("event_cohosts", "invited_by")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// All or nothing, on SQLite too (two tables are rebuilt there).
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .add_column(timestamp_with_time_zone_null(
                        Occurrences::GuestsForgottenAt,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .add_column(
                        integer_null(Hosts::ForgetGuestsAfterDays)
                            .check(Expr::col(Hosts::ForgetGuestsAfterDays).gte(0)),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .add_column(timestamp_with_time_zone_null(Hosts::ClosedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .add_column(big_integer_null(Outbox::OccurrenceId))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE INDEX occurrences_to_forget ON occurrences (ends_at) \
             WHERE guests_forgotten_at IS NULL",
        )
        .await?;
        db.execute_unprepared("CREATE INDEX outbox_occurrence ON outbox (occurrence_id)")
            .await?;

        for (table, column) in NOW_NULLABLE {
            match manager.get_database_backend() {
                sea_orm::DatabaseBackend::Sqlite => {
                    // sea-query writes big integers as `integer` on SQLite.
                    let not_null = format!("\"{column}\" integer NOT NULL");
                    crate::sqlite_rebuild::rebuild(db, table, &not_null, |sql| {
                        sql.replacen(&not_null, &format!("\"{column}\" integer NULL"), 1)
                    })
                    .await?
                }
                _ => {
                    db.execute_unprepared(&format!(
                        "ALTER TABLE {table} ALTER COLUMN {column} DROP NOT NULL"
                    ))
                    .await?;
                }
            }
        }

        manager
            .create_table(
                Table::create()
                    .table(AttendeeListDownloads::Table)
                    .col(big_pk_auto(AttendeeListDownloads::Id))
                    .col(big_integer(AttendeeListDownloads::EventId))
                    .col(big_integer_null(AttendeeListDownloads::UserId))
                    .col(timestamp_with_time_zone(AttendeeListDownloads::At))
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendeeListDownloads::Table, AttendeeListDownloads::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(AttendeeListDownloads::Table, AttendeeListDownloads::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("attendee_list_downloads_event")
                    .table(AttendeeListDownloads::Table)
                    .col(AttendeeListDownloads::EventId)
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GuestDataLinks::Table)
                    .col(big_pk_auto(GuestDataLinks::Id))
                    .col(string_len_uniq(GuestDataLinks::TokenHash, 64))
                    .col(string_len(GuestDataLinks::Email, 254))
                    .col(string_len(GuestDataLinks::Locale, 8))
                    .col(timestamp_with_time_zone(GuestDataLinks::CreatedAt))
                    .col(timestamp_with_time_zone(GuestDataLinks::ExpiresAt))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            GuestDataLinks::Table.into_iden(),
            AttendeeListDownloads::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS outbox_occurrence")
            .await?;
        db.execute_unprepared("DROP INDEX IF EXISTS occurrences_to_forget")
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Outbox::Table)
                    .drop_column(Outbox::OccurrenceId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .drop_column(Hosts::ForgetGuestsAfterDays)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Hosts::Table)
                    .drop_column(Hosts::ClosedAt)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .drop_column(Occurrences::GuestsForgottenAt)
                    .to_owned(),
            )
            .await
    }
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    GuestsForgottenAt,
}

#[derive(DeriveIden)]
enum Hosts {
    Table,
    ForgetGuestsAfterDays,
    ClosedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    OccurrenceId,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum AttendeeListDownloads {
    Table,
    Id,
    EventId,
    UserId,
    At,
}

#[derive(DeriveIden)]
enum GuestDataLinks {
    Table,
    Id,
    TokenHash,
    Email,
    Locale,
    CreatedAt,
    ExpiresAt,
}
