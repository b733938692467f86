//! Everything a gathering's public page shows about it, loaded in a few
//! queries. Drafts are not found; cancelled gatherings are shown as such;
//! gatherings moderators hold back only through [`load_any`], for their
//! team and for the notice that they are gone.

use crate::backend::entities::{event, event_text, host, occurrence, place};
use crate::backend::markdown::{to_plain_text, to_safe_html};
use crate::backend::replies::lists::{Counts, with_counts};
use crate::backend::shown_position::shown_position;
use crate::backend::sql::Sql;
use crate::domain::accessibility::Accessibility;
use crate::domain::category::Categories;
use crate::domain::geo_point::GeoPoint;
use crate::domain::ids::EventId;
use crate::domain::moderation::Moderation;
use crate::domain::reply::ReplyModes;
use crate::domain::status::{DateStatus, GatheringStatus};
use crate::views::gathering::{DateView, GatheringDetails, PlaceView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, FromQueryResult, IdenStatic, QueryFilter,
    QueryResult, QuerySelect, QueryTrait,
    query::{SelectA, SelectB, SelectC},
    sea_query::{Expr, SelectStatement},
};

/// How many upcoming dates the page lists.
const DATES_SHOWN: u64 = 12;

/// The gathering `public_id` if the public may see it.
pub async fn load(
    db: &impl ConnectionTrait,
    public_id: &str,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Option<GatheringDetails>, DbErr> {
    Ok(load_any(db, public_id, reader_language, now)
        .await?
        .filter(|details| details.moderation == Moderation::Visible))
}

/// The gathering `public_id` whatever moderators decided (its
/// `moderation` says): only for callers that check who is asking.
pub async fn load_any(
    db: &impl ConnectionTrait,
    public_id: &str,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Option<GatheringDetails>, DbErr> {
    let Some((event, place, host, extras)) = gathering(db, public_id).await? else {
        return Ok(None);
    };
    let (texts, languages) = texts_and_languages(db, event.id).await?;
    let Some(text) =
        crate::backend::event_texts::pick(&texts, reader_language, &event.default_language)
    else {
        return Ok(None);
    };
    let (upcoming, cancelled) = upcoming_dates(db, event.id, event.capacity, now).await?;
    let occurrences: Vec<&occurrence::Model> = upcoming.iter().map(|(date, _)| date).collect();
    let zone = crate::backend::time_zone::named(&event.time_zone);
    // Cancelled upcoming dates are not listed, but search engines are told.
    let cancelled_dates: Vec<DateView> = cancelled
        .iter()
        .map(|o| DateView::new(o.id, o.starts_at, o.ends_at, zone))
        .collect();
    let address_public = event.address_visibility == "public";
    Ok(Some(GatheringDetails {
        public_id: event.public_id.clone(),
        title: text.title.clone(),
        text_language: text.language.clone(),
        description_html: to_safe_html(&text.description),
        description_text: to_plain_text(&text.description, 300),
        cancelled: event.status == GatheringStatus::Cancelled,
        moderation: event.moderation,
        updated_at: event.updated_at,
        time_zone: event.time_zone.clone(),
        dates: dates_with_counts(&event, &upcoming, zone, now),
        cancelled_dates,
        place: place_view(&place, address_public),
        host_name: host.name,
        host_slug: host.slug,
        can_manage: false,
        partners: if extras.partners {
            super::partners::accepted(db, event.id).await?
        } else {
            Vec::new()
        },
        categories: Categories::from_bits(event.categories as u32),
        accessibility: Accessibility::from_bits(event.accessibility as u32),
        languages,
        is_free: event.is_free,
        family_friendly: event.family_friendly,
        spots_left: None,
        rsvp_modes: ReplyModes::from_bits(event.rsvp_modes as u32),
        max_guests: event.max_guests,
        requires_approval: event.requires_approval,
        own_rsvps: Vec::new(),
        // As anyone sees them; the viewer's own sign-ups are marked by the
        // caller, who knows the viewer.
        roles: if extras.roles {
            let ids: Vec<_> = occurrences.iter().map(|o| o.id).collect();
            crate::backend::volunteers::public_roles(db, event.id, &ids).await?
        } else {
            Vec::new()
        },
        sponsors: if extras.sponsors {
            sponsor_labels(db, &event, &occurrences, zone).await?
        } else {
            Vec::new()
        },
        sponsor_offices: Vec::new(),
        stories: if extras.stories {
            crate::backend::follow_up::stories::of_gathering(db, &event).await?
        } else {
            Vec::new()
        },
        messages: Vec::new(),
        picture: if extras.picture {
            crate::backend::pictures::store::view_of(db, event.id, &event.public_id).await?
        } else {
            None
        },
    })
    .map(|mut details| {
        details.spots_left = details.dates.first().and_then(|d| d.spots_left);
        details
    }))
}

/// What the gathering says in each language it is written in, and the
/// languages spoken at it, in one statement (a row of each kind says which
/// it is) instead of one for each.
async fn texts_and_languages(
    db: &impl ConnectionTrait,
    event_id: EventId,
) -> Result<(Vec<event_text::Model>, Vec<String>), DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    sql.push(
        "SELECT 'written' AS kind, language, title, description \
         FROM event_texts WHERE event_id = ",
    )
    .bind(event_id)
    .push(
        " UNION ALL SELECT 'spoken' AS kind, language, '' AS title, '' AS description \
         FROM event_languages WHERE event_id = ",
    )
    .bind(event_id)
    .push(" ORDER BY kind, language");
    let mut texts = Vec::new();
    let mut spoken = Vec::new();
    for row in db.query_all_raw(sql.build()).await? {
        let kind: String = row.try_get("", "kind")?;
        let language: String = row.try_get("", "language")?;
        if kind == "spoken" {
            spoken.push(language);
        } else {
            texts.push(event_text::Model {
                event_id,
                language,
                title: row.try_get("", "title")?,
                description: row.try_get("", "description")?,
            });
        }
    }
    Ok((texts, spoken))
}

/// The upcoming dates that will happen, with their public counts (the
/// gathering's `capacity` for a date nobody replied to yet), and those
/// called off: at most [`DATES_SHOWN`] of each, soonest first, in one
/// statement (numbered within each status by the database) instead of one
/// per status and one for the counts.
async fn upcoming_dates(
    db: &impl ConnectionTrait,
    event_id: EventId,
    capacity: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(Vec<(occurrence::Model, Counts)>, Vec<occurrence::Model>), DbErr> {
    let mut sql = Sql::new(db.get_database_backend());
    let dates = |sql: &mut Sql| {
        sql.push(
            "SELECT * FROM (SELECT occurrences.*, ROW_NUMBER() OVER \
             (PARTITION BY status ORDER BY starts_at, id) AS place_in_list \
             FROM occurrences WHERE event_id = ",
        )
        .bind(event_id)
        .push(" AND status IN ")
        .bind_list([DateStatus::Scheduled, DateStatus::Cancelled])
        .push(" AND ends_at > ")
        .bind(now)
        .push(") AS upcoming WHERE place_in_list <= ")
        .bind(DATES_SHOWN as i64);
    };
    with_counts(&mut sql, dates, "dates.starts_at, dates.id");
    let mut upcoming = Vec::new();
    let mut cancelled = Vec::new();
    for row in db.query_all_raw(sql.build()).await? {
        let date = occurrence::Model::from_query_result(&row, "")?;
        if date.status == DateStatus::Scheduled {
            upcoming.push((date, Counts::read(&row, capacity)?));
        } else {
            cancelled.push(date);
        }
    }
    Ok((upcoming, cancelled))
}

/// The gathering with its place, its host and which of the things most
/// gatherings have none of it has, in one statement.
async fn gathering(
    db: &impl ConnectionTrait,
    public_id: &str,
) -> Result<Option<(event::Model, place::Model, host::Model, Extras)>, DbErr> {
    let this_gathering = || Expr::col((event::Entity, event::Column::Id));
    let mut select = event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .filter(event::Column::Status.ne(GatheringStatus::Draft))
        .find_also_related(place::Entity)
        .find_also_related(host::Entity)
        .limit(1);
    for (name, rows) in Extras::probes(this_gathering) {
        select = select.expr_as(Expr::exists(rows), name);
    }
    let statement = select.build(db.get_database_backend());
    let Some(row) = db.query_one_raw(statement).await? else {
        return Ok(None);
    };
    // Read as sea-orm reads a select of three (`SelectThreeModel`).
    let event = event::Model::from_query_result(&row, SelectA.as_str())?;
    let place = place::Model::from_query_result_optional(&row, SelectB.as_str())?;
    let host = host::Model::from_query_result_optional(&row, SelectC.as_str())?;
    let (Some(place), Some(host)) = (place, host) else {
        return Ok(None);
    };
    Ok(Some((event, place, host, Extras::read(&row)?)))
}

/// Which of the things most gatherings have none of this one has (partners,
/// sponsors, stories, a picture, volunteer roles), asked with the gathering
/// itself; each is then loaded only when it is there. A page's every
/// statement crosses to the database's thread and back (or the network,
/// to PostgreSQL): ARCHITECTURE.md, "Speed of pages". Each module spells
/// its own condition.
struct Extras {
    partners: bool,
    sponsors: bool,
    stories: bool,
    picture: bool,
    roles: bool,
}

impl Extras {
    /// Each column's name and the rows whose existence it asks, for the
    /// gathering `event` (the column of the statement they are asked in).
    fn probes(event: impl Fn() -> Expr) -> [(&'static str, SelectStatement); 5] {
        use crate::backend::{
            follow_up::stories, offices::sponsorship, pictures::store, volunteers,
        };
        [
            ("partners", super::partners::any_of(event())),
            ("sponsors", sponsorship::any_active_of(event())),
            ("stories", stories::any_published_of(event())),
            ("picture", store::any_of(event())),
            ("roles", volunteers::any_of(event())),
        ]
    }

    fn read(row: &QueryResult) -> Result<Self, DbErr> {
        Ok(Self {
            partners: row.try_get("", "partners")?,
            sponsors: row.try_get("", "sponsors")?,
            stories: row.try_get("", "stories")?,
            picture: row.try_get("", "picture")?,
            roles: row.try_get("", "roles")?,
        })
    }
}

/// "Sponsored by …" for each active sponsorship of the whole gathering or
/// of one of its upcoming `dates` (which then names the date), one per
/// office and scope.
async fn sponsor_labels(
    db: &impl ConnectionTrait,
    event: &event::Model,
    dates: &[&occurrence::Model],
    zone: chrono_tz::Tz,
) -> Result<Vec<crate::views::offices::SponsorLabel>, DbErr> {
    let mut labels: Vec<crate::views::offices::SponsorLabel> = Vec::new();
    for (row, office) in crate::backend::offices::sponsorship::of_event(db, event.id).await? {
        let date_local = match row.occurrence_id {
            None => None,
            Some(id) => match dates.iter().find(|d| d.id == id) {
                Some(date) => Some(
                    date.starts_at
                        .with_timezone(&zone)
                        .naive_local()
                        .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
                        .to_string(),
                ),
                // A date that is over or cancelled: no label.
                None => continue,
            },
        };
        if labels
            .iter()
            .any(|l| l.office_slug == office.slug && l.occurrence_id == row.occurrence_id)
        {
            continue;
        }
        labels.push(crate::views::offices::SponsorLabel {
            office_slug: office.slug,
            office_name: office.name,
            note: row.note,
            occurrence_id: row.occurrence_id,
            date_local,
        });
    }
    Ok(labels)
}

/// The dates with how many are going (counts only) and whether each still
/// takes RSVPs.
fn dates_with_counts(
    event: &event::Model,
    upcoming: &[(occurrence::Model, Counts)],
    zone: chrono_tz::Tz,
    now: DateTime<Utc>,
) -> Vec<DateView> {
    let closes = chrono::Duration::minutes(i64::from(event.rsvp_closes_minutes.max(0)));
    upcoming
        .iter()
        .map(|(o, counts)| {
            let mut date = DateView::new(o.id, o.starts_at, o.ends_at, zone);
            date.going = counts.going;
            date.spots_left = counts.spots_left;
            date.waitlisted = counts.waitlisted;
            date.open = event.status == GatheringStatus::Published && o.starts_at - closes > now;
            date
        })
        .collect()
}

/// Fills in the exact address and point of a gathering whose organisers
/// keep them for confirmed guests: only called for such a guest.
pub async fn reveal_place(
    db: &impl ConnectionTrait,
    public_id: &str,
    shown: &mut PlaceView,
) -> Result<(), DbErr> {
    let Some(event) = event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    if let Some(place) = place::Entity::find_by_id(event.place_id).one(db).await? {
        *shown = place_view(&place, true);
    }
    Ok(())
}

/// Where it is; see [`shown_position`] for what the public may see.
pub(super) fn place_view(place: &place::Model, address_public: bool) -> PlaceView {
    let point = GeoPoint::parse(place.latitude, place.longitude).expect("stored places are valid");
    let shown = shown_position(point, address_public);
    // The town it is in, for readers and search engines even when the
    // street is not public (the nearest town to the point shown).
    let town = crate::backend::gazetteer::Gazetteer::global().nearest(shown);
    PlaceView {
        name: place.name.clone(),
        address: address_public.then(|| place.address.clone()),
        latitude: shown.latitude(),
        longitude: shown.longitude(),
        exact: address_public,
        locality: town.map(|t| t.name.clone()),
        country: town.map(|t| t.country_code.clone()),
    }
}
