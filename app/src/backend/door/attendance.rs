//! What came of a date, for its organisers: people who replied (coming),
//! who were checked in, walk-ins, and no-shows (coming but not checked
//! in, or the part of a party that did not come). Counts only; reply rows keep their party and check-in after their
//! guests are forgotten, so the figures outlive the names.

use crate::backend::entities::{rsvp, walk_in};
use crate::domain::ids::OccurrenceId;
use crate::domain::reply::ReplyStatus;
use crate::views::door::Attendance;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect};
use std::collections::HashMap;

/// The figures of each of `dates`, in two queries.
pub async fn of_dates<C: ConnectionTrait>(
    db: &C,
    dates: &[OccurrenceId],
) -> Result<HashMap<OccurrenceId, Attendance>, DbErr> {
    let mut figures: HashMap<OccurrenceId, Attendance> = dates
        .iter()
        .map(|date| (*date, Attendance::default()))
        .collect();
    let coming: Vec<(OccurrenceId, i32, Option<i32>)> = rsvp::Entity::find()
        .select_only()
        .columns([
            rsvp::Column::OccurrenceId,
            rsvp::Column::Party,
            rsvp::Column::CheckedIn,
        ])
        .filter(rsvp::Column::OccurrenceId.is_in(dates.iter().copied()))
        .filter(rsvp::Column::Status.eq(ReplyStatus::Going))
        .into_tuple()
        .all(db)
        .await?;
    for (date, party, checked_in) in coming {
        let figure = figures.entry(date).or_default();
        figure.replied += party;
        // A party may come smaller than it replied.
        let came = checked_in.unwrap_or(0).min(party);
        figure.checked_in += came;
        figure.no_shows += party - came;
    }
    let walk_ins: Vec<(OccurrenceId, i32)> = walk_in::Entity::find()
        .select_only()
        .columns([walk_in::Column::OccurrenceId, walk_in::Column::People])
        .filter(walk_in::Column::OccurrenceId.is_in(dates.iter().copied()))
        .into_tuple()
        .all(db)
        .await?;
    for (date, people) in walk_ins {
        figures.entry(date).or_default().walk_ins += people;
    }
    Ok(figures)
}

/// The figures of one date.
pub async fn of_date<C: ConnectionTrait>(db: &C, date: OccurrenceId) -> Result<Attendance, DbErr> {
    Ok(of_dates(db, &[date])
        .await?
        .remove(&date)
        .unwrap_or_default())
}
