//! What one script must not be able to do: take every place of a gathering
//! with invented replies, mail-bomb an address through the reply form, or
//! slow the server down with a repetition rule that never matches.

use app::backend::entities::{occurrence, rsvp};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::organiser::with_gathering;
use harness::{Browser, NETWORK_HEADER, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

async fn gathering(app: &TestApp, title: &str, capacity: Option<i32>) -> (String, i64) {
    let mut spec = Gathering::at(title, 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = capacity;
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(created.event_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (created.public_id, occurrence.id)
}

/// A reply without an account, posted as a browser without JavaScript does
/// from a fresh device on `network`, in German.
async fn reply(
    app: &TestApp,
    event: &str,
    occurrence_id: i64,
    n: usize,
    network: &str,
    how: &[(&str, &str)],
) -> (u16, String) {
    let csrf = format!("{:0>43}", 5_000_000 + n);
    let mut body = form_urlencoded::Serializer::new(String::new());
    body.append_pair("csrf", &csrf)
        .append_pair("occurrence", &occurrence_id.to_string())
        .append_pair("party", "1");
    for (name, value) in how {
        body.append_pair(name, value);
    }
    let response = app
        .client
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

async fn replies_of(app: &TestApp, occurrence_id: i64) -> Vec<rsvp::Model> {
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
                "shared-wifi",
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
        "every other reply is refused"
    );
    // Refused with the page and a message in the reader's language, never a
    // bare status.
    assert!(
        refused[0]
            .1
            .contains("Aus deinem Netzwerk kamen in der letzten Stunde viele Antworten")
    );
    assert_eq!(replies_of(&app, occurrence_id).await.len(), allowed);

    // Neighbours on other networks are not affected.
    for n in 0..10 {
        let network = format!("neighbour-{n}");
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
}

#[tokio::test(flavor = "multi_thread")]
async fn confirmation_mails_to_one_address_are_limited_whoever_asks() {
    let app = spawn_app().await;
    let per_address = app.state.reply_limits.mails_per_address as usize;
    let victim = "victim@example.org";
    let mut accepted = 0;
    let mut refused = Vec::new();
    // Several gatherings, each asked from a different network.
    for n in 0..per_address + 3 {
        let (event, occurrence_id) = gathering(&app, &format!("Tea {n}"), None).await;
        let how = [("how", "email"), ("email", victim), ("name", "Amal")];
        let (status, page) = reply(&app, &event, occurrence_id, n, &format!("net-{n}"), &how).await;
        match status {
            303 => accepted += 1,
            429 => refused.push(page),
            other => panic!("unexpected status {other}"),
        }
    }
    assert_eq!(accepted, per_address);
    assert_eq!(refused.len(), 3);
    assert!(refused[0].contains("An diese Adresse gingen in der letzten Stunde schon mehrere"));

    let mails = app
        .smtp
        .wait_for(per_address, Duration::from_secs(10))
        .await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let to_victim = app
        .smtp
        .messages()
        .iter()
        .filter(|mail| mail.to.iter().any(|to| to == victim))
        .count();
    assert_eq!(mails.len(), per_address);
    assert_eq!(
        to_victim, per_address,
        "no more mail than the limit reached the address"
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
    let occurrence_id: i64 = occurrence::Entity::find().all(&app.state.db).await.unwrap()[0].id;

    // Twenty devices at once, each on its own network: five places go.
    let answers = futures_util::future::join_all((0..20).map(|n| {
        let (app, event) = (&app, &event);
        async move {
            let network = format!("home-{n}");
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
    println!(
        "healthz while rules were checked: {} probes, p99 {p99:?}",
        latencies.len()
    );
    assert!(p99 < Duration::from_millis(50), "healthz p99 {p99:?}");
}
