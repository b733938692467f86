//! What the office pages show: the public page (area and sponsored
//! gatherings, plus the sponsorships for members) and the members'
//! overview with its charts and CSV. Permission is checked by the callers
//! through `offices::permissions`.

use super::{
    charts::{self, Bar},
    jurisdiction, outline,
    overview::{self, Overview, People},
    permissions::{self, OfficeAccess},
    sponsorship,
};
use crate::backend::{
    auth::Viewer,
    entities::{city_office, event, occurrence, sponsorship as sponsorship_row},
    search::details,
};
use crate::domain::ids::EventId;
use crate::i18n::{Locale, td_string};
use crate::l10n::labels::category_label;
use crate::views::offices::{OfficeView, OverviewView, SponsorshipRow};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

/// At most this many sponsored gatherings are listed on an office's page.
const LISTED: usize = 50;

/// The longest period an overview covers.
const MAX_DAYS: i64 = 366;

/// An overview's period: whole days, both included.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// `YYYY-MM-DD` dates; both empty: the last 90 days up to today. `None`
    /// for anything else that is not a period of at most a year.
    pub fn parse(from: &str, to: &str, now: DateTime<Utc>) -> Option<Self> {
        let today = now.date_naive();
        let (from, to): (NaiveDate, NaiveDate) = match (from.trim(), to.trim()) {
            ("", "") => (today - Duration::days(89), today),
            (from, to) => (from.parse().ok()?, to.parse().ok()?),
        };
        // Plausible years only: arithmetic on dates far out would overflow.
        let plausible = |day: NaiveDate| (2000..=2100).contains(&day.year());
        (plausible(from) && plausible(to) && from <= to && (to - from).num_days() < MAX_DAYS)
            .then_some(Self { from, to })
    }
}

/// The public ids of the gatherings `office` sponsors that have a date to
/// come, soonest first: what its feeds carry.
pub async fn sponsored_gatherings<C: ConnectionTrait>(
    conn: &C,
    office: &crate::backend::entities::city_office::Model,
    now: DateTime<Utc>,
) -> Result<Vec<String>, DbErr> {
    let rows = sponsorship_row::Entity::find()
        .filter(sponsorship_row::Column::OfficeId.eq(office.id))
        .order_by_desc(sponsorship_row::Column::Id)
        .all(conn)
        .await?;
    let found = sponsorship::next_dates(conn, &rows, now, LISTED).await?;
    Ok(details::cards(conn, &found, "en")
        .await?
        .into_iter()
        .map(|card| card.public_id)
        .collect())
}

pub async fn office<C: ConnectionTrait>(
    conn: &C,
    viewer: Option<&Viewer>,
    slug: &str,
    reader_language: &str,
) -> Result<Option<OfficeView>, DbErr> {
    let Some(office) = super::by_slug(conn, slug).await? else {
        return Ok(None);
    };
    let is_member = permissions::check(conn, viewer, office.id).await? == OfficeAccess::Member;
    let area = jurisdiction::of_office(conn, office.id).await?;
    let rows = sponsorship_row::Entity::find()
        .filter(sponsorship_row::Column::OfficeId.eq(office.id))
        .order_by_desc(sponsorship_row::Column::Id)
        .all(conn)
        .await?;
    let found = sponsorship::next_dates(conn, &rows, Utc::now(), LISTED).await?;
    Ok(Some(OfficeView {
        outline_svg: area
            .as_ref()
            .and_then(|area| outline::outline_svg(area, &office.name)),
        area_geojson: area.as_ref().map(jurisdiction::to_geojson),
        gatherings: details::cards(conn, &found, reader_language).await?,
        sponsorships: if is_member {
            rows_for_people(conn, &rows, &office.name, reader_language).await?
        } else {
            Vec::new()
        },
        is_member,
        impact_public: office.impact_public,
        slug: office.slug,
        name: office.name,
    }))
}

/// Sponsorship rows with their gathering's title and date, for a list.
pub async fn rows_for_people<C: ConnectionTrait>(
    conn: &C,
    rows: &[sponsorship_row::Model],
    office_name: &str,
    reader_language: &str,
) -> Result<Vec<SponsorshipRow>, DbErr> {
    let mut out = Vec::new();
    for row in rows {
        let Some(event) = event::Entity::find_by_id(row.event_id).one(conn).await? else {
            continue;
        };
        let title = crate::backend::event_texts::for_reader(conn, &event, reader_language)
            .await?
            .map(|t| t.title)
            .unwrap_or_default();
        let date_local = match row.occurrence_id {
            None => None,
            Some(id) => occurrence::Entity::find_by_id(id)
                .one(conn)
                .await?
                .map(|o| {
                    let zone = crate::backend::time_zone::named(&event.time_zone);
                    o.starts_at
                        .with_timezone(&zone)
                        .naive_local()
                        .format(crate::domain::local_time::LOCAL_TIME_FORMAT)
                        .to_string()
                }),
        };
        out.push(SponsorshipRow {
            id: row.id,
            event_public_id: event.public_id,
            title,
            office_name: office_name.to_string(),
            date_local,
            note: row.note.clone(),
            status: row.status,
        });
    }
    Ok(out)
}

/// The sponsorships of one gathering, with their offices' names, for its
/// organisers.
pub async fn rows_for_event<C: ConnectionTrait>(
    conn: &C,
    event_id: EventId,
    reader_language: &str,
) -> Result<Vec<SponsorshipRow>, DbErr> {
    let mut out = Vec::new();
    for (row, office) in sponsorship::of_event(conn, event_id).await? {
        out.extend(rows_for_people(conn, &[row], &office.name, reader_language).await?);
    }
    Ok(out)
}

/// A count of people in words.
pub fn people_text(locale: Locale, people: People) -> String {
    match people {
        People::About(n) => crate::l10n::format::number(locale, n as i64),
        People::FewerThan(n) => td_string!(locale, overview_fewer_than, count = n).to_string(),
    }
}

pub async fn overview<C: ConnectionTrait>(
    conn: &C,
    office: &city_office::Model,
    period: Period,
    locale: Locale,
) -> Result<OverviewView, DbErr> {
    let figures = overview::figures(conn, office.id, period.from, period.to).await?;
    let has_area = figures.is_some();
    let figures = figures.unwrap_or(Overview {
        gatherings: 0,
        sponsored: 0,
        people_going: People::of(0),
        volunteer_signups: People::of(0),
        by_category: Vec::new(),
        by_week: Vec::new(),
    });
    let number = |n: u64| crate::l10n::format::number(locale, n as i64);
    let category_bars: Vec<Bar> = figures
        .by_category
        .iter()
        .map(|(category, count)| Bar {
            label: category_label(locale, *category).to_string(),
            value: *count,
            shown: number(*count),
        })
        .collect();
    let week_bars: Vec<Bar> = figures
        .by_week
        .iter()
        .map(|(monday, count)| Bar {
            label: td_string!(
                locale,
                overview_week_of,
                date = monday.format("%Y-%m-%d").to_string()
            )
            .to_string(),
            value: *count,
            shown: number(*count),
        })
        .collect();
    Ok(OverviewView {
        slug: office.slug.clone(),
        name: office.name.clone(),
        from: period.from.to_string(),
        to: period.to.to_string(),
        has_area,
        gatherings: figures.gatherings,
        sponsored: figures.sponsored,
        people_going: people_text(locale, figures.people_going),
        volunteer_signups: people_text(locale, figures.volunteer_signups),
        category_chart: charts::bar_chart(td_string!(locale, overview_by_category), &category_bars),
        week_chart: charts::bar_chart(td_string!(locale, overview_by_week), &week_bars),
    })
}

/// The overview as CSV (RFC 4180): one figure per line, the same words as
/// the page ("fewer than 5"), so the two always agree.
pub async fn overview_csv<C: ConnectionTrait>(
    conn: &C,
    office: &city_office::Model,
    period: Period,
    locale: Locale,
) -> Result<String, DbErr> {
    let figures = overview::figures(conn, office.id, period.from, period.to).await?;
    let mut lines = vec![
        "figure,value".to_string(),
        format!("from,{}", period.from),
        format!("to,{}", period.to),
    ];
    if let Some(figures) = figures {
        let quoted = |text: String| format!("\"{}\"", text.replace('"', "\"\""));
        lines.push(format!("gatherings,{}", figures.gatherings));
        lines.push(format!("sponsored,{}", figures.sponsored));
        lines.push(format!(
            "people_going,{}",
            quoted(people_text(locale, figures.people_going))
        ));
        lines.push(format!(
            "volunteer_signups,{}",
            quoted(people_text(locale, figures.volunteer_signups))
        ));
        for (category, count) in figures.by_category {
            lines.push(format!("category:{},{count}", category.slug()));
        }
        for (monday, count) in figures.by_week {
            lines.push(format!("week:{monday},{count}"));
        }
    }
    Ok(lines.join("\r\n") + "\r\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_whole_days_of_at_most_a_year() {
        let now = "2026-11-29T12:00:00Z".parse().unwrap();
        let day = |text: &str| text.parse::<NaiveDate>().unwrap();
        assert_eq!(
            Period::parse("", "", now),
            Some(Period {
                from: day("2026-09-01"),
                to: day("2026-11-29")
            })
        );
        assert!(Period::parse("2026-12-01", "2026-11-01", now).is_none());
        assert!(Period::parse("2025-01-01", "2026-11-01", now).is_none());
        assert!(Period::parse("yesterday", "", now).is_none());
        assert!(Period::parse("+262143-01-01", "+262143-12-31", now).is_none());
    }
}
