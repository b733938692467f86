//! The moderation log: who did what to what, when and why. Written in the
//! same transaction as the action; read by administrators.

use crate::backend::entities::moderation_log;
use crate::views::moderation::LogEntryView;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DbErr, EntityTrait, QueryOrder, QuerySelect, Set,
};

/// What a moderator or administrator did, as the log names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    HideGathering,
    RestoreGathering,
    RemoveGathering,
    ApproveGathering,
    ApproveHost,
    SuspendHost,
    RestoreHost,
    SuspendAccount,
    RestoreAccount,
    GrantRole,
    WithdrawRole,
    CloseCase,
    ReopenCase,
    SetPublishPolicy,
    CreateOffice,
    AddOfficeMember,
    RemoveOfficeMember,
    ImportOfficeArea,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::HideGathering => "hide_gathering",
            Self::RestoreGathering => "restore_gathering",
            Self::RemoveGathering => "remove_gathering",
            Self::ApproveGathering => "approve_gathering",
            Self::ApproveHost => "approve_host",
            Self::SetPublishPolicy => "set_publish_policy",
            Self::CreateOffice => "create_office",
            Self::AddOfficeMember => "add_office_member",
            Self::RemoveOfficeMember => "remove_office_member",
            Self::ImportOfficeArea => "import_office_area",
            Self::SuspendHost => "suspend_host",
            Self::RestoreHost => "restore_host",
            Self::SuspendAccount => "suspend_account",
            Self::RestoreAccount => "restore_account",
            Self::GrantRole => "grant_role",
            Self::WithdrawRole => "withdraw_role",
            Self::CloseCase => "close_case",
            Self::ReopenCase => "reopen_case",
        }
    }
}

pub async fn write<C: ConnectionTrait>(
    conn: &C,
    actor: &str,
    action: Action,
    subject: &str,
    reason: &str,
) -> Result<(), DbErr> {
    moderation_log::ActiveModel {
        actor: Set(actor.into()),
        action: Set(action.as_str().into()),
        subject: Set(subject.chars().take(400).collect()),
        reason: Set(reason.into()),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?;
    Ok(())
}

/// The latest `limit` entries, newest first.
pub async fn recent<C: ConnectionTrait>(conn: &C, limit: u64) -> Result<Vec<LogEntryView>, DbErr> {
    Ok(moderation_log::Entity::find()
        .order_by_desc(moderation_log::Column::Id)
        .limit(limit)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| LogEntryView {
            actor: row.actor,
            action: row.action,
            subject: row.subject,
            reason: row.reason,
            at: row.created_at,
        })
        .collect())
}
