//! City offices (a municipality's integration or culture office, a
//! district council): created with their members by an administrator on
//! the command line, each with a jurisdiction, sponsoring gatherings inside
//! it and seeing aggregate figures for it.

pub mod charts;
pub mod jurisdiction;
pub mod outline;
pub mod overview;
pub mod page;
pub mod permissions;
pub mod sponsorship;

use super::entities::{city_office, office_member};
use crate::domain::ids::{OfficeId, UserId};
use crate::domain::refusals::OfficeProblem;
use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

pub async fn by_slug<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> Result<Option<city_office::Model>, DbErr> {
    city_office::Entity::find()
        .filter(city_office::Column::Slug.eq(slug))
        .one(conn)
        .await
}

/// Whether `slug` can name an office in URLs and commands.
pub fn is_valid_slug(slug: &str) -> bool {
    (2..=80).contains(&slug.len())
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// Creates an office; `None` when the slug is taken.
pub async fn create<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
    name: &str,
) -> Result<Result<city_office::Model, OfficeProblem>, DbErr> {
    let name = crate::domain::text::one_line(name);
    if !is_valid_slug(slug) {
        return Ok(Err(OfficeProblem::BadSlug));
    }
    if name.is_empty() || name.chars().count() > 120 {
        return Ok(Err(OfficeProblem::BadName));
    }
    if by_slug(conn, slug).await?.is_some() {
        return Ok(Err(OfficeProblem::Taken));
    }
    Ok(Ok(city_office::ActiveModel {
        slug: Set(slug.into()),
        name: Set(name),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(conn)
    .await?))
}

/// Makes the person with `email` a member of the office, creating their
/// account if they have none yet (they sign in with that address).
pub async fn add_member<C: ConnectionTrait>(
    conn: &C,
    office_id: OfficeId,
    email: &crate::domain::email_address::EmailAddress,
) -> Result<(), DbErr> {
    let person = crate::backend::auth::account_of(conn, email).await?;
    office_member::Entity::insert(office_member::ActiveModel {
        office_id: Set(office_id),
        user_id: Set(person.id),
        created_at: Set(Utc::now()),
    })
    .on_conflict_do_nothing_on([
        office_member::Column::OfficeId,
        office_member::Column::UserId,
    ])
    .exec(conn)
    .await?;
    Ok(())
}

/// The offices `user_id` belongs to, by name.
pub async fn of_member<C: ConnectionTrait>(
    conn: &C,
    user_id: UserId,
) -> Result<Vec<city_office::Model>, DbErr> {
    let office_ids: Vec<OfficeId> = office_member::Entity::find()
        .filter(office_member::Column::UserId.eq(user_id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.office_id)
        .collect();
    city_office::Entity::find()
        .filter(city_office::Column::Id.is_in(office_ids))
        .order_by_asc(city_office::Column::Name)
        .all(conn)
        .await
}

#[cfg(test)]
mod tests {
    #[test]
    fn office_slugs_are_plain() {
        assert!(super::is_valid_slug("berlin-mitte"));
        assert!(!super::is_valid_slug("Berlin Mitte"));
        assert!(!super::is_valid_slug("-x"));
        assert!(!super::is_valid_slug("a"));
    }
}
