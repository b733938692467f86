//! The in-memory search index: the same answers as the database, and in
//! step with writes made anywhere — through this process, by another
//! process, or by transactions that commit out of order.

use crate::search::{search, search_at, titles};
use app::backend::search::{self, Area, Criteria, Found, SearchIndex, Source};
use app::domain::geo_point::GeoPoint;
use app::domain::ids::EventId;
use app::domain::search::{Cursor, SearchRequest, SortOrder};
use chrono::{Duration, Utc};
use harness::fixtures::{Gathering, create_gathering, in_minutes, offset};
use harness::{ServerProcess, TestDatabase, TestDatabaseKind, spawn_app};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use std::time::{Duration as Wait, Instant};

const BERLIN: (f64, f64) = (52.52, 13.405);

/// Every page of a search, from `source`.
async fn every_page(
    source: &Source<'_, DatabaseConnection>,
    query: &str,
    area: Option<Area>,
    sort: SortOrder,
    days: bool,
) -> Vec<Found> {
    let request = SearchRequest::parse(query.split('&').filter_map(|pair| pair.split_once('=')))
        .expect("a valid query");
    let now = Utc::now();
    let today = now.date_naive();
    let mut after: Option<Cursor> = None;
    let mut all = Vec::new();
    loop {
        let criteria = Criteria {
            area,
            days: days.then(|| (today, today + Duration::days(7))),
            sort,
            filters: &request.filters,
            after,
            now,
            limit: 20,
        };
        let page = search::find_in(source, &criteria).await.expect("search");
        all.extend(page.found);
        match page.next {
            Some(next) => after = Some(next),
            None => return all,
        }
    }
}

/// A gathering in the middle of Berlin, starting in `minutes`.
async fn in_berlin(db: &DatabaseConnection, title: &str, minutes: i64) -> EventId {
    create_gathering(
        db,
        &Gathering::at(title, BERLIN.0, BERLIN.1, in_minutes(minutes)),
    )
    .await
    .event_id
}

/// Cancels a gathering the way another writer would, straight in SQL.
async fn cancel(db: &impl ConnectionTrait, event_id: EventId) {
    db.execute_unprepared(&format!(
        "UPDATE events SET status = 'cancelled' WHERE id = {event_id}"
    ))
    .await
    .expect("cancel");
}

/// How many gatherings the in-memory index finds within 5 km of Berlin.
async fn near_berlin(index: &SearchIndex, query: &str) -> usize {
    every_page(
        &Source::Memory(index),
        query,
        around(BERLIN, 5_000.0),
        SortOrder::Soonest,
        false,
    )
    .await
    .len()
}

fn around(point: (f64, f64), radius_m: f64) -> Option<Area> {
    Some(Area {
        center: GeoPoint::parse(point.0, point.1).unwrap(),
        radius_m,
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn memory_and_database_find_the_same_gatherings_in_the_same_order() {
    let app = spawn_app().await;
    let db = &app.state.db;
    server::seed::seed_demo(db, Utc::now()).await.expect("seed");
    // And gatherings scattered over 60 km around Berlin, so that many lie
    // near the edges of cells (H3 cells do not nest exactly: a cover must
    // be computed at the level searched, not derived from another).
    let mut seed = 17u64;
    let mut unit = move || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 11) as f64 / (1u64 << 53) as f64
    };
    for i in 0..300 {
        let (bearing, metres) = (unit() * 360.0, unit() * 60_000.0);
        let (lat, lng) = offset(BERLIN, bearing, metres);
        create_gathering(
            db,
            &Gathering::at(
                &format!("s{i}"),
                lat,
                lng,
                in_minutes(60 + (unit() * 20_000.0) as i64),
            ),
        )
        .await;
    }
    let index = &app.state.search_index;
    index.catch_up(db).await.expect("catch up");
    let places = [
        BERLIN,
        (52.45, 13.2),
        (52.6, 13.6),
        (48.8566, 2.3522),
        (40.4168, -3.7038),
        (0.0, 179.99),
    ];
    let filters = [
        "",
        "category=food",
        "category=music&category=sport",
        "language=ar",
        "access=step-free&free=1",
        "family=1",
    ];
    let mut compared = 0;
    for place in places {
        for radius_m in [1_000.0, 5_000.0, 25_000.0, 100_000.0] {
            for sort in [SortOrder::Soonest, SortOrder::Nearest] {
                for query in filters {
                    for days in [false, true] {
                        let area = around(place, radius_m);
                        let memory =
                            every_page(&Source::Memory(index), query, area, sort, days).await;
                        let database =
                            every_page(&Source::Database(db), query, area, sort, days).await;
                        assert_eq!(
                            memory, database,
                            "{place:?} {radius_m} m {sort:?} {query:?} days {days}"
                        );
                        compared += memory.len();
                    }
                }
            }
        }
    }
    let anywhere = every_page(&Source::Memory(index), "", None, SortOrder::Soonest, false).await;
    assert_eq!(
        anywhere,
        every_page(&Source::Database(db), "", None, SortOrder::Soonest, false).await
    );
    assert!(anywhere.len() > 100, "the demo data is searched");
    assert!(
        compared > 1_000,
        "the comparisons found gatherings: {compared}"
    );
}

/// A second process that allows its index to be a second old finds what
/// another writer added within about a second, and stops finding what was
/// cancelled.
#[tokio::test(flavor = "multi_thread")]
async fn another_process_sees_new_and_cancelled_gatherings_within_a_second() {
    let app = spawn_app().await;
    let mut settings = app.settings.clone();
    settings.server.port = 0;
    settings.search.max_staleness_seconds = 1.0;
    let other = ServerProcess::start(&settings).await;
    let client = reqwest::Client::new();
    let find = |title: &'static str| {
        let (client, address) = (client.clone(), other.address.clone());
        async move {
            let query = format!("near={},{}", BERLIN.0, BERLIN.1);
            let (status, body) = search_at(&client, &address, &query).await;
            assert_eq!(status, 200);
            titles(&body).iter().any(|t| t == title)
        }
    };
    assert!(!find("Late supper").await);

    let written = Instant::now();
    let created = in_berlin(&app.state.db, "Late supper", 90).await;
    let seen = wait_until(|| find("Late supper"), true).await;
    assert!(
        seen.duration_since(written) < Wait::from_millis(2_500),
        "seen after {:?}",
        seen.duration_since(written)
    );

    let written = Instant::now();
    cancel(&app.state.db, created).await;
    let gone = wait_until(|| find("Late supper"), false).await;
    assert!(
        gone.duration_since(written) < Wait::from_millis(2_500),
        "gone after {:?}",
        gone.duration_since(written)
    );
    other.shut_down().await;
}

/// Polls `check` until it returns `wanted` (for at most 5 s); returns when.
async fn wait_until<F, Fut>(check: F, wanted: bool) -> Instant
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Wait::from_secs(5);
    while Instant::now() < deadline {
        if check().await == wanted {
            return Instant::now();
        }
        tokio::time::sleep(Wait::from_millis(50)).await;
    }
    panic!("search never showed the change");
}

/// An organiser publishing through this process finds the gathering in
/// this process's very next search, even when the index may be a minute
/// old: writes mark it stale.
#[tokio::test(flavor = "multi_thread")]
async fn a_gathering_published_here_is_found_here_at_once() {
    let mut app = spawn_app().await;
    app.settings.search.max_staleness_seconds = 60.0;
    app.restart().await;
    harness::organiser::with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let (status, results) =
        search(&app, &format!("near={},{}&when=week", BERLIN.0, BERLIN.1)).await;
    assert_eq!(status, 200);
    assert_eq!(titles(&results), ["Soup night"]);
}

/// On PostgreSQL a change can commit after a later one. The index must not
/// skip it: here the first writer's transaction is still open when the
/// second commits and the index catches up.
#[tokio::test(flavor = "multi_thread")]
async fn a_change_that_commits_late_is_not_missed() {
    if TestDatabase::kind_from_env() != TestDatabaseKind::Postgres {
        return; // SQLite has one writer at a time: nothing commits out of order.
    }
    let app = spawn_app().await;
    let db = &app.state.db;
    let early = in_berlin(db, "early", 60).await;
    let late = in_berlin(db, "late", 70).await;
    let index = SearchIndex::new(Wait::ZERO);
    index.build(db).await.expect("build");
    let area = around(BERLIN, 5_000.0);
    assert_eq!(near_berlin(&index, "").await, 2);

    let slow = db.begin().await.unwrap();
    cancel(&slow, early).await;
    cancel(db, late).await;
    index.catch_up(db).await.expect("catch up");
    assert_eq!(
        near_berlin(&index, "").await,
        1,
        "the committed change is seen"
    );

    slow.commit().await.unwrap();
    index.catch_up(db).await.expect("catch up");
    assert_eq!(
        near_berlin(&index, "").await,
        0,
        "the late commit is seen too"
    );
    assert_eq!(
        every_page(&Source::Database(db), "", area, SortOrder::Soonest, false).await,
        Vec::new()
    );
}

/// Many writers at once while the index keeps catching up: in the end it
/// holds exactly what the database holds.
#[tokio::test(flavor = "multi_thread")]
async fn catching_up_during_many_concurrent_writes_misses_nothing() {
    let app = spawn_app().await;
    let db = app.state.db.clone();
    let index = SearchIndex::new(Wait::ZERO);
    index.build(&db).await.expect("build");
    let writers: Vec<_> = (0..8)
        .map(|writer| {
            let db = db.clone();
            tokio::spawn(async move {
                for i in 0..5 {
                    let created = create_gathering(
                        &db,
                        &Gathering::at(
                            &format!("w{writer}-{i}"),
                            BERLIN.0 + f64::from(writer) * 0.001,
                            BERLIN.1 + f64::from(i) * 0.001,
                            in_minutes(60 + i64::from(writer * 5 + i)),
                        ),
                    )
                    .await;
                    if i % 2 == 1 {
                        cancel(&db, created.event_id).await;
                    }
                }
            })
        })
        .collect();
    let follower = {
        let (index, db) = (index.clone(), db.clone());
        tokio::spawn(async move {
            for _ in 0..200 {
                index.catch_up(&db).await.expect("catch up");
                tokio::time::sleep(Wait::from_millis(2)).await;
            }
        })
    };
    for writer in writers {
        writer.await.unwrap();
    }
    follower.await.unwrap();
    index.catch_up(&db).await.expect("catch up");
    let area = around(BERLIN, 5_000.0);
    let memory = every_page(&Source::Memory(&index), "", area, SortOrder::Soonest, false).await;
    let database = every_page(&Source::Database(&db), "", area, SortOrder::Soonest, false).await;
    assert_eq!(
        memory.len(),
        8 * 3,
        "three of each writer's five stay published"
    );
    assert_eq!(memory, database);
}

/// An index built while a write is still open — after a burst of other
/// changes committed — reads that write once it commits.
#[tokio::test(flavor = "multi_thread")]
async fn an_index_built_while_a_write_is_open_sees_it_commit() {
    if TestDatabase::kind_from_env() != TestDatabaseKind::Postgres {
        return; // SQLite cannot build while another connection writes.
    }
    let app = spawn_app().await;
    let db = &app.state.db;
    let early = in_berlin(db, "early", 60).await;
    let slow = db.begin().await.unwrap();
    cancel(&slow, early).await;
    // Meanwhile a big series edit commits 1,500 log rows.
    db.execute_unprepared(
        "INSERT INTO search_changes (event_id, changed_at) \
         SELECT 0, extract(epoch from now())::bigint FROM generate_series(1, 1500)",
    )
    .await
    .unwrap();
    let index = SearchIndex::new(Wait::ZERO);
    index.build(db).await.expect("build");
    assert_eq!(near_berlin(&index, "").await, 1, "not cancelled yet");
    slow.commit().await.unwrap();
    index.catch_up(db).await.expect("catch up");
    assert_eq!(near_berlin(&index, "").await, 0, "the cancellation is seen");
}

/// A catch-up that fails half-way (here: reloading a gathering) loses
/// nothing: the next one reads the same changes again.
#[tokio::test(flavor = "multi_thread")]
async fn a_failed_catch_up_loses_no_change() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let gathering = in_berlin(db, "soup", 60).await;
    let index = SearchIndex::new(Wait::ZERO);
    index.build(db).await.expect("build");
    assert_eq!(near_berlin(&index, "category=food").await, 1);

    // Now music, not food; and the languages table is away while the
    // index reads the change, so reloading the gathering fails.
    db.execute_unprepared(&format!(
        "UPDATE events SET categories = 2 WHERE id = {gathering}"
    ))
    .await
    .unwrap();
    db.execute_unprepared("ALTER TABLE event_languages RENAME TO event_languages_away")
        .await
        .unwrap();
    let failed = index.catch_up(db).await;
    db.execute_unprepared("ALTER TABLE event_languages_away RENAME TO event_languages")
        .await
        .unwrap();
    assert!(
        failed.is_err(),
        "reloading without the languages table fails"
    );
    index.catch_up(db).await.expect("catch up");
    assert_eq!(
        near_berlin(&index, "category=food").await,
        0,
        "the change was read again"
    );
}

/// Every kind of write that search can see leaves a row naming the
/// gathering in the change log, and other writes leave none. A migration
/// that rebuilds one of these tables and forgets its triggers fails here.
#[tokio::test(flavor = "multi_thread")]
async fn every_write_search_can_see_is_logged() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let logged = |event: EventId| async move {
        db.query_one_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT COUNT(*) AS n FROM search_changes WHERE event_id = {event}"),
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap()
    };
    let event = in_berlin(db, "logged", 60).await;
    assert!(logged(event).await > 0, "publishing is logged");
    let unseen = format!("UPDATE events SET reminder_hours = 5 WHERE id = {event}");
    let before = logged(event).await;
    db.execute_unprepared(&unseen).await.unwrap();
    assert_eq!(
        logged(event).await,
        before,
        "search does not read reminders"
    );

    let writes = [
        format!("UPDATE events SET categories = 4 WHERE id = {event}"),
        format!("UPDATE events SET time_zone = 'Europe/Paris' WHERE id = {event}"),
        format!("UPDATE occurrences SET latitude = latitude + 0.001 WHERE event_id = {event}"),
        format!("UPDATE occurrences SET status = 'cancelled' WHERE event_id = {event}"),
        format!("INSERT INTO event_languages (event_id, language) VALUES ({event}, 'ar')"),
        format!("DELETE FROM event_languages WHERE event_id = {event} AND language = 'ar'"),
        format!("DELETE FROM occurrences WHERE event_id = {event}"),
        format!("UPDATE events SET status = 'cancelled' WHERE id = {event}"),
    ];
    for write in writes {
        let before = logged(event).await;
        db.execute_unprepared(&write).await.unwrap();
        assert!(logged(event).await > before, "not logged: {write}");
    }
}
