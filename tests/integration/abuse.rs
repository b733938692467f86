//! What one script must not be able to do: take every place of a gathering
//! with invented replies, mail-bomb an address through the reply form, or
//! slow the server down with a repetition rule that never matches.

use app::backend::entities::{occurrence, rsvp};
use app::domain::ids::OccurrenceId;
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::organiser::with_gathering;
use harness::{Browser, NETWORK_HEADER, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

async fn gathering(app: &TestApp, title: &str, capacity: Option<i32>) -> (String, OccurrenceId) {
    let mut spec = Gathering::at(title, 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = capacity;
    let created = create_gathering(&app.state.db, &spec).await;
    (created.public_id, created.occurrence_id)
}

/// A reply without an account for one person, posted as a browser without
/// JavaScript does from a fresh device on `network`, in German.
async fn reply(
    app: &TestApp,
    event: &str,
    occurrence_id: OccurrenceId,
    n: usize,
    network: &str,
    how: &[(&str, &str)],
) -> (u16, String) {
    reply_for(app, event, occurrence_id, n, network, 1, how).await
}

/// [`reply`] for a party of `party` people.
async fn reply_for(
    app: &TestApp,
    event: &str,
    occurrence_id: OccurrenceId,
    n: usize,
    network: &str,
    party: i32,
    how: &[(&str, &str)],
) -> (u16, String) {
    let csrf = format!("{:0>43}", 5_000_000 + n);
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", &csrf)
        .append_pair("occurrence", &occurrence_id.to_string())
        .append_pair("party", &party.to_string());
    for (name, value) in how {
        body.append_pair(name, value);
    }
    // A thousand of these are sent at once: a patient client, so that the
    // last ones waiting their turn are answered rather than given up on.
    let response = app
        .crowd_client
        .post(app.url(&format!("/events/{event}/rsvp")))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept-language", "de")
        .header("cookie", format!("cg_csrf={csrf}"))
        .header(NETWORK_HEADER, network)
        .body(body.finish())
        .send()
        .await
        .expect("the server answers");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

/// The statuses and the start of the pages of answers that were neither
/// accepted (303) nor refused by the limit (429), for a failure to show.
fn answered_otherwise(answers: &[(u16, String)]) -> Vec<(u16, String)> {
    answers
        .iter()
        .filter(|(status, _)| ![303, 429].contains(status))
        .take(3)
        .map(|(status, page)| (*status, page.chars().take(200).collect()))
        .collect()
}

/// What the rate limit `key` counted, in all its windows (the test may
/// begin in one hour and end in the next).
async fn hits_of(app: &TestApp, key: &str) -> i64 {
    use app::backend::sql::Sql;
    use sea_orm::ConnectionTrait;
    let mut sql = Sql::new(app.state.db.get_database_backend());
    sql.push("SELECT CAST(SUM(hits) AS BIGINT) AS hits FROM rate_limits WHERE \"key\" = ")
        .bind(key);
    let row = app
        .state
        .db
        .query_one_raw(sql.build())
        .await
        .unwrap()
        .expect("a sum, if only of nothing");
    let hits: Option<i64> = row.try_get("", "hits").unwrap();
    hits.expect("a count under that key")
}

async fn replies_of(app: &TestApp, occurrence_id: OccurrenceId) -> Vec<rsvp::Model> {
    rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .all(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_replies_from_one_network_are_limited_and_other_networks_still_reply() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering(&app, "Welcome dinner", Some(50)).await;
    let allowed = app.state.reply_limits.per_network_per_date as usize;

    let answers = futures_util::future::join_all((0..1000).map(|n| {
        let (app, event) = (&app, &event);
        async move {
            reply(
                app,
                event,
                occurrence_id,
                n,
                "203.0.113.7",
                &[("how", "anonymous")],
            )
            .await
        }
    }))
    .await;

    let accepted = answers.iter().filter(|(status, _)| *status == 303).count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(status, _)| *status == 429)
        .collect();
    assert_eq!(
        accepted, allowed,
        "one network gets its hourly share, no more"
    );
    assert_eq!(
        refused.len(),
        1000 - allowed,
        "every other reply is refused; answered otherwise: {:?}",
        answered_otherwise(&answers)
    );
    // Refused with the page and a message in the reader's language, never a
    // bare status.
    assert!(
        refused[0]
            .1
            .contains("Aus deinem Netzwerk kamen in der letzten Stunde viele Antworten")
    );
    assert_eq!(replies_of(&app, occurrence_id).await.len(), allowed);
    // The flood cost the database a handful of writes, not a thousand: the
    // replies after the first one refused were turned away before it (a
    // thousand counts in line for SQLite's one writer made others wait).
    let [_, (date_key, _)] = app
        .state
        .reply_limits
        .people_from("203.0.113.7", occurrence_id);
    assert_eq!(hits_of(&app, &date_key).await, allowed as i64 + 1);

    // Neighbours on other networks are not affected.
    for n in 0..10 {
        let network = format!("198.51.100.{n}");
        let (status, _) = reply(
            &app,
            &event,
            occurrence_id,
            2000 + n,
            &network,
            &[("how", "anonymous")],
        )
        .await;
        assert_eq!(status, 303, "a reply from {network}");
    }
    assert_eq!(replies_of(&app, occurrence_id).await.len(), allowed + 10);

    // Large parties count as the people they bring: ten parties of five
    // from one network (an IPv6 one: its whole /64 counts as one) cannot
    // take 50 places.
    let (event, occurrence_id) = gathering(&app, "Iftar", Some(50)).await;
    let answers = futures_util::future::join_all((0..10).map(|n| {
        let (app, event) = (&app, &event);
        async move {
            let network = format!("2001:db8:5:6::{n:x}");
            let how = [("how", "anonymous")];
            reply_for(app, event, occurrence_id, 3000 + n, &network, 5, &how).await
        }
    }))
    .await;
    let people: i32 = replies_of(&app, occurrence_id)
        .await
        .iter()
        .map(|r| r.party)
        .sum();
    assert_eq!(people, allowed as i32, "{answers:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn confirmation_mails_to_one_address_are_limited_whoever_asks() {
    let app = spawn_app().await;
    let per_address = app.state.reply_limits.mails_per_address as usize;
    let victim = "victim@example.org";
    // Replies naming the address that are refused for another reason (the
    // date is over) send nothing and so use up none of its mails.
    let over = Gathering::at("Yesterday", 52.52, 13.405, in_minutes(-24 * 60));
    let over = create_gathering(&app.state.db, &over).await;
    for n in 0..10 {
        let how = [("how", "email"), ("email", victim), ("name", "Amal")];
        let network = "192.0.2.200";
        let (status, _) = reply(
            &app,
            &over.public_id,
            over.occurrence_id,
            100 + n,
            network,
            &how,
        )
        .await;
        assert_eq!(status, 422);
    }
    let mut accepted = 0;
    let mut refused = Vec::new();
    // Several gatherings, each asked from a different network, the address
    // written with different tags (all reach one inbox).
    for n in 0..per_address + 3 {
        let (event, occurrence_id) = gathering(&app, &format!("Tea {n}"), None).await;
        let tagged = format!("victim+{n}@example.org");
        let email = if n % 2 == 0 { victim } else { tagged.as_str() };
        let how = [("how", "email"), ("email", email), ("name", "Amal")];
        let (status, page) = reply(
            &app,
            &event,
            occurrence_id,
            n,
            &format!("192.0.2.{n}"),
            &how,
        )
        .await;
        match status {
            303 => accepted += 1,
            429 => refused.push(page),
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(accepted, per_address);
    assert_eq!(refused.len(), 3);
    assert!(refused[0].contains("An diese Adresse gingen in der letzten Stunde schon mehrere"));

    // Every mail the outbox was given arrives; then no extra one does.
    let mails = app
        .smtp
        .wait_for_exactly(
            per_address,
            Duration::from_secs(10),
            Duration::from_millis(500),
        )
        .await;
    assert!(
        mails
            .iter()
            .all(|mail| mail.to.iter().all(|to| to.starts_with("victim"))),
        "only the confirmations to that inbox"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn organisers_cap_the_places_replies_without_an_account_may_take() {
    let app = spawn_app().await;
    let (organiser, _slug, event) = with_gathering(
        &app,
        "cook@example.org",
        "52.52,13.405",
        &[
            ("capacity", "20"),
            ("replies", "1"),
            ("rsvp_mode", "anonymous"),
            ("rsvp_mode", "email"),
            ("rsvp_mode", "account"),
            ("max_guests", "4"),
            ("places_without_account", "5"),
        ],
    )
    .await;
    // The setting is kept and shown again to the organisers.
    let manage = organiser.page(&format!("/events/{event}/manage")).await;
    assert_eq!(
        manage.attr("#places_without_account", "value").as_deref(),
        Some("5")
    );
    let occurrence_id: OccurrenceId =
        occurrence::Entity::find().all(&app.state.db).await.unwrap()[0].id;

    // Twenty devices at once, each on its own network: five places go.
    let answers = futures_util::future::join_all((0..20).map(|n| {
        let (app, event) = (&app, &event);
        async move {
            let network = format!("192.0.2.{}", 100 + n);
            reply(
                app,
                event,
                occurrence_id,
                n,
                &network,
                &[("how", "anonymous")],
            )
            .await
        }
    }))
    .await;
    let accepted = answers.iter().filter(|(status, _)| *status == 303).count();
    assert_eq!(accepted, 5);
    let refused = answers.iter().find(|(status, _)| *status != 303).unwrap();
    assert!(
        refused
            .1
            .contains("Die Plätze für Antworten ohne Konto sind vergeben")
    );
    let held: i32 = replies_of(&app, occurrence_id)
        .await
        .iter()
        .map(|r| r.party)
        .sum();
    assert_eq!(held, 5);

    // Someone signed in still gets a place.
    let resident = Browser::new(&app);
    resident.sign_in(&app, "resident@example.org").await;
    let response = resident
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "account"),
                ("occurrence", &occurrence_id.to_string()),
                ("party", "2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);

    // A bad cap is refused with a message, and nothing changes.
    let start = harness::organiser::start_date();
    let mut fields = harness::organiser::soup_night(&start, "52.52,13.405");
    fields.extend([
        ("replies", "1"),
        ("rsvp_mode", "anonymous"),
        ("places_without_account", "lots"),
    ]);
    let response = organiser
        .post_form(&format!("/events/{event}/manage"), &fields)
        .await;
    assert_eq!(response.status(), 422);
    let page = harness::Page::from_response(response).await;
    assert!(
        page.text("#places_without_account-error")
            .contains("whole number")
    );
    let manage = organiser.page(&format!("/events/{event}/manage")).await;
    assert_eq!(
        manage.attr("#places_without_account", "value").as_deref(),
        Some("5")
    );
}

/// A rule that can never match: the 31st of months that have 30 days.
const IMPOSSIBLE_RULE: &str = "FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=4,6,9,11;COUNT=5";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn impossible_rules_are_refused_in_bounded_time_while_the_server_keeps_answering() {
    let app = spawn_app().await;
    let mut senders = Vec::new();
    for n in 0..4 {
        let (organiser, slug, _) = with_gathering(
            &app,
            &format!("sender-{n}@example.org"),
            "52.52,13.405",
            &[],
        )
        .await;
        senders.push((organiser, slug));
    }
    let start = harness::organiser::start_date();
    let stop = std::sync::atomic::AtomicBool::new(false);

    let posting = futures_util::future::join_all(senders.iter().map(|(organiser, slug)| {
        let (start, stop) = (&start, &stop);
        async move {
            let mut answers = Vec::new();
            for _ in 0..5 {
                let mut fields = harness::organiser::soup_night(start, "52.52,13.405");
                fields.extend([
                    ("repeat", "custom"),
                    ("rule", IMPOSSIBLE_RULE),
                    ("ends", "never"),
                ]);
                let sent = Instant::now();
                let response = organiser
                    .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
                    .await;
                answers.push((response.status().as_u16(), sent.elapsed()));
            }
            stop.store(true, std::sync::atomic::Ordering::Relaxed);
            answers
        }
    }));
    let probing = async {
        let mut latencies = Vec::new();
        while !stop.load(std::sync::atomic::Ordering::Relaxed) || latencies.len() < 50 {
            let sent = Instant::now();
            let response = app.get("/healthz").await;
            assert_eq!(response.status(), 200);
            latencies.push(sent.elapsed());
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        latencies
    };
    let (answers, mut latencies) = tokio::join!(posting, probing);

    for (status, took) in answers.iter().flatten() {
        assert_eq!(*status, 422, "an impossible rule is refused with a message");
        assert!(*took < Duration::from_secs(20), "answered in {took:?}");
    }
    latencies.sort();
    let p99 = latencies[latencies.len() * 99 / 100 - 1];
    let slowest = answers
        .iter()
        .flatten()
        .map(|(_, took)| *took)
        .max()
        .unwrap();
    println!(
        "healthz while 4 organisers posted 20 impossible rules: {} probes, p99 {p99:?}; slowest refusal {slowest:?}",
        latencies.len()
    );
    assert!(p99 < Duration::from_millis(50), "healthz p99 {p99:?}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_client_cannot_pick_its_network_by_writing_the_proxy_header() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering(&app, "Choir", None).await;
    let allowed = app.state.reply_limits.per_network_per_date as usize;
    // A proxy appends the address it saw; whatever comes before it was
    // written by the client, and a value that is no address is no network.
    let mut accepted = 0;
    for n in 0..allowed + 5 {
        let header = format!("10.9.{n}.1, 203.0.113.60");
        let (status, _) = reply(
            &app,
            &event,
            occurrence_id,
            n,
            &header,
            &[("how", "anonymous")],
        )
        .await;
        accepted += usize::from(status == 303);
    }
    assert_eq!(accepted, allowed);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_series_cannot_begin_in_the_distant_past() {
    let app = spawn_app().await;
    let (organiser, _, event) = with_gathering(&app, "cook@example.org", "52.52,13.405", &[]).await;
    let mut fields = harness::organiser::soup_night("0001-01-01", "52.52,13.405");
    fields.extend([
        ("repeat", "custom"),
        ("rule", "FREQ=DAILY"),
        ("ends", "never"),
    ]);
    let sent = Instant::now();
    let response = organiser
        .post_form(&format!("/events/{event}/manage"), &fields)
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        sent.elapsed() < Duration::from_secs(5),
        "refused in {:?}",
        sent.elapsed()
    );
    let page = harness::Page::from_response(response).await;
    assert!(page.text("#start_date-error").contains("five years ago"));
}

/// Writes a count of `hits` under `key` for the window starting at
/// `window_start`, as an earlier request would have.
async fn counted_before(app: &TestApp, key: &str, window_start: i64, hits: i64, expires_at: i64) {
    use app::backend::sql::Sql;
    use sea_orm::ConnectionTrait;
    let mut sql = Sql::new(app.state.db.get_database_backend());
    sql.push("INSERT INTO rate_limits (\"key\", window_start, hits, expires_at) VALUES (")
        .bind(key)
        .push(", ")
        .bind(window_start)
        .push(", ")
        .bind(hits)
        .push(", ")
        .bind(expires_at)
        .push(")");
    app.state.db.execute_raw(sql.build()).await.unwrap();
}

#[tokio::test]
async fn a_limit_reached_in_the_previous_window_still_holds() {
    use app::backend::rate_limit::{self, Limit, limits};
    let app = spawn_app().await;
    let db = &app.state.db;
    let hourly = limits::REPORTS_PER_NETWORK;
    let now = chrono::Utc::now().timestamp();
    let this_hour = rate_limit::window_start(now, hourly);
    let hour = hourly.window_seconds;
    // So many in the hour before this one that, weighed by the part of it
    // still within an hour of now (at least a second of 3,600), they reach
    // the limit at any time of this hour.
    let many = i64::from(hourly.max) * hour;
    counted_before(&app, "test:busy", this_hour - hour, many, this_hour + hour).await;
    // As many two hours ago: no longer counted.
    counted_before(&app, "test:earlier", this_hour - 2 * hour, many, this_hour).await;
    assert!(!rate_limit::allow(db, "test:busy", hourly).await.unwrap());
    assert!(rate_limit::allow(db, "test:earlier", hourly).await.unwrap());
    assert!(rate_limit::allow(db, "test:quiet", hourly).await.unwrap());

    // Keys of other windows in one statement: each weighs its own previous
    // window.
    let quarter = Limit {
        max: hourly.max,
        window_seconds: 15 * 60,
    };
    let keys = [
        ("test:quarter".to_string(), quarter),
        ("test:busy".to_string(), hourly),
    ];
    let over = rate_limit::first_over(db, &keys, 1).await.unwrap();
    assert_eq!(over.map(|over| over.key), Some("test:busy"));

    // Housekeeping deletes what can no longer count, and only that.
    rate_limit::remove_old(db).await.unwrap();
    assert_eq!(hits_of(&app, "test:earlier").await, 1, "this hour's one");
    assert!(hits_of(&app, "test:busy").await > many);
}
