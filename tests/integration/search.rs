//! "Near me" search over HTTP: distance, time window, filters, order and
//! pages, on whichever database the suite runs on.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use harness::fixtures::{Gathering, create_gathering, in_minutes, offset};
use harness::{TestApp, spawn_app};
use serde_json::Value;

const BERLIN: (f64, f64) = (52.52, 13.405);

/// Calls the search API with a page query string; returns the status and
/// the JSON body.
pub(crate) async fn search(app: &TestApp, query: &str) -> (u16, Value) {
    search_at(&app.client, &app.address, query).await
}

/// [`search`] on the server process at `address`.
pub(crate) async fn search_at(
    client: &reqwest::Client,
    address: &str,
    query: &str,
) -> (u16, Value) {
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("query", query)
        .append_pair("reader_language", "en")
        .finish();
    let response = client
        .get(format!("{address}/api/search?{body}"))
        .send()
        .await
        .expect("search request");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

pub(crate) fn titles(results: &Value) -> Vec<String> {
    results["cards"]
        .as_array()
        .expect("cards")
        .iter()
        .map(|card| card["title"].as_str().unwrap().to_string())
        .collect()
}

fn near(point: (f64, f64)) -> String {
    format!("near={},{}", point.0, point.1)
}

#[tokio::test(flavor = "multi_thread")]
async fn finds_what_is_inside_the_radius_and_nothing_outside() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let soon = in_minutes(60);
    for (title, metres) in [
        ("inside", 4_999.0),
        ("outside", 5_001.0),
        ("centre", 0.0),
        ("far", 40_000.0),
    ] {
        let (lat, lng) = offset(BERLIN, 70.0, metres);
        create_gathering(
            db,
            &Gathering::at(
                title,
                lat,
                lng,
                soon + Duration::minutes(metres as i64 / 100),
            ),
        )
        .await;
    }

    let (status, results) = search(&app, &format!("{}&radius=5", near(BERLIN))).await;

    assert_eq!(status, 200);
    assert_eq!(titles(&results), ["centre", "inside"]);
    let distances: Vec<u64> = results["cards"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["distance_m"].as_u64().unwrap())
        .collect();
    assert_eq!(distances, [0, 4_999]);
    let (_, wider) = search(&app, &format!("{}&radius=50", near(BERLIN))).await;
    assert_eq!(titles(&wider), ["centre", "inside", "outside", "far"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn sorts_by_start_or_by_distance() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let specs = [
        ("near-late", 500.0, 300),
        ("far-soon", 8_000.0, 60),
        ("mid-mid", 3_000.0, 120),
    ];
    for (title, metres, minutes) in specs {
        let (lat, lng) = offset(BERLIN, 200.0, metres);
        create_gathering(db, &Gathering::at(title, lat, lng, in_minutes(minutes))).await;
    }

    let (_, soonest) = search(&app, &near(BERLIN)).await;
    let (_, nearest) = search(&app, &format!("{}&sort=nearest", near(BERLIN))).await;

    assert_eq!(titles(&soonest), ["far-soon", "mid-mid", "near-late"]);
    assert_eq!(titles(&nearest), ["near-late", "mid-mid", "far-soon"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_never_repeat_or_skip_even_when_gatherings_are_added() {
    let app = spawn_app().await;
    let db = &app.state.db;
    for i in 0..45 {
        let (lat, lng) = offset(BERLIN, f64::from(i) * 8.0, 100.0 * f64::from(i));
        // Pairs share a start time, so the id decides their order.
        create_gathering(
            db,
            &Gathering::at(
                &format!("g{i:02}"),
                lat,
                lng,
                in_minutes(60 + 30 * i64::from(i / 2)),
            ),
        )
        .await;
    }
    for sort in ["soonest", "nearest"] {
        let mut seen = Vec::new();
        let mut query = format!("{}&sort={sort}", near(BERLIN));
        let mut pages = 0;
        loop {
            let (status, results) = search(&app, &query).await;
            assert_eq!(status, 200);
            pages += 1;
            seen.extend(titles(&results));
            if pages == 1 && sort == "soonest" {
                // Something new that sorts before the cursor must not shift
                // the next page.
                create_gathering(
                    db,
                    &Gathering::at("latecomer", BERLIN.0, BERLIN.1, in_minutes(61)),
                )
                .await;
            }
            match results["next"].as_str() {
                Some(cursor) => query = format!("{}&sort={sort}&after={cursor}", near(BERLIN)),
                None => break,
            }
        }
        assert_eq!(pages, 3, "{sort}");
        let mut unique = seen.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(
            unique.len(),
            seen.len(),
            "{sort}: a gathering appeared twice"
        );
        assert_eq!(
            seen.iter().filter(|t| t.starts_with('g')).count(),
            45,
            "{sort}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn filters_narrow_the_results() {
    use app::domain::accessibility::AccessibilityFeature::{HearingLoop, StepFree};
    use app::domain::category::Category::{Food, Music, Sport};
    let app = spawn_app().await;
    let db = &app.state.db;
    let at = |title: &str| Gathering::at(title, BERLIN.0, BERLIN.1, in_minutes(90));
    let mut music = at("music in arabic");
    music.categories = vec![Music];
    music.languages = vec!["ar", "de"];
    music.accessibility = vec![StepFree, HearingLoop];
    let mut football = at("paid football");
    football.categories = vec![Sport];
    football.is_free = false;
    football.accessibility = vec![StepFree];
    let mut picnic = at("family picnic");
    picnic.categories = vec![Food, Sport];
    picnic.family_friendly = true;
    picnic.languages = vec!["uk"];
    for spec in [&music, &football, &picnic] {
        create_gathering(db, spec).await;
    }
    let base = near(BERLIN);

    let cases = [
        ("category=music", vec!["music in arabic"]),
        ("category=sport", vec!["family picnic", "paid football"]),
        (
            "category=food&category=music",
            vec!["family picnic", "music in arabic"],
        ),
        ("language=ar", vec!["music in arabic"]),
        (
            "language=uk&language=ar",
            vec!["family picnic", "music in arabic"],
        ),
        ("access=step-free", vec!["music in arabic", "paid football"]),
        (
            "access=step-free&access=hearing-loop",
            vec!["music in arabic"],
        ),
        ("free=1", vec!["family picnic", "music in arabic"]),
        ("family=1", vec!["family picnic"]),
        ("category=art", vec![]),
    ];
    for (filter, expected) in cases {
        let (status, results) = search(&app, &format!("{base}&{filter}")).await;
        assert_eq!(status, 200, "{filter}");
        let mut found = titles(&results);
        found.sort();
        assert_eq!(found, expected, "{filter}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn date_windows_use_the_day_in_the_gatherings_own_time_zone() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let auckland = (-36.85, 174.76);
    let zone = chrono_tz::Pacific::Auckland;
    let day = (Utc::now() + Duration::days(20)).date_naive();
    let local = |date: NaiveDate, h: u32, m: u32| {
        zone.from_local_datetime(&date.and_hms_opt(h, m, 0).unwrap())
            .single()
            .unwrap()
            .with_timezone(&Utc)
    };
    // Just after midnight local time: the previous day in UTC.
    let cases = [
        ("first minute", local(day, 0, 5)),
        ("last minute", local(day, 23, 55)),
        ("day before", local(day.pred_opt().unwrap(), 23, 55)),
        ("day after", local(day.succ_opt().unwrap(), 0, 5)),
    ];
    for (title, starts_at) in cases {
        create_gathering(
            db,
            &Gathering::at(title, auckland.0, auckland.1, starts_at).in_zone("Pacific/Auckland"),
        )
        .await;
    }

    let (status, results) = search(
        &app,
        &format!("{}&when=dates&from={day}&to={day}", near(auckland)),
    )
    .await;

    assert_eq!(status, 200);
    assert_eq!(titles(&results), ["first minute", "last minute"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn works_across_the_antimeridian_and_near_the_poles() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let fiji = (-16.5, 179.99);
    let (lat, lng) = offset(fiji, 90.0, 3_000.0); // east, across 180°
    assert!(lng < 0.0, "the fixture must cross the antimeridian");
    create_gathering(
        db,
        &Gathering::at("across the date line", lat, lng, in_minutes(60)).in_zone("Pacific/Fiji"),
    )
    .await;
    create_gathering(
        db,
        &Gathering::at("polar station", 89.95, -170.0, in_minutes(90)).in_zone("UTC"),
    )
    .await;

    let (status, results) = search(&app, &format!("{}&radius=5", near(fiji))).await;
    assert_eq!(status, 200);
    assert_eq!(titles(&results), ["across the date line"]);
    let metres = results["cards"][0]["distance_m"].as_u64().unwrap();
    assert!((2_990..=3_010).contains(&metres), "{metres} m");

    let (status, results) = search(
        &app,
        &format!("{}&radius=25&sort=nearest", near((89.99, 10.0))),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(titles(&results), ["polar station"]);
    let (status, _) = search(&app, &format!("{}&radius=100", near((-90.0, 0.0)))).await;
    assert_eq!(status, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn past_cancelled_and_draft_gatherings_are_not_found() {
    let app = spawn_app().await;
    let db = &app.state.db;
    create_gathering(
        db,
        &Gathering::at("past", BERLIN.0, BERLIN.1, in_minutes(-30)),
    )
    .await;
    let mut draft = Gathering::at("draft", BERLIN.0, BERLIN.1, in_minutes(30));
    draft.status = "draft";
    create_gathering(db, &draft).await;
    let mut cancelled = Gathering::at("cancelled", BERLIN.0, BERLIN.1, in_minutes(30));
    cancelled.status = "cancelled";
    create_gathering(db, &cancelled).await;
    create_gathering(
        db,
        &Gathering::at("upcoming", BERLIN.0, BERLIN.1, in_minutes(30)),
    )
    .await;

    let (_, results) = search(&app, &near(BERLIN)).await;
    let (_, anywhere) = search(&app, "").await;

    assert_eq!(titles(&results), ["upcoming"]);
    assert_eq!(titles(&anywhere), ["upcoming"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_typed_place_is_found_in_any_script() {
    let app = spawn_app().await;
    let db = &app.state.db;
    create_gathering(
        db,
        &Gathering::at("Munich soup", 48.137, 11.575, in_minutes(60)),
    )
    .await;
    create_gathering(
        db,
        &Gathering::at("Cairo tea", 30.044, 31.236, in_minutes(60)).in_zone("Africa/Cairo"),
    )
    .await;

    for (typed, expected) in [
        ("München", "Munich soup"),
        ("munchen", "Munich soup"),
        ("Munich", "Munich soup"),
        ("القاهرة", "Cairo tea"),
        ("Cairo", "Cairo tea"),
        // Coordinates as an Arabic or Persian keyboard types them.
        ("٣٠٫٠٤٤، ٣١٫٢٣٦", "Cairo tea"),
        ("۴۸٫۱۳۷، ۱۱٫۵۷۵", "Munich soup"),
    ] {
        let query = form_urlencoded::Serializer::new(String::new())
            .append_pair("place", typed)
            .finish();
        let (status, results) = search(&app, &query).await;
        assert_eq!(status, 200, "{typed}");
        assert_eq!(titles(&results), [expected], "{typed}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_gets_400_and_every_problem() {
    let app = spawn_app().await;

    let (status, body) = search(&app, "near=95,13&radius=500&when=someday&category=poetry").await;

    assert_eq!(status, 400);
    let errors = body["InvalidSearch"].as_array().expect("errors listed");
    assert_eq!(errors.len(), 4, "{body}");
    let (status, _) = search(&app, "place=Xqzzyville").await;
    assert_eq!(status, 400);
    let (status, _) = search(&app, "from=2026-02-30").await;
    assert_eq!(status, 400);
    let (status, _) = search(&app, "after=garbage").await;
    assert_eq!(status, 400);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_page_shows_results_and_problems_without_javascript() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let created = create_gathering(
        db,
        &Gathering::at("Soup & stories", BERLIN.0, BERLIN.1, in_minutes(60)),
    )
    .await;

    let page = app.page("/?place=Berlin&radius=5").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.texts("ul.cards h3"), ["Soup & stories"]);
    assert_eq!(
        page.attr("ul.cards h3 a", "href").as_deref(),
        Some(format!("/events/{}", created.public_id).as_str())
    );
    assert!(
        page.text("#results-heading").contains("Berlin"),
        "{}",
        page.text("#results-heading")
    );
    assert_eq!(page.attr("#place", "value").as_deref(), Some("Berlin"));

    let page = app.page("/?near=52.5,13.4&radius=500").await;
    assert_eq!(page.status, 400);
    assert_eq!(
        page.attr("#radius", "aria-invalid").as_deref(),
        Some("true")
    );
    assert!(
        page.text(".error-summary").contains("between 1 and 100 km"),
        "{}",
        page.text(".error-summary")
    );
    assert!(!page.has("ul.cards"));

    let page = app.page("/?place=Xqzzyville").await;
    assert_eq!(page.status, 400);
    assert_eq!(
        page.attr("#place", "aria-describedby").as_deref(),
        Some("place-error")
    );
    assert_eq!(page.attr("#place", "value").as_deref(), Some("Xqzzyville"));
}

/// The same data on SQLite and on PostgreSQL answers every query with the
/// same gatherings in the same order. Runs in the PostgreSQL pass (it needs
/// both); the SQLite database is made next to it.
#[tokio::test(flavor = "multi_thread")]
async fn sqlite_and_postgres_return_the_same_results() {
    if harness::TestDatabase::kind_from_env() != harness::TestDatabaseKind::Postgres {
        return;
    }
    let postgres = spawn_app().await;
    let sqlite = harness::spawn_app_on(harness::TestDatabaseKind::Sqlite).await;
    let now = Utc::now();
    for app in [&postgres, &sqlite] {
        server::seed::seed_demo(&app.state.db, now)
            .await
            .expect("seed");
    }
    let queries = [
        "",
        "near=52.52,13.405",
        "near=52.52,13.405&sort=nearest",
        "near=48.8566,2.3522&radius=3",
        "near=48.8566,2.3522&radius=25&sort=nearest&category=food",
        "place=Madrid&when=week",
        "place=Madrid&radius=100&language=ar",
        "near=52.52,13.405&access=step-free&free=1",
        "near=52.52,13.405&when=weekend&sort=nearest",
    ];
    for query in queries {
        let mut pg_query = query.to_string();
        let mut lite_query = query.to_string();
        loop {
            let (pg_status, pg) = search(&postgres, &pg_query).await;
            let (lite_status, lite) = search(&sqlite, &lite_query).await;
            assert_eq!((pg_status, lite_status), (200, 200), "{query}");
            assert_eq!(pg["cards"], lite["cards"], "{query}");
            assert_eq!(pg["next"], lite["next"], "{query}");
            match pg["next"].as_str() {
                Some(cursor) => {
                    pg_query = format!("{query}&after={cursor}");
                    lite_query = pg_query.clone();
                }
                None => break,
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn place_suggestions_match_any_script_biggest_first() {
    let app = spawn_app().await;
    let suggest = |prefix: &'static str| {
        let client = app.client.clone();
        let url = format!("{}/api/places", app.address);
        async move {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("prefix", prefix)
                .finish();
            let response = client
                .get(format!("{url}?{query}"))
                .send()
                .await
                .expect("suggestions");
            assert_eq!(response.status(), 200);
            response.json::<Value>().await.expect("JSON")
        }
    };

    let munich = suggest("Münc").await;
    assert_eq!(munich[0]["name"], "München");
    assert_eq!(munich[0]["country_code"], "DE");
    let cairo = suggest("القاه").await;
    assert_eq!(cairo[0]["country_code"], "EG");
    assert_eq!(suggest("").await, serde_json::json!([]));
    assert_eq!(suggest("zzzzqqqq").await, serde_json::json!([]));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_map_draws_each_result_from_its_card_without_a_copy_of_it() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let soon = in_minutes(60);
    let (lat, lng) = offset(BERLIN, 45.0, 1_234.0);
    create_gathering(db, &Gathering::at("Soup <&> \"songs\"", lat, lng, soon)).await;
    create_gathering(
        db,
        &Gathering::at("Chess", 52.5212345678, 13.4012345678, soon),
    )
    .await;

    let page = app.page("/?near=52.52,13.405").await;

    // Each card carries its place, to about a metre.
    let places: Vec<(String, String)> = page
        .attrs("#results > li.card", "data-lat")
        .into_iter()
        .zip(page.attrs("#results > li.card", "data-lng"))
        .collect();
    assert_eq!(places.len(), 2, "{places:?}");
    assert!(
        places.contains(&("52.52123".to_string(), "13.40123".to_string())),
        "{places:?}"
    );
    assert!(
        places.contains(&(format!("{lat:.5}"), format!("{lng:.5}"))),
        "{places:?}"
    );
    // The map's data names the list instead of repeating titles and links.
    let data: Value = serde_json::from_str(
        &page
            .attr(".map-panel", "data-map")
            .expect("the page has a map"),
    )
    .unwrap();
    assert_eq!(data["cards"], "results");
    assert_eq!(data["markers"], serde_json::json!([]));
    assert!(!data.to_string().contains("Chess"), "{data}");
    // What a card says is in the page once: not copied for the map, nor
    // into a script for the browser (nothing outside islands hydrates).
    let links = page.attrs("#results .card-title a", "href");
    for once in links.iter().map(String::as_str).chain(["Host of Chess"]) {
        assert_eq!(page.source.matches(once).count(), 1, "{once}");
    }
    // The titles the markers take are the cards', as typed.
    assert!(
        page.texts("#results .card-title a")
            .contains(&"Soup <&> \"songs\"".to_string())
    );
}
