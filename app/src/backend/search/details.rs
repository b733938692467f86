//! Step two of a search: what the cards show about the occurrences found,
//! with each title in the reader's language when the host wrote one.

use super::Found;
use crate::backend::entities::{event, event_text, host, occurrence, place};
use crate::backend::shown_position::shown_position;
use crate::domain::category::Categories;
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::{EventId, OccurrenceId};
use crate::views::search::GatheringCard;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QuerySelect, RelationTrait,
};
use std::collections::HashMap;

#[derive(Debug, FromQueryResult)]
struct Row {
    occurrence_id: OccurrenceId,
    event_id: EventId,
    starts_at: DateTime<Utc>,
    public_id: String,
    default_language: String,
    time_zone: String,
    categories: i32,
    is_free: bool,
    address_visibility: String,
    latitude: f64,
    longitude: f64,
    place_name: String,
    host_name: String,
}

/// Cards for `found`, in the same order.
pub async fn cards(
    db: &impl ConnectionTrait,
    found: &[Found],
    reader_language: &str,
) -> Result<Vec<GatheringCard>, DbErr> {
    if found.is_empty() {
        return Ok(Vec::new());
    }
    let rows: HashMap<OccurrenceId, Row> = occurrence::Entity::find()
        .select_only()
        .column_as(occurrence::Column::Id, "occurrence_id")
        .column(occurrence::Column::EventId)
        .column(occurrence::Column::StartsAt)
        .column(event::Column::PublicId)
        .column(event::Column::DefaultLanguage)
        .column(event::Column::TimeZone)
        .column(event::Column::Categories)
        .column(event::Column::IsFree)
        .column(event::Column::AddressVisibility)
        .column(occurrence::Column::Latitude)
        .column(occurrence::Column::Longitude)
        .column_as(place::Column::Name, "place_name")
        .column_as(host::Column::Name, "host_name")
        .join(JoinType::InnerJoin, occurrence::Relation::Event.def())
        .join(JoinType::InnerJoin, event::Relation::Place.def())
        .join(JoinType::InnerJoin, event::Relation::Host.def())
        .filter(occurrence::Column::Id.is_in(found.iter().map(|f| f.occurrence_id)))
        // The index may be a moment behind a moderator: never a hidden card.
        .filter(crate::backend::gatherings::visibility::public())
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.occurrence_id, row))
        .collect();
    let texts = titles(db, rows.values().map(|row| row.event_id)).await?;
    let dates: Vec<(EventId, OccurrenceId)> = rows
        .values()
        .map(|r| (r.event_id, r.occurrence_id))
        .collect();
    let mut sponsors = crate::backend::offices::sponsorship::sponsors_of(db, &dates).await?;
    Ok(found
        .iter()
        .filter_map(|hit| {
            let row = rows.get(&hit.occurrence_id)?;
            let (title_language, title) =
                pick_title(&texts, row.event_id, reader_language, &row.default_language)?;
            let mut card = card(row, title_language, title, hit.metres);
            card.sponsors = sponsors.remove(&hit.occurrence_id).unwrap_or_default();
            Some(card)
        })
        .collect())
}

type Titles = HashMap<(EventId, String), String>;

async fn titles(
    db: &impl ConnectionTrait,
    event_ids: impl Iterator<Item = EventId>,
) -> Result<Titles, DbErr> {
    let texts = event_text::Entity::find()
        .select_only()
        .column(event_text::Column::EventId)
        .column(event_text::Column::Language)
        .column(event_text::Column::Title)
        .filter(event_text::Column::EventId.is_in(event_ids))
        .into_tuple::<(EventId, String, String)>()
        .all(db)
        .await?;
    Ok(texts
        .into_iter()
        .map(|(event_id, language, title)| ((event_id, language), title))
        .collect())
}

/// The reader's language if the host wrote the title in it, else the
/// gathering's own language.
fn pick_title<'a>(
    texts: &'a Titles,
    event_id: EventId,
    reader_language: &'a str,
    default_language: &'a str,
) -> Option<(&'a str, &'a str)> {
    [reader_language, default_language]
        .into_iter()
        .find_map(|language| {
            texts
                .get(&(event_id, language.to_string()))
                .map(|title| (language, title.as_str()))
        })
}

fn card(row: &Row, title_language: &str, title: &str, metres: Option<u32>) -> GatheringCard {
    let zone = crate::backend::time_zone::named(&row.time_zone);
    let local = row.starts_at.with_timezone(&zone);
    let shown = GeoPoint::parse(row.latitude, row.longitude)
        .map(|point| shown_position(point, row.address_visibility == "public"))
        .ok();
    GatheringCard {
        public_id: row.public_id.clone(),
        title: title.to_string(),
        title_language: title_language.to_string(),
        starts_at_utc: row.starts_at.to_rfc3339(),
        starts_local: local
            .naive_local()
            .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
            .to_string(),
        zone_abbreviation: local.format("%Z").to_string(),
        place_name: row.place_name.clone(),
        host_name: row.host_name.clone(),
        categories: Categories::from_bits(row.categories as u32),
        is_free: row.is_free,
        distance_m: metres,
        latitude: shown.map(|p| p.latitude()),
        longitude: shown.map(|p| p.longitude()),
        sponsors: Vec::new(),
    }
}
