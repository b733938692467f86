//! The demo dataset behind `commonground seed-demo`: a few hundred realistic
//! gatherings around three cities, loaded once per database.
//!
//! Generation is deterministic (a fixed pseudo-random seed) so screenshots and
//! manual checks stay comparable; dates are relative to today so the demo
//! always has upcoming gatherings, and a few that met last week (`past`).
//! Every third gathering has a picture (`pictures`), and the demo city
//! office sponsors some in its area (`office`).

mod catalogue;
pub mod office;
mod past;
mod pictures;
mod random;

use app::backend::entities::{event, event_language, event_text, host, instance_meta, place};
use app::backend::occurrences;
use app::domain::{accessibility::Accessibility, category::Categories, geo_point::GeoPoint};
use catalogue::{CITIES, City, HOST_KINDS, SPOKEN, TEMPLATES};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use random::Random;
use sea_orm::{ActiveModelTrait, DatabaseConnection, DbErr, EntityTrait, Set};

const SEEDED_KEY: &str = "demo_seeded_at";
const GATHERINGS_PER_CITY: usize = 100;

/// Whether demo data went in now or was already there.
#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Loaded { gatherings: usize },
    AlreadyLoaded,
}

pub async fn seed_demo(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<SeedOutcome, DbErr> {
    // A write transaction from the start (IMMEDIATE on SQLite): one that
    // reads first and then writes fails with "database is locked" when
    // another process's housekeeping commits in between.
    let txn = app::backend::transaction::begin_write(db).await?;
    if instance_meta::Entity::find_by_id(SEEDED_KEY)
        .one(&txn)
        .await?
        .is_some()
    {
        return Ok(SeedOutcome::AlreadyLoaded);
    }
    let mut random = Random::new(2026);
    let pictures = pictures::DemoPictures::load();
    for city in CITIES {
        seed_city(&txn, city, now, &mut random, &pictures).await?;
    }
    office::seed(&txn).await?;
    instance_meta::ActiveModel {
        key: Set(SEEDED_KEY.into()),
        value: Set(now.to_rfc3339()),
        updated_at: Set(now),
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    office::sponsor_some(db, now).await?;
    Ok(SeedOutcome::Loaded {
        gatherings: CITIES.len() * GATHERINGS_PER_CITY,
    })
}

async fn seed_city(
    txn: &impl sea_orm::ConnectionTrait,
    city: &City,
    now: DateTime<Utc>,
    random: &mut Random,
    pictures: &pictures::DemoPictures,
) -> Result<(), DbErr> {
    let zone: chrono_tz::Tz = city.time_zone.parse().expect("catalogue zones are valid");
    let mut hosts = Vec::new();
    for (i, kind) in HOST_KINDS.iter().enumerate() {
        let neighbourhood = city.neighbourhoods[i % city.neighbourhoods.len()];
        let name = format!("{neighbourhood} {kind}");
        let host = host::ActiveModel {
            slug: Set(slug(&format!("{} {name}", city.name))),
            name: Set(name),
            description: Set(format!(
                "Bringing neighbours together in {neighbourhood}, {}.",
                city.name
            )),
            links: Set(String::new()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        hosts.push(host);
    }

    let mut places = Vec::new();
    for (i, neighbourhood) in city.neighbourhoods.iter().enumerate() {
        // Spread places up to ~6 km around the centre.
        let latitude = city.latitude + random.between(-0.055, 0.055);
        let longitude = city.longitude + random.between(-0.08, 0.08);
        let place = place::ActiveModel {
            host_id: Set(Some(hosts[i % hosts.len()].id)),
            name: Set(format!("{neighbourhood} community hall")),
            address: Set(format!("{} {}, {}", city.streets[i], 10 + i * 7, city.name)),
            latitude: Set(latitude),
            longitude: Set(longitude),
            time_zone: Set(city.time_zone.into()),
            created_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        places.push(place);
    }

    for n in 0..GATHERINGS_PER_CITY {
        let template = &TEMPLATES[random.below(TEMPLATES.len())];
        let host = &hosts[random.below(hosts.len())];
        let place = &places[random.below(places.len())];
        let place_point =
            GeoPoint::parse(place.latitude, place.longitude).expect("demo places are valid");
        let event = event::ActiveModel {
            public_id: Set(random.public_id()),
            host_id: Set(host.id),
            place_id: Set(place.id),
            default_language: Set("en".into()),
            categories: Set(template
                .categories
                .iter()
                .copied()
                .collect::<Categories>()
                .bits() as i32),
            accessibility: Set(template
                .accessibility
                .iter()
                .copied()
                .collect::<Accessibility>()
                .bits() as i32),
            is_free: Set(random.below(5) != 0),
            family_friendly: Set(template.family_friendly),
            capacity: Set((random.below(3) != 0).then(|| 10 + 5 * random.below(9) as i32)),
            address_visibility: Set(if n % 10 == 0 { "guests" } else { "public" }.into()),
            status: Set(app::domain::status::GatheringStatus::Published),
            recurrence: Set(None),
            time_zone: Set(city.time_zone.into()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;

        // Every third gathering has a picture, as organisers would add.
        if n % 3 == 0 {
            pictures
                .attach(txn, event.id, template.categories[0])
                .await?;
        }

        for language in ["en", city.language] {
            event_text::ActiveModel {
                event_id: Set(event.id),
                language: Set(language.into()),
                title: Set(template.title_in(language).into()),
                description: Set(format!(
                    "{}\n\nHosted by **{}** at {}.",
                    template.about, host.name, place.name
                )),
            }
            .insert(txn)
            .await?;
        }
        let mut spoken = vec![city.language, SPOKEN[random.below(SPOKEN.len())]];
        spoken.dedup();
        for language in spoken {
            event_language::ActiveModel {
                event_id: Set(event.id),
                language: Set(language.into()),
            }
            .insert(txn)
            .await?;
        }

        // One to four dates in the coming six weeks, at a daytime local hour.
        let first_day = random.below(42) as i64;
        let hour = 10 + random.below(10) as u32;
        let minutes = [0, 30][random.below(2)];
        if n < past::GATHERINGS_WITH_A_PAST {
            let time = NaiveTime::from_hms_opt(hour, minutes, 0).expect("valid time");
            past::last_week(txn, &event, place_point, zone, time, now, n).await?;
        }
        for week in 0..(1 + random.below(4) as i64) {
            let date =
                (now.with_timezone(&zone) + Duration::days(first_day + 7 * week)).date_naive();
            let local =
                date.and_time(NaiveTime::from_hms_opt(hour, minutes, 0).expect("valid time"));
            let Some(starts) = zone.from_local_datetime(&local).earliest() else {
                continue;
            };
            let starts_at = starts.with_timezone(&Utc);
            if starts_at <= now {
                continue;
            }
            let ends_at = starts_at + Duration::minutes(90 + 30 * random.below(4) as i64);
            occurrences::scheduled(event.id, place_point, starts_at, ends_at)
                .insert(txn)
                .await?;
        }
    }
    Ok(())
}

fn slug(text: &str) -> String {
    let mut slug = String::new();
    for c in text.to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_string()
}
