//! People who sign in, their sessions, who runs which host, partner hosts
//! credited on a gathering, the email outbox and rate-limit counters.
//!
//! Nothing about a person is stored beyond an email address, an optional
//! display name and the language their emails are written in.
//! Secrets (sign-in links, session ids, invitation links) are stored only as
//! SHA-256 hashes, so a copy of the database cannot be used to sign in.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Users::Table)
                    .col(big_pk_auto(Users::Id))
                    // Lower-cased, so one address is one account.
                    .col(string_len_uniq(Users::Email, 254))
                    .col(string_len_null(Users::DisplayName, 80))
                    .col(string_len(Users::Locale, 8))
                    .col(timestamp_with_time_zone(Users::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInLinks::Table)
                    .col(big_pk_auto(SignInLinks::Id))
                    .col(string_len_uniq(SignInLinks::TokenHash, 64))
                    // The hash of a random value kept in a cookie of the
                    // browser that asked: the link works only there.
                    .col(string_len(SignInLinks::BrowserHash, 64))
                    .col(string_len(SignInLinks::Email, 254))
                    .col(string_len(SignInLinks::Locale, 8))
                    .col(string_len(SignInLinks::NextPath, 300))
                    .col(timestamp_with_time_zone(SignInLinks::CreatedAt))
                    .col(timestamp_with_time_zone(SignInLinks::ExpiresAt))
                    .col(timestamp_with_time_zone_null(SignInLinks::UsedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(big_pk_auto(Sessions::Id))
                    .col(string_len_uniq(Sessions::TokenHash, 64))
                    .col(big_integer(Sessions::UserId))
                    .col(timestamp_with_time_zone(Sessions::CreatedAt))
                    .col(timestamp_with_time_zone(Sessions::LastSeenAt))
                    .col(timestamp_with_time_zone(Sessions::ExpiresAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(Sessions::Table, Sessions::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HostMembers::Table)
                    .col(big_integer(HostMembers::HostId))
                    .col(big_integer(HostMembers::UserId))
                    .col(string_len(HostMembers::Role, 16))
                    .col(timestamp_with_time_zone(HostMembers::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(HostMembers::HostId)
                            .col(HostMembers::UserId),
                    )
                    .check(Expr::col(HostMembers::Role).is_in(["owner", "organiser"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostMembers::Table, HostMembers::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostMembers::Table, HostMembers::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(HostInvitations::Table)
                    .col(big_pk_auto(HostInvitations::Id))
                    .col(big_integer(HostInvitations::HostId))
                    .col(string_len(HostInvitations::Email, 254))
                    .col(string_len(HostInvitations::Role, 16))
                    .col(string_len_uniq(HostInvitations::TokenHash, 64))
                    .col(big_integer(HostInvitations::InvitedBy))
                    .col(timestamp_with_time_zone(HostInvitations::CreatedAt))
                    .col(timestamp_with_time_zone(HostInvitations::ExpiresAt))
                    .col(timestamp_with_time_zone_null(HostInvitations::AcceptedAt))
                    .check(Expr::col(HostInvitations::Role).is_in(["owner", "organiser"]))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostInvitations::Table, HostInvitations::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(HostInvitations::Table, HostInvitations::InvitedBy)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // A partner host credited on a gathering. It is shown publicly only
        // once one of the partner's organisers accepted.
        manager
            .create_table(
                Table::create()
                    .table(EventCohosts::Table)
                    .col(big_integer(EventCohosts::EventId))
                    .col(big_integer(EventCohosts::HostId))
                    .col(string_len(EventCohosts::Status, 16).default("invited"))
                    .col(big_integer(EventCohosts::InvitedBy))
                    .col(timestamp_with_time_zone(EventCohosts::CreatedAt))
                    .col(timestamp_with_time_zone_null(EventCohosts::RespondedAt))
                    .primary_key(
                        Index::create()
                            .col(EventCohosts::EventId)
                            .col(EventCohosts::HostId),
                    )
                    .check(
                        Expr::col(EventCohosts::Status).is_in(["invited", "accepted", "declined"]),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventCohosts::Table, EventCohosts::EventId)
                            .to(Events::Table, Events::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .foreign_key(
                        ForeignKey::create()
                            .from(EventCohosts::Table, EventCohosts::HostId)
                            .to(Hosts::Table, Hosts::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;

        // Every email, written in the same transaction as the change that
        // causes it, rendered in the recipient's language. The worker leases
        // a row (`locked_until`) before sending, so several processes never
        // send one message twice and a crashed worker's lease runs out.
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(big_pk_auto(Outbox::Id))
                    .col(string_len(Outbox::Kind, 40))
                    .col(string_len(Outbox::Recipient, 254))
                    .col(string_len(Outbox::Subject, 300))
                    .col(text(Outbox::BodyText))
                    .col(text(Outbox::BodyHtml))
                    // An iCalendar file to attach, e.g. to a confirmation.
                    .col(text_null(Outbox::Calendar))
                    .col(timestamp_with_time_zone(Outbox::CreatedAt))
                    .col(integer(Outbox::Attempts).default(0))
                    .col(timestamp_with_time_zone(Outbox::NextAttemptAt))
                    .col(timestamp_with_time_zone_null(Outbox::LockedUntil))
                    .col(text_null(Outbox::LastError))
                    .col(timestamp_with_time_zone_null(Outbox::SentAt))
                    .col(timestamp_with_time_zone_null(Outbox::FailedAt))
                    .to_owned(),
            )
            .await?;

        // Fixed-window counters shared by every server process.
        manager
            .create_table(
                Table::create()
                    .table(RateLimits::Table)
                    .col(string_len(RateLimits::Key, 200))
                    .col(big_integer(RateLimits::WindowStart))
                    .col(integer(RateLimits::Hits))
                    .primary_key(
                        Index::create()
                            .col(RateLimits::Key)
                            .col(RateLimits::WindowStart),
                    )
                    .to_owned(),
            )
            .await?;

        // A series' first start and end in the place's local time (the
        // template its rule repeats), and how far ahead its occurrences have
        // been written; the scheduler extends that as time passes. SQLite
        // adds one column per statement.
        for column in [
            string_len_null(Events::SeriesStart, 19),
            string_len_null(Events::SeriesEnd, 19),
            timestamp_with_time_zone_null(Events::ScheduledUntil),
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
        // An occurrence changed on its own ("this date only"): regenerating
        // the series leaves it alone.
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .add_column(boolean(Occurrences::Detached).default(false))
                    .to_owned(),
            )
            .await?;

        for index in [
            Index::create()
                .name("sessions_user")
                .table(Sessions::Table)
                .col(Sessions::UserId)
                .to_owned(),
            Index::create()
                .name("host_members_user")
                .table(HostMembers::Table)
                .col(HostMembers::UserId)
                .to_owned(),
            Index::create()
                .name("event_cohosts_host")
                .table(EventCohosts::Table)
                .col(EventCohosts::HostId)
                .to_owned(),
            Index::create()
                .name("outbox_due")
                .table(Outbox::Table)
                .col(Outbox::SentAt)
                .col(Outbox::FailedAt)
                .col(Outbox::NextAttemptAt)
                .to_owned(),
        ] {
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Occurrences::Table)
                    .drop_column(Occurrences::Detached)
                    .to_owned(),
            )
            .await?;
        for column in [
            Events::SeriesStart,
            Events::SeriesEnd,
            Events::ScheduledUntil,
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
        for table in [
            RateLimits::Table.into_iden(),
            Outbox::Table.into_iden(),
            EventCohosts::Table.into_iden(),
            HostInvitations::Table.into_iden(),
            HostMembers::Table.into_iden(),
            Sessions::Table.into_iden(),
            SignInLinks::Table.into_iden(),
            Users::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
    Email,
    DisplayName,
    Locale,
    CreatedAt,
}

#[derive(DeriveIden)]
enum SignInLinks {
    Table,
    Id,
    TokenHash,
    BrowserHash,
    Email,
    Locale,
    NextPath,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    TokenHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum HostMembers {
    Table,
    HostId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum HostInvitations {
    Table,
    Id,
    HostId,
    Email,
    Role,
    TokenHash,
    InvitedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
}

#[derive(DeriveIden)]
enum EventCohosts {
    Table,
    EventId,
    HostId,
    Status,
    InvitedBy,
    CreatedAt,
    RespondedAt,
}

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    Kind,
    Recipient,
    Subject,
    BodyText,
    BodyHtml,
    Calendar,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    LockedUntil,
    LastError,
    SentAt,
    FailedAt,
}

#[derive(DeriveIden)]
enum RateLimits {
    Table,
    Key,
    WindowStart,
    Hits,
}

#[derive(DeriveIden)]
enum Hosts {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Events {
    Table,
    Id,
    SeriesStart,
    SeriesEnd,
    ScheduledUntil,
}

#[derive(DeriveIden)]
enum Occurrences {
    Table,
    Detached,
}
