//! The plain "what's on next" list, soonest first.

use super::entities::{event, event_text, host, occurrence, place};
use crate::{api::discover::GatheringCard, domain::category::Categories};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QueryOrder, QuerySelect, RelationTrait,
    sea_query::{Expr, ExprTrait, IntoCondition},
};

#[derive(Debug, FromQueryResult)]
struct Row {
    starts_at: DateTime<Utc>,
    public_id: String,
    time_zone: String,
    categories: i32,
    is_free: bool,
    title: String,
    place_name: String,
    host_name: String,
}

/// The next `limit` scheduled dates of published gatherings after `now`,
/// titled in each gathering's default language.
pub async fn list(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u32,
) -> Result<Vec<GatheringCard>, DbErr> {
    let rows = occurrence::Entity::find()
        .select_only()
        .column(occurrence::Column::StartsAt)
        .column(event::Column::PublicId)
        .column(event::Column::TimeZone)
        .column(event::Column::Categories)
        .column(event::Column::IsFree)
        .column(event_text::Column::Title)
        .column_as(place::Column::Name, "place_name")
        .column_as(host::Column::Name, "host_name")
        .join(JoinType::InnerJoin, occurrence::Relation::Event.def())
        .join(JoinType::InnerJoin, event::Relation::Place.def())
        .join(JoinType::InnerJoin, event::Relation::Host.def())
        .join(
            JoinType::InnerJoin,
            event::Relation::EventText
                .def()
                .on_condition(|_event, text| {
                    Expr::col((text, event_text::Column::Language))
                        .equals((event::Entity, event::Column::DefaultLanguage))
                        .into_condition()
                }),
        )
        .filter(occurrence::Column::StartsAt.gte(now))
        .filter(occurrence::Column::Status.eq("scheduled"))
        .filter(event::Column::Status.eq("published"))
        .order_by_asc(occurrence::Column::StartsAt)
        .order_by_asc(occurrence::Column::Id)
        .limit(u64::from(limit))
        .into_model::<Row>()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(card).collect())
}

fn card(row: Row) -> GatheringCard {
    let zone: chrono_tz::Tz = row.time_zone.parse().unwrap_or(chrono_tz::UTC);
    let local = row.starts_at.with_timezone(&zone);
    GatheringCard {
        public_id: row.public_id,
        title: row.title,
        starts_at_utc: row.starts_at.to_rfc3339(),
        starts_local: local.naive_local().format("%Y-%m-%dT%H:%M:%S").to_string(),
        zone_abbreviation: local.format("%Z").to_string(),
        place_name: row.place_name,
        host_name: row.host_name,
        categories: Categories::from_bits(row.categories as u32),
        is_free: row.is_free,
    }
}
