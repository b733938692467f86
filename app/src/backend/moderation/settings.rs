//! Who may publish: an installation setting administrators choose in the
//! browser (`PublishPolicy`), read when a gathering is created.

use crate::backend::entities::host;
use crate::backend::installation_settings::{read, write};
use crate::domain::moderation::{Moderation, PublishPolicy};
use chrono::Utc;
use sea_orm::{ConnectionTrait, DbErr};

const PUBLISH_POLICY_KEY: &str = "moderation.publish_policy";

/// The installation's policy; anyone signed in publishes when none was set.
pub async fn publish_policy<C: ConnectionTrait>(db: &C) -> Result<PublishPolicy, DbErr> {
    Ok(read(db, PUBLISH_POLICY_KEY)
        .await?
        .and_then(|value| PublishPolicy::parse(&value))
        .unwrap_or(PublishPolicy::Anyone))
}

pub async fn set_publish_policy<C: ConnectionTrait>(
    db: &C,
    policy: PublishPolicy,
) -> Result<(), DbErr> {
    write(db, PUBLISH_POLICY_KEY, policy.as_str(), Utc::now()).await
}

/// Where a new gathering of `host` starts: public at once, or waiting for
/// a moderator, by the installation's policy and the host's approval.
pub async fn new_gathering_state<C: ConnectionTrait>(
    db: &C,
    host: &host::Model,
) -> Result<Moderation, DbErr> {
    Ok(match publish_policy(db).await? {
        PublishPolicy::Anyone => Moderation::Visible,
        _ if host.approved_at.is_some() => Moderation::Visible,
        PublishPolicy::FirstReviewed | PublishPolicy::ApprovedHosts => Moderation::Waiting,
    })
}
