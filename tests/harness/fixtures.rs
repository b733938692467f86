//! Gatherings written straight into a test's database, through the same
//! entities and occurrence writer the app uses, so search and event-page
//! tests can place them exactly where and when they need.

use app::backend::entities::{event, event_language, event_text, host, place};
use app::backend::occurrences;
use app::domain::accessibility::{Accessibility, AccessibilityFeature};
use app::domain::category::{Categories, Category};
use app::domain::geo_point::GeoPoint;
use app::domain::ids::{EventId, OccurrenceId};
use app::domain::status::GatheringStatus;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};

/// What a test gathering is; everything but the position and start has a
/// plain default.
#[derive(Clone, Debug)]
pub struct Gathering {
    pub title: String,
    pub description: String,
    pub latitude: f64,
    pub longitude: f64,
    pub time_zone: String,
    pub starts_at: DateTime<Utc>,
    pub duration: Duration,
    pub categories: Vec<Category>,
    pub languages: Vec<&'static str>,
    pub accessibility: Vec<AccessibilityFeature>,
    pub is_free: bool,
    pub family_friendly: bool,
    pub capacity: Option<i32>,
    /// `public` or `guests`.
    pub address_visibility: &'static str,
    /// `published`, `draft` or `cancelled`.
    pub status: &'static str,
    /// Titles in other languages: (language, title).
    pub translations: Vec<(&'static str, String)>,
}

impl Gathering {
    pub fn at(title: &str, latitude: f64, longitude: f64, starts_at: DateTime<Utc>) -> Self {
        Self {
            title: title.into(),
            description: format!("About {title}."),
            latitude,
            longitude,
            time_zone: "Europe/Berlin".into(),
            starts_at,
            duration: Duration::hours(2),
            categories: vec![Category::Food],
            languages: vec!["en"],
            accessibility: Vec::new(),
            is_free: true,
            family_friendly: false,
            capacity: None,
            address_visibility: "public",
            status: "published",
            translations: Vec::new(),
        }
    }

    pub fn in_zone(mut self, zone: &str) -> Self {
        self.time_zone = zone.into();
        self
    }
}

/// The ids a created gathering got.
#[derive(Clone, Debug)]
pub struct Created {
    pub public_id: String,
    pub event_id: EventId,
    /// Its one date.
    pub occurrence_id: OccurrenceId,
}

pub async fn create_gathering(db: &DatabaseConnection, spec: &Gathering) -> Created {
    let now = Utc::now();
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let host = host::ActiveModel {
        slug: Set(format!("host-{unique}")),
        name: Set(format!("Host of {}", spec.title)),
        description: Set(String::new()),
        links: Set(String::new()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert host");
    let place = place::ActiveModel {
        host_id: Set(Some(host.id)),
        name: Set(format!("Hall of {}", spec.title)),
        address: Set(format!("1 Secret Street of {}", spec.title)),
        latitude: Set(spec.latitude),
        longitude: Set(spec.longitude),
        time_zone: Set(spec.time_zone.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert place");
    let public_id = unique[..12].to_string();
    let event = event::ActiveModel {
        public_id: Set(public_id.clone()),
        host_id: Set(host.id),
        place_id: Set(place.id),
        default_language: Set("en".into()),
        categories: Set(spec
            .categories
            .iter()
            .copied()
            .collect::<Categories>()
            .bits() as i32),
        accessibility: Set(spec
            .accessibility
            .iter()
            .copied()
            .collect::<Accessibility>()
            .bits() as i32),
        is_free: Set(spec.is_free),
        family_friendly: Set(spec.family_friendly),
        capacity: Set(spec.capacity),
        address_visibility: Set(spec.address_visibility.into()),
        status: Set(GatheringStatus::parse(spec.status).expect("a gathering status")),
        recurrence: Set(None),
        time_zone: Set(spec.time_zone.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await
    .expect("insert event");
    let texts =
        std::iter::once(("en", spec.title.clone())).chain(spec.translations.iter().cloned());
    for (language, title) in texts {
        event_text::ActiveModel {
            event_id: Set(event.id),
            language: Set(language.into()),
            title: Set(title),
            description: Set(spec.description.clone()),
        }
        .insert(db)
        .await
        .expect("insert text");
    }
    for language in &spec.languages {
        event_language::ActiveModel {
            event_id: Set(event.id),
            language: Set((*language).into()),
        }
        .insert(db)
        .await
        .expect("insert language");
    }
    let point = GeoPoint::parse(spec.latitude, spec.longitude).expect("valid test point");
    let date = occurrences::scheduled(
        event.id,
        point,
        spec.starts_at,
        spec.starts_at + spec.duration,
    )
    .insert(db)
    .await
    .expect("insert occurrence");
    Created {
        public_id,
        event_id: event.id,
        occurrence_id: date.id,
    }
}

/// A point `metres` from `from` on the given bearing (degrees from north),
/// on the same sphere the app measures with.
pub fn offset(from: (f64, f64), bearing_degrees: f64, metres: f64) -> (f64, f64) {
    use geo::{Destination, Haversine, Point};
    let point = Haversine.destination(Point::new(from.1, from.0), bearing_degrees, metres);
    (point.y(), point.x())
}

/// Whole minutes from now, so stored times have no fractions of a second.
pub fn in_minutes(minutes: i64) -> DateTime<Utc> {
    let now = Utc::now();
    let whole = DateTime::from_timestamp(now.timestamp() - now.timestamp() % 60, 0).unwrap();
    whole + Duration::minutes(minutes)
}
