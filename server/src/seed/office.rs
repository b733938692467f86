//! The demo city office: a district integration office whose area is a
//! made-up polygon just west of Berlin's centre (not a real boundary; it
//! holds three of the demo venues and not the city centre), with one
//! member, and a few gatherings in its area sponsored, so the demo shows
//! sponsorship, the strip in search results and the area overview.

use app::backend::auth::Viewer;
use app::backend::distance::metres_between;
use app::backend::entities::{event, place, user};
use app::backend::offices::sponsorship::{self, Scope};
use app::backend::offices::{self, jurisdiction};
use app::domain::email_address::EmailAddress;
use app::domain::geo_point::GeoPoint;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

pub const SLUG: &str = "demo-district";
pub const MEMBER: &str = "city-office@demo.example";

/// For the demo only: a polygon with a notch.
const AREA: &str = r#"{"type":"Polygon","coordinates":[[
  [13.340,52.490],[13.400,52.490],[13.400,52.545],[13.370,52.545],
  [13.365,52.520],[13.340,52.515],[13.340,52.490]]]}"#;

pub async fn seed(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    // Loaded before: the office exists.
    let Ok(office) = offices::create(txn, SLUG, "District Integration Office (demo)").await? else {
        return Ok(());
    };
    let area = jurisdiction::parse(AREA, |_, _| {})
        .map_err(|problem| DbErr::Custom(format!("demo area: {problem}")))?;
    jurisdiction::store(txn, office.id, &area).await?;
    let member = EmailAddress::parse(MEMBER).map_err(|_| DbErr::Custom("demo address".into()))?;
    offices::add_member(txn, office.id, &member).await
}

/// The point the office browser test searches around (1 km): the demo's
/// own sponsorships stay clear of it, so the test sponsors gatherings
/// nobody sponsored yet.
const KEPT_CLEAR: (f64, f64) = (52.502, 13.362);
/// How many gatherings in its area the demo office sponsors.
const SPONSORED: usize = 4;

/// Sponsors a few gatherings inside the office's area through the same
/// command an office member uses (so its rules hold: published, public,
/// inside the area), so the office's page, its strip in search results
/// and its overview have something to show. Run after the demo data is
/// committed; the demo hosts have no team, so nobody is emailed.
pub async fn sponsor_some(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let Some(office) = offices::by_slug(db, SLUG).await? else {
        return Ok(0);
    };
    let Some(area) = jurisdiction::of_office(db, office.id).await? else {
        return Ok(0);
    };
    let Some(member) = user::Entity::find()
        .filter(user::Column::Email.eq(MEMBER))
        .one(db)
        .await?
    else {
        return Ok(0);
    };
    let actor = Viewer {
        user_id: member.id,
        email: member.email,
        display_name: None,
    };
    let kept_clear = GeoPoint::parse(KEPT_CLEAR.0, KEPT_CLEAR.1).expect("a valid point");
    let inside: Vec<String> = event::Entity::find()
        .find_also_related(place::Entity)
        .order_by_asc(event::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(event, place)| {
            let place = place?;
            let covered = jurisdiction::covers(&area, place.latitude, place.longitude);
            let at = GeoPoint::parse(place.latitude, place.longitude).ok()?;
            let clear = metres_between(at, kept_clear) > 1_500.0;
            (covered && clear).then_some(event.public_id)
        })
        .collect();
    let mut sponsored = 0;
    for public_id in inside {
        if sponsored == SPONSORED {
            break;
        }
        let note = "Part of the district's neighbourhood programme";
        let done = sponsorship::sponsor(
            db,
            "",
            &office,
            &actor,
            &public_id,
            Scope::Series,
            note,
            now,
        )
        .await?;
        if done.is_ok() {
            sponsored += 1;
        }
    }
    Ok(sponsored)
}
