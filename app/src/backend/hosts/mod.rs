//! Hosts: the organisations that run gatherings (a community centre, a
//! faith group, a sports club), their public page and their members.

pub mod page;
pub mod permissions;
pub mod team;

use super::{
    entities::{host, host_member},
    gazetteer::normalize,
    secret,
};
use chrono::Utc;
use permissions::Role;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

/// A host page as submitted, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostDetails {
    pub name: String,
    pub description: String,
    pub website: Option<String>,
}

/// What can be wrong with a submitted host page, by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostProblem {
    NameMissing,
    NameTooLong,
    DescriptionTooLong,
    WebsiteInvalid,
}

impl HostProblem {
    pub fn field(self) -> &'static str {
        match self {
            HostProblem::NameMissing | HostProblem::NameTooLong => "name",
            HostProblem::DescriptionTooLong => "description",
            HostProblem::WebsiteInvalid => "website",
        }
    }
}

pub const NAME_MAX: usize = 120;
pub const DESCRIPTION_MAX: usize = 5_000;

impl HostDetails {
    pub fn parse(name: &str, description: &str, website: &str) -> Result<Self, Vec<HostProblem>> {
        let name = name.trim();
        let website = website.trim();
        let mut problems = Vec::new();
        if name.is_empty() {
            problems.push(HostProblem::NameMissing);
        } else if name.chars().count() > NAME_MAX {
            problems.push(HostProblem::NameTooLong);
        }
        if description.chars().count() > DESCRIPTION_MAX {
            problems.push(HostProblem::DescriptionTooLong);
        }
        // Only web links: no `javascript:` or other schemes on a public page.
        let website_ok = website.is_empty()
            || ((website.starts_with("https://") || website.starts_with("http://"))
                && website.len() <= 300
                && !website
                    .chars()
                    .any(|c| c.is_whitespace() || c == '"' || c == '<'));
        if !website_ok {
            problems.push(HostProblem::WebsiteInvalid);
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Self {
            name: name.to_string(),
            description: description.trim().to_string(),
            website: (!website.is_empty()).then(|| website.to_string()),
        })
    }
}

/// Creates a host with `owner` as its first owner; returns its slug.
pub async fn create(
    db: &DatabaseConnection,
    owner: i64,
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
    let txn = crate::backend::transaction::begin_write(db).await?;
    let host = host::ActiveModel {
        slug: Set(slug.clone()),
        name: Set(details.name),
        description: Set(details.description),
        website: Set(details.website),
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

pub async fn by_slug(db: &DatabaseConnection, slug: &str) -> Result<Option<host::Model>, DbErr> {
    host::Entity::find()
        .filter(host::Column::Slug.eq(slug))
        .one(db)
        .await
}

/// The hosts `user_id` belongs to, with their role, by name.
pub async fn of_member(
    db: &DatabaseConnection,
    user_id: i64,
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

    #[test]
    fn host_details_are_checked() {
        assert_eq!(
            HostDetails::parse(" ", "", "javascript:alert(1)"),
            Err(vec![HostProblem::NameMissing, HostProblem::WebsiteInvalid])
        );
        let ok = HostDetails::parse(" Kiezküche ", "We cook.", "").unwrap();
        assert_eq!(ok.name, "Kiezküche");
        assert_eq!(ok.website, None);
    }
}
