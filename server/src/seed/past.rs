//! The demo's past: for the first few gatherings of each city, a date last
//! week that has happened, so the pages that look back have something to
//! show — people who came (counted at the door as walk-ins: numbers, never
//! names), answers to the optional questions counted per date, and a story
//! a guest wrote, published by its organisers. Laid out from `now`, so it
//! is last week whenever the demo is loaded.

use app::backend::entities::{answer_by_date, event, story, walk_in};
use app::backend::occurrences;
use app::domain::follow_up::{
    ComeAgain, Comfortable, MetSomeoneNew, ShownAs, StoryStatus, question,
};
use app::domain::geo_point::GeoPoint;
use app::domain::ids::OccurrenceId;
use app::domain::time_around::{self, TimeAround};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// How many gatherings of each city get a date last week.
pub const GATHERINGS_WITH_A_PAST: usize = 3;

/// Stories guests wrote, one per past date (in English, as the demo's
/// descriptions are).
const STORIES: [(&str, &str); 3] = [
    (
        "Samira",
        "I came for the food and stayed for the conversations. My neighbour across the hall was there too; we had never spoken before.",
    ),
    (
        "Jonas",
        "We ended up swapping recipes and phone numbers. Next time I am bringing my grandmother's soup.",
    ),
    (
        "Leyla",
        "Friendly people, good music, and someone translated for me without being asked. I will come again.",
    ),
];

/// Adds the `nth` gathering's date last week, at its usual local `time`.
pub async fn last_week(
    txn: &impl ConnectionTrait,
    event: &event::Model,
    place: GeoPoint,
    zone: Tz,
    time: NaiveTime,
    now: DateTime<Utc>,
    nth: usize,
) -> Result<(), DbErr> {
    let day = (now.with_timezone(&zone) - Duration::days(6 + nth as i64)).date_naive();
    let Some(starts) = zone.from_local_datetime(&day.and_time(time)).earliest() else {
        return Ok(());
    };
    let starts_at = starts.with_timezone(&Utc);
    let date = occurrences::scheduled(event.id, place, starts_at, starts_at + Duration::hours(2))
        .insert(txn)
        .await?;
    // Who came: a few groups let in at the door, no names.
    for (group, people) in [4, 3, 5, 2, 6].iter().enumerate() {
        walk_in::ActiveModel {
            key: Set(format!("demo-{}-{group}", date.id)),
            occurrence_id: Set(date.id),
            people: Set(*people + nth as i32),
            created_at: Set(starts_at + Duration::minutes(5 * group as i64)),
        }
        .insert(txn)
        .await?;
    }
    // Answers, counted per date: every answer of each question has its
    // cell, as when people answer through the forms.
    let time_around = [
        (TimeAround::UnderTwoYears.as_str(), 7),
        (TimeAround::TwoYearsOrMore.as_str(), 9),
        (TimeAround::RatherNotSay.as_str(), 2),
    ];
    count(txn, date.id, time_around::QUESTION, &time_around).await?;
    let met = [
        (MetSomeoneNew::Yes.as_str(), 9),
        (MetSomeoneNew::No.as_str(), 2),
        (MetSomeoneNew::NotSure.as_str(), 3),
    ];
    count(txn, date.id, question::MET_SOMEONE_NEW, &met).await?;
    let comfortable: Vec<(&str, i32)> = Comfortable::ALL
        .iter()
        .zip([0, 1, 2, 6, 5])
        .map(|(answer, people)| (answer.as_str(), people))
        .collect();
    count(txn, date.id, question::COMFORTABLE_AGAIN, &comfortable).await?;
    let again = [(ComeAgain::Yes.as_str(), 12), (ComeAgain::No.as_str(), 1)];
    count(txn, date.id, question::COME_AGAIN, &again).await?;

    let (first_name, body) = STORIES[nth % STORIES.len()];
    story::ActiveModel {
        public_id: Set(format!("demo{}", date.id)),
        key_hash: Set(format!("demo-story-{}", date.id)),
        occurrence_id: Set(date.id),
        event_id: Set(event.id),
        body: Set(body.into()),
        language: Set("en".into()),
        shown_as: Set(ShownAs::FirstName.as_str().into()),
        first_name: Set(Some(first_name.into())),
        status: Set(StoryStatus::Published.as_str().into()),
        // Only the day is kept, as for stories written through the form.
        written_on: Set(Utc.from_utc_datetime(
            &(starts_at + Duration::days(1))
                .date_naive()
                .and_time(NaiveTime::MIN),
        )),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The cells of one question for one date.
async fn count(
    txn: &impl ConnectionTrait,
    occurrence_id: OccurrenceId,
    asked: &str,
    answers: &[(&str, i32)],
) -> Result<(), DbErr> {
    for (answer, people) in answers {
        answer_by_date::ActiveModel {
            occurrence_id: Set(occurrence_id),
            question: Set(asked.into()),
            answer: Set((*answer).into()),
            people: Set(*people),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}
