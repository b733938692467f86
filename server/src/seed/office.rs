//! The demo city office: a district integration office whose area is a
//! made-up polygon just west of Berlin's centre (not a real boundary; it
//! holds three of the demo venues and not the city centre), with one
//! member, so the demo shows sponsorship and the area overview.

use app::backend::offices::{self, jurisdiction};
use app::domain::email_address::EmailAddress;
use sea_orm::{ConnectionTrait, DbErr};

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
