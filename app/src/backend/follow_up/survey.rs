//! The follow-up page: opened with the key from the email, answered once,
//! and, when a story was written, the place its author withdraws it.

use super::keys;
use crate::backend::entities::{follow_up_key, occurrence, story};
use crate::backend::{answers, event_texts, secret, time_zone, transaction::begin_write};
use crate::domain::follow_up::{
    ComeAgain, Comfortable, MetSomeoneNew, ShownAs, StoryStatus, SurveyAnswers, SurveyProblem,
    question,
};
use crate::domain::local_time::LOCAL_TIME_FORMAT;
use crate::views::follow_up::{OwnStory, SurveyState, SurveyView};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    QueryFilter, sea_query::Expr,
};

/// The page for the key `token`; `None` when the link is not (or no
/// longer) valid and holds no story.
pub async fn load<C: ConnectionTrait>(
    db: &C,
    token: &str,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Option<SurveyView>, DbErr> {
    let key = keys::find(db, token).await?;
    let own = story::Entity::find()
        .filter(story::Column::KeyHash.eq(keys::story_hash(token)))
        .one(db)
        .await?;
    let occurrence_id = match (&key, &own) {
        (Some(key), _) => key.occurrence_id,
        (None, Some(own)) => own.occurrence_id,
        (None, None) => return Ok(None),
    };
    let Some(date) = occurrence::Entity::find_by_id(occurrence_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(event) = crate::backend::entities::event::Entity::find_by_id(date.event_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let title = event_texts::for_reader(db, &event, reader_language)
        .await?
        .map(|text| text.title)
        .unwrap_or_default();
    let starts = date
        .starts_at
        .with_timezone(&time_zone::named(&event.time_zone));
    let state = match &key {
        Some(key) if key.answered => SurveyState::Answered,
        Some(key) if key.expires_at > now => SurveyState::Open,
        Some(_) => SurveyState::Over,
        // Its key is gone but its story is not: answered long ago.
        None => SurveyState::Answered,
    };
    Ok(Some(SurveyView {
        event_public_id: event.public_id,
        title,
        starts_local: starts.naive_local().format(LOCAL_TIME_FORMAT).to_string(),
        zone_abbreviation: starts.format("%Z").to_string(),
        state,
        story: own.map(|own| OwnStory {
            body: own.body,
            shown_as: ShownAs::parse(&own.shown_as).unwrap_or(ShownAs::NotPublished),
            status: StoryStatus::parse(&own.status).unwrap_or(StoryStatus::Private),
        }),
    }))
}

/// Takes the answers sent with the key `token`, once: counted for its
/// date, and its story kept under the key's second hash. The key is
/// marked used in the same transaction, so the same form sent twice (or
/// from two phones) counts once.
pub async fn answer(
    db: &DatabaseConnection,
    token: &str,
    answers: &SurveyAnswers,
    language: &str,
    now: DateTime<Utc>,
) -> Result<Result<(), SurveyProblem>, DbErr> {
    let txn = begin_write(db).await?;
    let Some(key) = keys::find(&txn, token).await? else {
        return Ok(Err(SurveyProblem::LinkNotValid));
    };
    if key.expires_at <= now {
        return Ok(Err(SurveyProblem::LinkNotValid));
    }
    let first_time = follow_up_key::Entity::update_many()
        .col_expr(follow_up_key::Column::Answered, Expr::value(true))
        .filter(follow_up_key::Column::KeyHash.eq(key.key_hash.as_str()))
        .filter(follow_up_key::Column::Answered.eq(false))
        .exec(&txn)
        .await?
        .rows_affected
        == 1;
    if !first_time {
        return Ok(Err(SurveyProblem::AlreadyAnswered));
    }
    let date = key.occurrence_id;
    let given = [
        answers.met_someone_new.map(|a| {
            let all: Vec<_> = MetSomeoneNew::ALL.iter().map(|a| a.as_str()).collect();
            (question::MET_SOMEONE_NEW, all, a.as_str())
        }),
        answers.comfortable.map(|a| {
            let all: Vec<_> = Comfortable::ALL.iter().map(|a| a.as_str()).collect();
            (question::COMFORTABLE_AGAIN, all, a.as_str())
        }),
        answers.come_again.map(|a| {
            let all: Vec<_> = ComeAgain::ALL.iter().map(|a| a.as_str()).collect();
            (question::COME_AGAIN, all, a.as_str())
        }),
    ];
    for (question, all, answer) in given.into_iter().flatten() {
        answers::count_answer(&txn, date, question, &all, answer).await?;
    }
    if let Some(draft) = &answers.story {
        let event_id = occurrence::Entity::find_by_id(date)
            .one(&txn)
            .await?
            .map(|date| date.event_id)
            .ok_or_else(|| DbErr::RecordNotFound(format!("date {date}")))?;
        let day = now
            .date_naive()
            .and_hms_opt(0, 0, 0)
            .expect("midnight")
            .and_utc();
        story::Entity::insert(story::ActiveModel {
            public_id: Set(secret::public_id()),
            key_hash: Set(keys::story_hash(token)),
            occurrence_id: Set(date),
            event_id: Set(event_id),
            body: Set(draft.text.clone()),
            language: Set(language.to_string()),
            shown_as: Set(draft.shown_as.as_str().to_string()),
            first_name: Set(draft.first_name.clone()),
            status: Set(draft.first_status().as_str().to_string()),
            written_on: Set(day),
            ..Default::default()
        })
        .exec(&txn)
        .await?;
    }
    txn.commit().await?;
    Ok(Ok(()))
}

/// Withdraws the story written with the key `token`: it is deleted, not
/// hidden. `false` when there is none.
pub async fn withdraw<C: ConnectionTrait>(db: &C, token: &str) -> Result<bool, DbErr> {
    Ok(story::Entity::delete_many()
        .filter(story::Column::KeyHash.eq(keys::story_hash(token)))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}
