//! What administrators do in the browser: name moderators and
//! administrators, choose who may publish, and run the city offices —
//! create one, add and remove its members, import its area with exactly the
//! command line's checks. Each change is written to the moderation log.

use super::log::{self, Action};
use super::permissions::Moderator;
use crate::backend::entities::{city_office, office_area, office_member, site_role, user};
use crate::backend::offices::{self, jurisdiction};
use crate::domain::email_address::EmailAddress;
use crate::domain::ids::UserId;
use crate::domain::moderation::{PublishPolicy, SiteRole};
use crate::domain::refusals::{AreaProblem, OfficeProblem, RoleChangeProblem};
use crate::views::moderation::{AdminView, OfficeAdminView, OfficeLine, RoleHolder};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder,
};

/// How many log entries the page shows.
const LOG_SHOWN: u64 = 100;

pub async fn overview<C: ConnectionTrait>(conn: &C) -> Result<AdminView, DbErr> {
    let roles = site_role::Entity::find()
        .order_by_asc(site_role::Column::Role)
        .all(conn)
        .await?;
    let mut people = Vec::with_capacity(roles.len());
    for row in roles {
        if let Some(person) = user::Entity::find_by_id(row.user_id).one(conn).await? {
            people.push(RoleHolder {
                user_id: person.id,
                email: person.email,
                role: row.role,
            });
        }
    }
    let mut offices = Vec::new();
    for office in city_office::Entity::find()
        .order_by_asc(city_office::Column::Name)
        .all(conn)
        .await?
    {
        let members = office_member::Entity::find()
            .filter(office_member::Column::OfficeId.eq(office.id))
            .count(conn)
            .await?;
        let has_area = office_area::Entity::find_by_id(office.id)
            .one(conn)
            .await?
            .is_some();
        offices.push(OfficeLine {
            slug: office.slug,
            name: office.name,
            members,
            has_area,
        });
    }
    Ok(AdminView {
        people,
        publish_policy: super::settings::publish_policy(conn).await?,
        offices,
        log: log::recent(conn, LOG_SHOWN).await?,
    })
}

pub async fn office<C: ConnectionTrait>(
    conn: &C,
    slug: &str,
) -> Result<Option<OfficeAdminView>, DbErr> {
    let Some(office) = offices::by_slug(conn, slug).await? else {
        return Ok(None);
    };
    let member_ids: Vec<UserId> = office_member::Entity::find()
        .filter(office_member::Column::OfficeId.eq(office.id))
        .all(conn)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let members = super::cases::accounts(conn, member_ids).await?;
    let area = office_area::Entity::find_by_id(office.id)
        .one(conn)
        .await?
        .map(|a| (a.polygons, a.imported_at));
    Ok(Some(OfficeAdminView {
        slug: office.slug,
        name: office.name,
        members,
        area,
    }))
}

pub async fn grant_role(
    db: &DatabaseConnection,
    admin: &Moderator,
    email: &str,
    role: SiteRole,
) -> Result<Result<(), RoleChangeProblem>, DbErr> {
    let Ok(address) = EmailAddress::parse(email) else {
        return Ok(Err(RoleChangeProblem::BadEmail));
    };
    if address.as_str() == admin.viewer.email {
        return Ok(Err(RoleChangeProblem::OwnRole));
    }
    let txn = crate::backend::transaction::begin_write(db).await?;
    super::roles::grant(&txn, &address, role).await?;
    let subject = format!("account {} as {}", address.as_str(), role.as_str());
    log::write(&txn, &admin.viewer.email, Action::GrantRole, &subject, "").await?;
    txn.commit().await?;
    Ok(Ok(()))
}

pub async fn withdraw_role(
    db: &DatabaseConnection,
    admin: &Moderator,
    user_id: UserId,
) -> Result<Result<(), RoleChangeProblem>, DbErr> {
    if user_id == admin.viewer.user_id {
        return Ok(Err(RoleChangeProblem::OwnRole));
    }
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(person) = user::Entity::find_by_id(user_id).one(&txn).await? else {
        return Ok(Ok(()));
    };
    super::roles::withdraw(&txn, user_id).await?;
    let subject = format!("account {}", person.email);
    log::write(
        &txn,
        &admin.viewer.email,
        Action::WithdrawRole,
        &subject,
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

pub async fn set_publish_policy(
    db: &DatabaseConnection,
    admin: &Moderator,
    policy: PublishPolicy,
) -> Result<(), DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    super::settings::set_publish_policy(&txn, policy).await?;
    log::write(
        &txn,
        &admin.viewer.email,
        Action::SetPublishPolicy,
        policy.as_str(),
        "",
    )
    .await?;
    txn.commit().await
}

pub async fn create_office(
    db: &DatabaseConnection,
    admin: &Moderator,
    slug: &str,
    name: &str,
) -> Result<Result<(), OfficeProblem>, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let office = match offices::create(&txn, slug, name).await? {
        Ok(office) => office,
        Err(problem) => return Ok(Err(problem)),
    };
    let subject = format!("office {} \"{}\"", office.slug, office.name);
    log::write(
        &txn,
        &admin.viewer.email,
        Action::CreateOffice,
        &subject,
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(Ok(()))
}

/// Adds the person at `email` to the office `slug`; `None` when there is
/// no such office, `Some(false)` when the address is not one.
pub async fn add_office_member(
    db: &DatabaseConnection,
    admin: &Moderator,
    slug: &str,
    email: &str,
) -> Result<Option<bool>, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(office) = offices::by_slug(&txn, slug).await? else {
        return Ok(None);
    };
    let Ok(address) = EmailAddress::parse(email) else {
        return Ok(Some(false));
    };
    offices::add_member(&txn, office.id, &address).await?;
    let subject = format!("office {}: {}", office.slug, address.as_str());
    log::write(
        &txn,
        &admin.viewer.email,
        Action::AddOfficeMember,
        &subject,
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(Some(true))
}

pub async fn remove_office_member(
    db: &DatabaseConnection,
    admin: &Moderator,
    slug: &str,
    user_id: UserId,
) -> Result<bool, DbErr> {
    let txn = crate::backend::transaction::begin_write(db).await?;
    let Some(office) = offices::by_slug(&txn, slug).await? else {
        return Ok(false);
    };
    let removed = office_member::Entity::delete_by_id((office.id, user_id))
        .exec(&txn)
        .await?;
    if removed.rows_affected == 1 {
        let email = user::Entity::find_by_id(user_id)
            .one(&txn)
            .await?
            .map(|u| u.email)
            .unwrap_or_default();
        let subject = format!("office {}: {email}", office.slug);
        log::write(
            &txn,
            &admin.viewer.email,
            Action::RemoveOfficeMember,
            &subject,
            "",
        )
        .await?;
    }
    txn.commit().await?;
    Ok(true)
}

/// Replaces the office's area with the GeoJSON `text`, checked exactly as
/// `commonground jurisdiction import` checks a file; `Ok(None)` when there
/// is no such office.
pub async fn import_office_area(
    db: &DatabaseConnection,
    admin: &Moderator,
    slug: &str,
    text: &str,
) -> Result<Option<Result<usize, AreaProblem>>, DbErr> {
    let Some(office) = offices::by_slug(db, slug).await? else {
        return Ok(None);
    };
    let area = match jurisdiction::parse(text, |_, _| {}) {
        Ok(area) => area,
        Err(problem) => return Ok(Some(Err(problem))),
    };
    let txn = crate::backend::transaction::begin_write(db).await?;
    jurisdiction::store(&txn, office.id, &area).await?;
    let subject = format!("office {}: {} polygon(s)", office.slug, area.0.len());
    log::write(
        &txn,
        &admin.viewer.email,
        Action::ImportOfficeArea,
        &subject,
        "",
    )
    .await?;
    txn.commit().await?;
    Ok(Some(Ok(area.0.len())))
}
