//! Answers to optional, self-declared questions, counted per date and
//! never kept with a reply or a person (`answers_by_date`): so no query,
//! export or copy of the database can tell who answered what. What the
//! counters can show is withheld when small, as on a city office's
//! overview.
//!
//! A date's cells are made together, all at zero, before the first answer
//! is added, so the order rows were made in says nothing about whose answer
//! came first. A counter is added to in its own short transaction, not in
//! the reply's, and carries no time.

use crate::backend::entities::{answer_by_date, rsvp};
use crate::backend::offices::overview::People;
use crate::domain::follow_up::{Comfortable, question};
use crate::domain::ids::OccurrenceId;
use crate::domain::time_around::{QUESTION, TimeAround};
use crate::views::door::{FollowUpFigures, ShownCount, TimeAroundFigures};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    sea_query::{Expr, ExprTrait},
};

/// Counts one `answer` for the date `occurrence_id`.
pub async fn count<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
    answer: TimeAround,
) -> Result<(), DbErr> {
    let all: Vec<&str> = TimeAround::ALL.iter().map(|a| a.as_str()).collect();
    count_answer(db, occurrence_id, QUESTION, &all, answer.as_str()).await
}

/// Counts one `answer` (one of `all`) to `question` for the date
/// `occurrence_id`, making the question's cells first when it has none.
pub async fn count_answer<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
    question: &str,
    all: &[&str],
    answer: &str,
) -> Result<(), DbErr> {
    let cells = all.iter().map(|answer| answer_by_date::ActiveModel {
        occurrence_id: Set(occurrence_id),
        question: Set(question.to_string()),
        answer: Set(answer.to_string()),
        people: Set(0),
    });
    answer_by_date::Entity::insert_many(cells)
        .on_conflict_do_nothing_on([
            answer_by_date::Column::OccurrenceId,
            answer_by_date::Column::Question,
            answer_by_date::Column::Answer,
        ])
        .exec_without_returning(db)
        .await?;
    answer_by_date::Entity::update_many()
        .col_expr(
            answer_by_date::Column::People,
            Expr::col(answer_by_date::Column::People).add(1),
        )
        .filter(answer_by_date::Column::OccurrenceId.eq(occurrence_id))
        .filter(answer_by_date::Column::Question.eq(question))
        .filter(answer_by_date::Column::Answer.eq(answer))
        .exec(db)
        .await?;
    Ok(())
}

/// How many gave each answer for the date, each count rounded or withheld;
/// `None` when nobody answered.
pub async fn of_date<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
) -> Result<Option<TimeAroundFigures>, DbErr> {
    let cells = answer_by_date::Entity::find()
        .filter(answer_by_date::Column::OccurrenceId.eq(occurrence_id))
        .filter(answer_by_date::Column::Question.eq(QUESTION))
        .all(db)
        .await?;
    if cells.iter().all(|cell| cell.people == 0) {
        return Ok(None);
    }
    let shown = |answer: TimeAround| {
        let people = cells
            .iter()
            .find(|cell| cell.answer == answer.as_str())
            .map_or(0, |cell| u64::try_from(cell.people).unwrap_or(0));
        shown_count(people)
    };
    Ok(Some(TimeAroundFigures {
        under_two_years: shown(TimeAround::UnderTwoYears),
        two_years_or_more: shown(TimeAround::TwoYearsOrMore),
        rather_not_say: shown(TimeAround::RatherNotSay),
    }))
}

/// The follow-up's answers for the date, each count rounded or withheld;
/// `None` when nobody answered.
pub async fn follow_up_of_date<C: ConnectionTrait>(
    db: &C,
    occurrence_id: OccurrenceId,
) -> Result<Option<FollowUpFigures>, DbErr> {
    let cells = answer_by_date::Entity::find()
        .filter(answer_by_date::Column::OccurrenceId.eq(occurrence_id))
        .filter(answer_by_date::Column::Question.is_in([
            question::MET_SOMEONE_NEW,
            question::COMFORTABLE_AGAIN,
            question::COME_AGAIN,
        ]))
        .all(db)
        .await?;
    if cells.iter().all(|cell| cell.people == 0) {
        return Ok(None);
    }
    let shown = |asked: &str, answer: &str| {
        let people = cells
            .iter()
            .find(|cell| cell.question == asked && cell.answer == answer)
            .map_or(0, |cell| u64::try_from(cell.people).unwrap_or(0));
        shown_count(people)
    };
    let met = question::MET_SOMEONE_NEW;
    let again = question::COME_AGAIN;
    Ok(Some(FollowUpFigures {
        met_someone_new: [shown(met, "yes"), shown(met, "no"), shown(met, "not_sure")],
        comfortable_again: std::array::from_fn(|step| {
            shown(question::COMFORTABLE_AGAIN, Comfortable::ALL[step].as_str())
        }),
        come_again: [shown(again, "yes"), shown(again, "no")],
    }))
}

/// `people` as organisers may see it: rounded, or withheld when small.
fn shown_count(people: u64) -> ShownCount {
    match People::of(people) {
        People::About(n) => ShownCount::About(n),
        People::FewerThan(n) => ShownCount::FewerThan(n),
    }
}

/// Records that the reply `reply_public_id` (to the date `occurrence_id`)
/// was put the question, and counts its `answer` if it gave one: once per
/// reply, however often a form is sent, and only what the reply was asked
/// first. The mark says the question was asked, never what was answered.
pub async fn asked_reply<C: ConnectionTrait>(
    db: &C,
    reply_public_id: &str,
    occurrence_id: OccurrenceId,
    answer: Option<TimeAround>,
) -> Result<(), DbErr> {
    let first_time = rsvp::Entity::update_many()
        .col_expr(rsvp::Column::AskedTimeAround, Expr::value(true))
        .filter(rsvp::Column::PublicId.eq(reply_public_id))
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .filter(rsvp::Column::AskedTimeAround.eq(false))
        .exec(db)
        .await?
        .rows_affected
        == 1;
    match answer {
        Some(answer) if first_time => count(db, occurrence_id, answer).await,
        _ => Ok(()),
    }
}
