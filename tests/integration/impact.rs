//! The impact page of a host: figures per settled quarter and month, in
//! aggregate only, shown to everyone once switched on, with a CSV; and the
//! subtraction attack played on what it publishes. The dates are placed in
//! a quarter the page shows on whatever day the test runs.

use app::backend::answers::count_answer;
use app::backend::entities::{event, host, occurrence, walk_in};
use app::backend::impact::switch;
use app::domain::follow_up::question;
use app::domain::quarter::Quarter;
use app::domain::time_around;
use chrono::{TimeZone, Utc};
use harness::fixtures::{Gathering, create_gathering};
use harness::{Browser, spawn_app};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use std::collections::BTreeMap;

/// The CSV as period → its cells.
fn rows(csv: &str) -> BTreeMap<String, Vec<String>> {
    csv.lines()
        .skip(1)
        .map(|line| {
            let cells: Vec<String> = line.split(',').map(str::to_string).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect()
}

#[tokio::test]
async fn a_hosts_impact_is_published_in_aggregate_and_no_hidden_month_can_be_worked_out() {
    let app = spawn_app().await;
    let db = &app.state.db;
    // The quarter before the newest settled one: shown however the clock
    // moves while the test runs.
    let quarter = Quarter::settled(Utc::now().date_naive(), 2)[1];
    let months = quarter.months();
    let evening =
        |(year, month): (i32, u32)| Utc.with_ymd_and_hms(year, month, 10, 17, 0, 0).unwrap();
    let soup = create_gathering(
        db,
        &Gathering::at("Soup night", 52.52, 13.405, evening(months[0])),
    )
    .await;
    let first = occurrence::Entity::find_by_id(soup.occurrence_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    // The same gathering in the quarter's other two months.
    let mut dates = vec![first.id];
    for month in &months[1..] {
        let date = occurrence::ActiveModel {
            event_id: Set(first.event_id),
            starts_at: Set(evening(*month)),
            ends_at: Set(evening(*month) + chrono::Duration::hours(3)),
            status: Set(first.status),
            latitude: Set(first.latitude),
            longitude: Set(first.longitude),
            cell_r3: Set(first.cell_r3),
            cell_r4: Set(first.cell_r4),
            cell_r5: Set(first.cell_r5),
            cell_r6: Set(first.cell_r6),
            detached: Set(true),
            guests_forgotten_at: Set(None),
            sequence: Set(0),
            ..Default::default()
        };
        dates.push(date.insert(db).await.unwrap().id);
    }
    // 12 people came in the first month, 3 in the second, 30 in the third
    // (counted at the door as walk-ins).
    for (date, people) in dates.iter().zip([12, 3, 30]) {
        walk_in::ActiveModel {
            key: Set(format!("test-{date}")),
            occurrence_id: Set(*date),
            people: Set(people),
            created_at: Set(Utc::now()),
        }
        .insert(db)
        .await
        .unwrap();
    }
    // In the third month: 10 new to the area, 15 living here longer; 8 met
    // someone new, 2 did not (too few to show the share).
    let answers = [
        (time_around::QUESTION, "under_2_years", 10),
        (time_around::QUESTION, "2_years_or_more", 15),
        (question::MET_SOMEONE_NEW, "yes", 8),
        (question::MET_SOMEONE_NEW, "no", 2),
    ];
    for (asked, answer, people) in answers {
        let all: &[&str] = if asked == time_around::QUESTION {
            &["under_2_years", "2_years_or_more", "rather_not_say"]
        } else {
            &["yes", "no", "not_sure"]
        };
        for _ in 0..people {
            count_answer(db, dates[2], asked, all, answer)
                .await
                .unwrap();
        }
    }
    let gathering = event::Entity::find_by_id(soup.event_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let the_host = host::Entity::find_by_id(gathering.host_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let page = format!("/hosts/{}/impact", the_host.slug);
    let csv = format!("/hosts/{}/impact.csv", the_host.slug);

    // Not public yet: nothing for the public.
    let anyone = Browser::new(&app);
    let refused = anyone.get(&csv).await;
    assert_eq!(refused.status(), 303, "sent to sign in");
    assert!(
        !anyone
            .page(&page)
            .await
            .text("main")
            .contains("People who came")
    );

    switch::host(db, the_host.id, true).await.unwrap();
    let response = anyone.get(&csv).await;
    assert_eq!(response.status(), 200);
    let published = rows(&response.text().await.unwrap());
    let month = |at: usize| format!("{}-{:02}", months[at].0, months[at].1);
    let quarter_row = format!("{}-Q{}", quarter.year, quarter.number);
    // period → dates, people, new to the area %, met someone new %, again %.
    assert_eq!(
        published[&month(0)][..2],
        ["1", "withheld"],
        "the smaller month keeps the small one company"
    );
    assert_eq!(published[&month(1)][..2], ["1", "<5"]);
    assert_eq!(published[&month(2)], ["1", "30", "40", "", ""]);
    assert_eq!(published[&quarter_row], ["3", "45", "40", "", ""]);

    // The subtraction attack: in every published quarter, a month whose
    // people are hidden must not be the only unknown of "quarter = months".
    for quarter in Quarter::settled(Utc::now().date_naive(), 4) {
        let q = format!("{}-Q{}", quarter.year, quarter.number);
        let Some(total) = published.get(&q) else {
            continue;
        };
        if total[1].parse::<u64>().is_err() {
            continue;
        }
        let unknown: Vec<String> = quarter
            .months()
            .iter()
            .map(|(y, m)| format!("{y}-{m:02}"))
            .filter(|period| published[period][1].parse::<u64>().is_err())
            .collect();
        assert_ne!(unknown.len(), 1, "{q}: {unknown:?} could be worked out");
    }

    // The page: a chart with a text alternative, and the same figures.
    let shown = anyone.page(&page).await;
    assert_eq!(shown.status.as_u16(), 200);
    assert!(shown.has("svg[role=img] title#impact-chart-title"));
    assert_eq!(shown.texts("table.impact-table caption").len(), 4);
    let cells = shown.texts("table.impact-table td");
    assert!(cells.iter().any(|c| c == "fewer than 5"));
    assert!(cells.iter().any(|c| c == "withheld"));
    assert!(cells.iter().any(|c| c == "40%"));

    // Private again: gone for the public.
    switch::host(db, the_host.id, false).await.unwrap();
    assert_eq!(anyone.get(&csv).await.status(), 303);
}
