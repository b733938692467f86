//! Step two of a search: what the cards show about the occurrences found,
//! with each title in the reader's language when the host wrote one.

use super::Found;
use crate::backend::entities::{event, event_picture, event_text, host, occurrence, place};
use crate::backend::offices::sponsorship;
use crate::backend::shown_position::shown_position;
use crate::domain::category::Categories;
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::{EventId, OccurrenceId};
use crate::views::search::GatheringCard;
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, JoinType, QueryFilter,
    QuerySelect, RelationDef, RelationTrait,
    sea_query::{Alias, Expr, ExprTrait, IntoCondition},
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
    /// The title in the reader's language, when the host wrote one.
    reader_title: Option<String>,
    /// The title in the gathering's own language.
    own_title: Option<String>,
    /// Its picture, when it has one.
    picture_digest: Option<String>,
    picture_alt: Option<String>,
    picture_width: Option<i32>,
    picture_height: Option<i32>,
    /// Whether its gathering has an active sponsorship (of the series or
    /// of any of its dates): only such rows are asked whose it is.
    has_sponsor: bool,
}

impl Row {
    /// The reader's language if the host wrote the title in it, else the
    /// gathering's own language: `(language, title)`.
    fn title<'a>(&'a self, reader_language: &'a str) -> Option<(&'a str, &'a str)> {
        match (&self.reader_title, &self.own_title) {
            (Some(title), _) => Some((reader_language, title)),
            (None, Some(title)) => Some((&self.default_language, title)),
            (None, None) => None,
        }
    }
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
    let reader = reader_language.to_owned();
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
        .column_as(
            Expr::col((Alias::new(READER_TEXT), event_text::Column::Title)),
            "reader_title",
        )
        .column_as(
            Expr::col((Alias::new(OWN_TEXT), event_text::Column::Title)),
            "own_title",
        )
        .join(JoinType::InnerJoin, occurrence::Relation::Event.def())
        .join(JoinType::InnerJoin, event::Relation::Place.def())
        .join(JoinType::InnerJoin, event::Relation::Host.def())
        .column_as(event_picture::Column::Digest, "picture_digest")
        .column_as(event_picture::Column::AltText, "picture_alt")
        .column_as(event_picture::Column::Width, "picture_width")
        .column_as(event_picture::Column::Height, "picture_height")
        .join(JoinType::LeftJoin, event::Relation::EventPicture.def())
        .expr_as(
            Expr::exists(sponsorship::any_active_of(Expr::col((
                occurrence::Entity,
                occurrence::Column::EventId,
            )))),
            "has_sponsor",
        )
        // Both candidate titles in the same statement.
        .join_as(
            JoinType::LeftJoin,
            text_of_event().on_condition(move |_, text| {
                Expr::col((text, event_text::Column::Language))
                    .eq(reader.clone())
                    .into_condition()
            }),
            Alias::new(READER_TEXT),
        )
        .join_as(
            JoinType::LeftJoin,
            text_of_event().on_condition(|event, text| {
                Expr::col((text, event_text::Column::Language))
                    .equals((event, event::Column::DefaultLanguage))
                    .into_condition()
            }),
            Alias::new(OWN_TEXT),
        )
        .filter(occurrence::Column::Id.is_in(found.iter().map(|f| f.occurrence_id)))
        // The index may be a moment behind a moderator: never a hidden card.
        .filter(crate::backend::gatherings::visibility::public())
        .into_model::<Row>()
        .all(db)
        .await?
        .into_iter()
        .map(|row| (row.occurrence_id, row))
        .collect();
    // Most cards have no sponsor: the page then asks no second statement
    // (each crosses to the database's thread and back).
    let dates: Vec<(EventId, OccurrenceId)> = rows
        .values()
        .filter(|r| r.has_sponsor)
        .map(|r| (r.event_id, r.occurrence_id))
        .collect();
    let mut sponsors = sponsorship::sponsors_of(db, &dates).await?;
    Ok(found
        .iter()
        .filter_map(|hit| {
            let row = rows.get(&hit.occurrence_id)?;
            let (title_language, title) = row.title(reader_language)?;
            let mut card = card(row, title_language, title, hit.metres);
            card.sponsors = sponsors.remove(&hit.occurrence_id).unwrap_or_default();
            Some(card)
        })
        .collect())
}

/// The two joins of `event_texts` in [`cards`]' statement.
const READER_TEXT: &str = "reader_text";
const OWN_TEXT: &str = "own_text";

/// A gathering's texts, joined from the gathering.
fn text_of_event() -> RelationDef {
    event_text::Relation::Event.def().rev()
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
        picture: match (
            &row.picture_digest,
            &row.picture_alt,
            row.picture_width,
            row.picture_height,
        ) {
            (Some(digest), Some(alt), Some(width), Some(height)) => Some(
                crate::backend::pictures::store::view(&row.public_id, digest, alt, width, height),
            ),
            _ => None,
        },
    }
}
