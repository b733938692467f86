//! Hosts: the organisations that run gatherings (a community centre, a
//! faith group, a sports club), their public page and their members.

pub mod close;
pub mod feed;
pub mod logo;
pub mod page;
pub mod permissions;
pub mod reply_counts;
pub mod team;

use super::{
    entities::{host, host_member},
    gazetteer::normalize,
    secret,
};
pub use crate::domain::host_page::{HostDetails, HostProblem};
use crate::domain::ids::{HostId, UserId};
use chrono::Utc;
use permissions::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set, sea_query::Expr,
};

/// A host's stored links, in order.
pub fn links_of(host: &host::Model) -> Vec<String> {
    host.links
        .lines()
        .filter(|line| !line.is_empty())
        .map(str::to_string)
        .collect()
}

/// Creates a host with `owner` as its first owner; returns its slug.
pub async fn create(
    db: &DatabaseConnection,
    owner: UserId,
    details: HostDetails,
) -> Result<String, DbErr> {
    let now = Utc::now();
    let base = slug_base(&details.name);
    let taken = host::Entity::find()
        .filter(host::Column::Slug.eq(base.as_str()))
        .one(db)
        .await?
        .is_some();
    // A clash gets a random ending rather than a count, which would tell
    // how many hosts share a name.
    let slug = if taken {
        format!("{base}-{}", &secret::public_id()[..6])
    } else {
        base
    };
    let links = details.stored_links();
    let txn = crate::backend::transaction::begin_write(db).await?;
    let host = host::ActiveModel {
        slug: Set(slug.clone()),
        name: Set(details.name),
        description: Set(details.description),
        links: Set(links),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    host_member::ActiveModel {
        host_id: Set(host.id),
        user_id: Set(owner),
        role: Set(Role::Owner.as_str().into()),
        created_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(slug)
}

/// Saves an edited host page. The address (slug) stays, so links to it
/// keep working.
pub async fn update(
    db: &DatabaseConnection,
    host_id: HostId,
    details: HostDetails,
) -> Result<(), DbErr> {
    host::ActiveModel {
        id: Set(host_id),
        links: Set(details.stored_links()),
        name: Set(details.name),
        description: Set(details.description),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// The readable part of a host's address, from its name: "Café Amal" →
/// `cafe-amal`; names in other scripts become `host`.
fn slug_base(name: &str) -> String {
    let words: Vec<String> = normalize(name)
        .split(' ')
        .map(|word| {
            word.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
        })
        .filter(|word| !word.is_empty())
        .collect();
    let slug: String = words.join("-").chars().take(60).collect();
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() { "host".into() } else { slug }
}

/// Sets how many days after each date the host's guests are forgotten
/// (`None`: the installation's setting). The caller checked `days`
/// against the installation's (`domain::host_page::parse_forget_days`).
pub async fn set_forget_after_days(
    db: &DatabaseConnection,
    host_id: HostId,
    days: Option<i32>,
) -> Result<(), DbErr> {
    host::Entity::update_many()
        .col_expr(host::Column::ForgetGuestsAfterDays, Expr::value(days))
        .filter(host::Column::Id.eq(host_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> Result<Option<host::Model>, DbErr> {
    host::Entity::find()
        .filter(host::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// The host at `slug` if the public may see it (not suspended by a
/// moderator): for every public read of a host.
pub async fn public_by_slug(
    db: &DatabaseConnection,
    slug: &str,
) -> Result<Option<host::Model>, DbErr> {
    Ok(by_slug(db, slug)
        .await?
        .filter(|host| host.suspended_at.is_none()))
}

/// The hosts `user_id` belongs to, with their role, by name.
pub async fn of_member(
    db: &DatabaseConnection,
    user_id: UserId,
) -> Result<Vec<(host::Model, Role)>, DbErr> {
    let members = host_member::Entity::find()
        .filter(host_member::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let hosts = host::Entity::find()
        .filter(host::Column::Id.is_in(members.iter().map(|m| m.host_id)))
        .order_by_asc(host::Column::Name)
        .all(db)
        .await?;
    Ok(hosts
        .into_iter()
        .filter_map(|host| {
            let role = members
                .iter()
                .find(|m| m.host_id == host.id)
                .and_then(|m| Role::parse(&m.role))?;
            Some((host, role))
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable_and_safe() {
        assert_eq!(slug_base("Café Amal & Friends!"), "cafe-amal-friends");
        assert_eq!(slug_base("نادي الحي"), "host");
        assert_eq!(slug_base("  Kiez-Küche  Neukölln "), "kiez-kuche-neukolln");
    }
}
