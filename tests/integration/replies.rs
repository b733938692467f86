//! Coming to a gathering: no overbooking under concurrency, the waitlist in
//! arrival order and promoted exactly once, the three ways to RSVP, bad
//! input, and attendees' identities never shown to the public.

use app::backend::entities::{occurrence, occurrence_seats, rsvp};
use app::domain::{
    ids::{EventId, OccurrenceId},
    reply::ReplyStatus,
    status::DateStatus,
};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, NETWORK_HEADER, Page, ServerProcess, TestApp, TestDatabaseKind, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// The (first) date of gathering `event_id`.
async fn first_date(app: &TestApp, event_id: EventId) -> occurrence::Model {
    occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn gathering_with(app: &TestApp, capacity: Option<i32>) -> (String, OccurrenceId) {
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = capacity;
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence = first_date(app, created.event_id).await;
    (created.public_id, occurrence.id)
}

async fn rsvps(app: &TestApp, occurrence_id: OccurrenceId) -> Vec<rsvp::Model> {
    rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .order_by_asc(rsvp::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn seats_going(app: &TestApp, occurrence_id: OccurrenceId) -> i32 {
    occurrence_seats::Entity::find_by_id(occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .map_or(0, |s| s.going)
}

/// The replies waiting for a date, as its seat counter counts them.
async fn seats_waiting(app: &TestApp, occurrence_id: OccurrenceId) -> usize {
    occurrence_seats::Entity::find_by_id(occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .map_or(0, |s| s.waiting as usize)
}

/// Where to send replies: on PostgreSQL half go to a second server
/// process (kept running by the first value), on SQLite all to the one.
async fn one_or_two_processes(app: &TestApp) -> (Option<ServerProcess>, Vec<String>) {
    let second = match app.database.kind() {
        TestDatabaseKind::Postgres => Some(app.another_process().await),
        TestDatabaseKind::Sqlite => None,
    };
    let addresses = std::iter::once(app.address.clone())
        .chain(second.iter().map(|p| p.address.clone()))
        .collect();
    (second, addresses)
}

/// A 43-character token, as the app's cookies hold.
fn token(n: usize) -> String {
    format!("{n:0>43}")
}

/// An anonymous RSVP from device `n`, as a browser without JavaScript posts
/// it (with its own anti-forgery and device cookies), each device on a
/// network of its own (one network's replies are limited).
async fn anonymous_rsvp(
    client: &reqwest::Client,
    address: &str,
    event: &str,
    occurrence_id: OccurrenceId,
    n: usize,
    party: i32,
) -> reqwest::StatusCode {
    let csrf = token(1_000_000 + n);
    let body = form_urlencoded::Serializer::new(String::new())
        .append_pair("csrf", &csrf)
        .append_pair("how", "anonymous")
        .append_pair("occurrence", &occurrence_id.to_string())
        .append_pair("party", &party.to_string())
        .finish();
    client
        .post(format!("{address}/events/{event}/rsvp"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("cg_csrf={csrf}; cg_device={}", token(n)))
        .header(NETWORK_HEADER, format!("2001:db8:{n:x}::1"))
        .body(body)
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_thousand_rsvps_at_once_never_oversell_and_queue_in_arrival_order() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(50)).await;
    let (second, addresses) = one_or_two_processes(&app).await;
    let client = harness::client_for_a_crowd();

    let requests = (0..1000).map(|n| {
        let client = client.clone();
        let address = addresses[n % addresses.len()].clone();
        let event = event.clone();
        async move {
            anonymous_rsvp(
                &client,
                &address,
                &event,
                occurrence_id,
                n,
                (n % 4) as i32 + 1,
            )
            .await
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    let failures: Vec<_> = statuses.iter().filter(|s| **s != 303).collect();
    assert!(
        failures.is_empty(),
        "{} requests failed, e.g. {:?}",
        failures.len(),
        failures[0]
    );

    let all = rsvps(&app, occurrence_id).await;
    assert_eq!(all.len(), 1000, "every request is recorded exactly once");
    let going: Vec<_> = all
        .iter()
        .filter(|r| r.status == ReplyStatus::Going)
        .collect();
    let waiting: Vec<_> = all
        .iter()
        .filter(|r| r.status == ReplyStatus::Waitlisted)
        .collect();
    let people: i32 = going.iter().map(|r| r.party).sum();
    assert!(people <= 50, "{people} people going to 50 seats");
    assert_eq!(people, seats_going(&app, occurrence_id).await);
    assert_eq!(going.len() + waiting.len(), 1000);
    assert_eq!(waiting.len(), seats_waiting(&app, occurrence_id).await);
    // Strictly in order: everyone going arrived before everyone waiting,
    // and the first in line did not fit.
    assert!(going.iter().map(|r| r.id).max() < waiting.iter().map(|r| r.id).min());
    assert!(people + waiting[0].party > 50);

    // Cancellations free seats; the head of the line moves up, in order.
    let first_waiting = waiting[0].id;
    // Cancel by device, as each device's own browser would.
    let mut freed = 0;
    for r in going.iter().take(3) {
        let n = device_number(r).await;
        assert_eq!(cancel_by_device(&client, &app.address, r, n).await, 303);
        freed += r.party;
    }
    let after = rsvps(&app, occurrence_id).await;
    let people_after: i32 = after
        .iter()
        .filter(|r| r.status == ReplyStatus::Going)
        .map(|r| r.party)
        .sum();
    assert!(people_after <= 50);
    assert_eq!(people_after, seats_going(&app, occurrence_id).await);
    let promoted: Vec<_> = after
        .iter()
        .filter(|r| r.status == ReplyStatus::Going && r.id >= first_waiting)
        .collect();
    assert!(
        !promoted.is_empty(),
        "freeing {freed} seats promotes the first in line"
    );
    // Promoted strictly from the head of the line.
    let still_waiting_min = after
        .iter()
        .filter(|r| r.status == ReplyStatus::Waitlisted)
        .map(|r| r.id)
        .min();
    assert!(promoted.iter().all(|r| Some(r.id) < still_waiting_min));
    let still_waiting = after
        .iter()
        .filter(|r| r.status == ReplyStatus::Waitlisted)
        .count();
    assert_eq!(still_waiting, seats_waiting(&app, occurrence_id).await);
    drop(second);
}

/// Cancels reply `r` from device `n`'s browser; the response's status.
async fn cancel_by_device(
    client: &reqwest::Client,
    address: &str,
    r: &rsvp::Model,
    n: usize,
) -> reqwest::StatusCode {
    let csrf = token(2_000_000 + n);
    client
        .post(format!("{address}/rsvps/{}/cancel", r.public_id))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("cg_csrf={csrf}; cg_device={}", token(n)))
        .body(format!("csrf={csrf}"))
        .send()
        .await
        .map(|r| r.status())
        .unwrap_or(reqwest::StatusCode::INTERNAL_SERVER_ERROR)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn replies_and_cancellations_at_once_keep_the_counts_and_the_line() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(20)).await;
    let (second, addresses) = one_or_two_processes(&app).await;
    let client = harness::client_for_a_crowd();
    let address_for = |n: usize| addresses[n % addresses.len()].clone();

    // Twenty people fill the twenty places.
    let first = (0..20).map(|n| {
        let (client, address, event) = (client.clone(), address_for(n), event.clone());
        async move { anonymous_rsvp(&client, &address, &event, occurrence_id, n, 1).await }
    });
    let statuses = futures_util::future::join_all(first).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    let seated = rsvps(&app, occurrence_id).await;
    assert_eq!(seats_going(&app, occurrence_id).await, 20);

    // Then, all at once, 300 more reply (parties of 1 to 3) while the
    // twenty cancel, from two processes on PostgreSQL.
    let replies = (100..400).map(|n| {
        let (client, address, event) = (client.clone(), address_for(n), event.clone());
        async move {
            let party = (n % 3) as i32 + 1;
            anonymous_rsvp(&client, &address, &event, occurrence_id, n, party).await
        }
    });
    let cancellations = seated.iter().map(|r| {
        let (client, address) = (client.clone(), address_for(r.id as usize));
        async move {
            let n = device_number(r).await;
            cancel_by_device(&client, &address, r, n).await
        }
    });
    let (replied, cancelled) = futures_util::future::join(
        futures_util::future::join_all(replies),
        futures_util::future::join_all(cancellations),
    )
    .await;
    assert!(replied.iter().all(|s| *s == 303), "{replied:?}");
    assert!(cancelled.iter().all(|s| *s == 303), "{cancelled:?}");

    let all = rsvps(&app, occurrence_id).await;
    assert_eq!(all.len(), 320, "every reply is recorded exactly once");
    let of = |status: ReplyStatus| all.iter().filter(move |r| r.status == status);
    assert_eq!(of(ReplyStatus::Cancelled).count(), 20);
    let people: i32 = of(ReplyStatus::Going).map(|r| r.party).sum();
    assert!(people <= 20, "{people} people going to 20 places");
    assert_eq!(people, seats_going(&app, occurrence_id).await);
    let waiting: Vec<_> = of(ReplyStatus::Waitlisted).collect();
    assert_eq!(waiting.len(), seats_waiting(&app, occurrence_id).await);
    // Nobody waits while the first in line would fit: every freed place
    // went to the line, in its order, and no newcomer passed it.
    assert!(
        people + waiting[0].party > 20,
        "{people} going, the first waiting party of {} would fit",
        waiting[0].party
    );
    drop(second);
}

/// Which device number made an RSVP (the tests' device tokens are numbers).
async fn device_number(r: &rsvp::Model) -> usize {
    (0..1000)
        .find(|n| Some(app::backend::secret::hash(&token(*n))) == r.device_hash)
        .expect("made by a test device")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_confirms_by_email_and_cancels_by_link_and_the_waitlist_is_told_once() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(2)).await;

    // A family of two fills the place anonymously.
    let family = Browser::new(&app);
    let response = family
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "anonymous"),
                ("occurrence", &occurrence_id.to_string()),
                ("party", "2"),
            ],
        )
        .await;
    assert_eq!(
        response.headers()["location"],
        format!("/events/{event}?rsvp=going#rsvp").as_str()
    );

    // Two guests by email: unconfirmed, they hold nothing.
    for (email, name) in [("ana@example.org", "Ana"), ("ben@example.org", "")] {
        let guest = Browser::new(&app);
        let response = guest
            .post_form(
                &format!("/events/{event}/rsvp"),
                &[
                    ("how", "email"),
                    ("occurrence", &occurrence_id.to_string()),
                    ("party", "1"),
                    ("email", email),
                    ("name", name),
                ],
            )
            .await;
        assert_eq!(
            response.headers()["location"],
            format!("/events/{event}?rsvp=pending#rsvp").as_str()
        );
        let link = app.smtp.link_to(email, "/rsvps/confirm?token=").await;
        let response = guest.get(&link).await;
        assert_eq!(
            response.headers()["location"],
            format!("/events/{event}?rsvp=waitlisted#rsvp").as_str()
        );
        // Confirming twice changes nothing.
        let again = guest.get(&link).await;
        assert_eq!(
            again.headers()["location"],
            format!("/events/{event}?rsvp=waitlisted#rsvp").as_str()
        );
    }
    assert_eq!(seats_going(&app, occurrence_id).await, 2);

    // The family cancels on its device: both guests move up, each told once.
    let own = family.page(&format!("/events/{event}")).await;
    let cancel = own
        .attr("form[action^='/rsvps/'][action$='/cancel']", "action")
        .expect("own RSVP can be cancelled");
    assert_eq!(family.post_form(&cancel, &[]).await.status(), 303);
    let all = rsvps(&app, occurrence_id).await;
    assert_eq!(
        all.iter()
            .filter(|r| r.status == ReplyStatus::Going)
            .count(),
        2
    );
    for email in ["ana@example.org", "ben@example.org"] {
        // Told exactly once.
        let promoted = |m: &harness::CapturedEmail| m.is_to(email) && m.subject_starts("Good news");
        app.smtp.expect_exactly_matching(promoted, 1).await;
    }
    // Those coming get the date for their calendar, with the address.
    let news = app
        .smtp
        .messages()
        .into_iter()
        .find(|m| {
            m.to.iter().any(|t| t == "ana@example.org") && m.subject().starts_with("Good news")
        })
        .unwrap();
    let calendar = news
        .body("text/calendar")
        .expect("an invite.ics attachment");
    assert!(
        calendar.contains("BEGIN:VEVENT") && calendar.contains("Secret Street"),
        "{calendar}"
    );
    // Waiting-list emails carry none.
    let waiting = app
        .smtp
        .messages()
        .into_iter()
        .find(|m| m.subject().contains("waiting list"))
        .unwrap();
    assert!(waiting.body("text/calendar").is_none());

    // Ana cancels with the link in her latest email.
    let link = app
        .smtp
        .link_to("ana@example.org", "/rsvps/cancel?token=")
        .await;
    let guest = Browser::new(&app);
    let page = guest.page(&link).await;
    let token = page.attr("input[name=token]", "value").unwrap();
    // Opening the link alone changes nothing.
    assert_eq!(seats_going(&app, occurrence_id).await, 2);
    let response = guest.post_form("/rsvps/cancel", &[("token", &token)]).await;
    assert_eq!(
        response.headers()["location"],
        format!("/events/{event}?rsvp=cancelled#rsvp").as_str()
    );
    assert_eq!(seats_going(&app, occurrence_id).await, 1);
    // The same link again: a clear message, no change.
    let again = guest.post_form("/rsvps/cancel", &[("token", &token)]).await;
    assert_eq!(again.headers()["location"], "/rsvps/cancel?problem=link");
    assert_eq!(seats_going(&app, occurrence_id).await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_rsvps_get_a_clear_message_and_change_nothing() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(10)).await;
    let browser = Browser::new(&app);
    let occurrence = occurrence_id.to_string();
    let post = |party: &'static str, occurrence: String| {
        let browser = &browser;
        let event = event.clone();
        async move {
            browser
                .post_form(
                    &format!("/events/{event}/rsvp"),
                    &[
                        ("how", "anonymous"),
                        ("occurrence", &occurrence),
                        ("party", party),
                    ],
                )
                .await
        }
    };
    for (party, expected) in [
        ("0", "at most"),
        ("6", "more people"),
        ("two", "as a number"),
    ] {
        let response = post(party, occurrence.clone()).await;
        assert_eq!(response.status(), 422, "party {party}");
        let page = Page::from_response(response).await;
        let message = page.text(".rsvp .error-summary");
        assert!(
            message.contains(expected) || party == "0",
            "{party}: {message}"
        );
    }
    let response = post("1", "999999".into()).await;
    assert_eq!(response.status(), 422);
    assert!(rsvps(&app, occurrence_id).await.is_empty());

    // Once is fine; twice from the same device is refused.
    assert_eq!(post("2", occurrence.clone()).await.status(), 303);
    let twice = post("1", occurrence.clone()).await;
    assert_eq!(twice.status(), 422);
    assert!(
        Page::from_response(twice)
            .await
            .text(".rsvp .error-summary")
            .contains("already replied")
    );
    assert_eq!(rsvps(&app, occurrence_id).await.len(), 1);

    // Another device cannot cancel it.
    let mine = rsvps(&app, occurrence_id).await[0].public_id.clone();
    let stranger = Browser::new(&app);
    stranger.page("/").await;
    let response = stranger
        .post_form(&format!("/rsvps/{mine}/cancel"), &[])
        .await;
    assert_ne!(
        response
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().contains("cancelled")),
        Some(true)
    );
    assert_eq!(
        rsvps(&app, occurrence_id).await[0].status,
        ReplyStatus::Going
    );

    // A gathering that already started takes no replies.
    let mut started = Gathering::at("Started", 52.5, 13.4, in_minutes(-10));
    started.duration = chrono::Duration::hours(3);
    let past = create_gathering(&app.state.db, &started).await;
    let past_occurrence = first_date(&app, past.event_id).await;
    let response = browser
        .post_form(
            &format!("/events/{}/rsvp", past.public_id),
            &[
                ("how", "anonymous"),
                ("occurrence", &past_occurrence.id.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(rsvps(&app, past_occurrence.id).await.is_empty());

    // An open date of another gathering, named under this one, is no date
    // of this one.
    let elsewhere = Gathering::at("Elsewhere", 52.5, 13.4, in_minutes(2 * 24 * 60));
    let elsewhere = create_gathering(&app.state.db, &elsewhere).await;
    let elsewhere_date = first_date(&app, elsewhere.event_id).await;
    let response = Browser::new(&app)
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "anonymous"),
                ("occurrence", &elsewhere_date.id.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(rsvps(&app, elsewhere_date.id).await.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn only_organisers_see_who_is_coming_and_no_public_page_names_anyone() {
    let app = spawn_app().await;
    // An organiser's gathering, made through the form.
    let (organiser, slug, event) = harness::organiser::with_gathering(
        &app,
        "host@example.org",
        "52.52, 13.405",
        &[("capacity", "20")],
    )
    .await;
    let page = Browser::new(&app).page(&format!("/events/{event}")).await;
    let occurrence = page.attr("input[name=occurrence]", "value").unwrap();

    // Zaynab replies by email with her name; she confirms.
    let guest = Browser::new(&app);
    guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "email"),
                ("occurrence", &occurrence),
                ("email", "zaynab.h@example.org"),
                ("name", "Zaynab Haddad"),
            ],
        )
        .await;
    let link = app
        .smtp
        .link_to("zaynab.h@example.org", "/rsvps/confirm?token=")
        .await;
    guest.get(&link).await;

    // The organiser sees her; nobody else does.
    let manage = organiser.page(&format!("/events/{event}/manage")).await;
    assert!(manage.text(".attendees").contains("Zaynab Haddad"));
    let csv_link = manage.attr(".attendees a[download]", "href").unwrap();
    let csv = organiser.get(&csv_link).await.text().await.unwrap();
    assert!(csv.contains("\"Zaynab Haddad\",1,\"going\""), "{csv}");

    let resident = Browser::new(&app);
    resident.sign_in(&app, "resident@example.org").await;
    for browser in [&resident, &Browser::new(&app)] {
        let status = browser
            .get(&format!("/events/{event}/manage"))
            .await
            .status()
            .as_u16();
        assert!(status == 403 || status == 302, "{status}");
        let status = browser.get(&csv_link).await.status().as_u16();
        assert!(status == 403 || status == 303, "{status}");
    }

    // Every public page, feed and API answer: counts, never who.
    let anyone = Browser::new(&app);
    for path in [
        format!("/events/{event}"),
        format!("/events/{event}/calendar.ics"),
        format!("/hosts/{slug}"),
        "/?place=52.52,13.405".to_string(),
        "/api/search?query=place%3D52.52%2C13.405&reader_language=en".to_string(),
        format!("/api/gathering?public_id={event}&reader_language=en"),
    ] {
        let body = anyone.get(&path).await.text().await.unwrap();
        for secret in ["Zaynab", "Haddad", "zaynab.h@example.org"] {
            assert!(!body.contains(secret), "{path} shows {secret}");
        }
    }
    let public = anyone.page(&format!("/events/{event}")).await;
    assert!(
        public.text(".rsvp .counts").contains("1 going"),
        "{}",
        public.text(".rsvp .counts")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn people_who_gave_an_address_get_one_reminder_and_hear_of_a_cancellation() {
    let app = spawn_app().await;
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(5 * 60));
    spec.capacity = Some(10);
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence_id = first_date(&app, created.event_id).await.id;
    let guest = Browser::new(&app);
    guest
        .post_form(
            &format!("/events/{}/rsvp", created.public_id),
            &[
                ("how", "email"),
                ("occurrence", &occurrence_id.to_string()),
                ("email", "ana@example.org"),
            ],
        )
        .await;
    guest
        .get(
            &app.smtp
                .link_to("ana@example.org", "/rsvps/confirm?token=")
                .await,
        )
        .await;

    // Two reminder runs, as two server processes might do: one email.
    let url = &app.state.public_url;
    let now = chrono::Utc::now();
    let first = app::backend::replies::news::send_reminders(&app.state.db, url, now)
        .await
        .unwrap();
    let second = app::backend::replies::news::send_reminders(&app.state.db, url, now)
        .await
        .unwrap();
    assert_eq!((first, second), (1, 0));

    assert!(
        app::backend::gatherings::manage::cancel_occurrence(
            &app.state.db,
            url,
            created.event_id,
            occurrence_id
        )
        .await
        .unwrap()
    );
    app.state.outbox.ring();
    for subject in ["Reminder", "Cancelled"] {
        let mail =
            |m: &harness::CapturedEmail| m.is_to("ana@example.org") && m.subject_starts(subject);
        app.smtp.expect_exactly_matching(mail, 1).await;
    }
}

/// Every email about a reply carries a cancel link, and each works until
/// the place is cancelled: a guest who confirms on the day gets the
/// reminder a minute later, and the link in "You are coming", the email
/// she just read, must still cancel.
#[tokio::test(flavor = "multi_thread")]
async fn the_cancel_link_in_an_earlier_email_still_works_after_the_reminder() {
    let app = spawn_app().await;
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(5 * 60));
    spec.capacity = Some(10);
    let created = create_gathering(&app.state.db, &spec).await;
    let event = &created.public_id;
    let occurrence_id = first_date(&app, created.event_id).await.id;
    for address in ["ana@example.org", "bea@example.org"] {
        let guest = Browser::new(&app);
        guest
            .post_form(
                &format!("/events/{event}/rsvp"),
                &[
                    ("how", "email"),
                    ("occurrence", &occurrence_id.to_string()),
                    ("email", address),
                ],
            )
            .await;
        guest
            .get(&app.smtp.link_to(address, "/rsvps/confirm?token=").await)
            .await;
    }
    let url = &app.state.public_url;
    let reminded =
        app::backend::replies::news::send_reminders(&app.state.db, url, chrono::Utc::now())
            .await
            .unwrap();
    assert_eq!(reminded, 2);
    app.state.outbox.ring();
    let cancel_link_in = |address: &'static str, subject: &'static str| {
        let app = &app;
        async move {
            let mail = app
                .smtp
                .wait_for_matching(
                    |m| m.is_to(address) && m.subject_starts(subject),
                    1,
                    harness::smtp::MAIL_TIMEOUT,
                )
                .await;
            let link = mail[0]
                .word_with("/rsvps/cancel?token=")
                .expect("a cancel link");
            link.split("token=").nth(1).unwrap().to_string()
        }
    };
    let anas_confirmation = cancel_link_in("ana@example.org", "You are coming").await;
    let anas_reminder = cancel_link_in("ana@example.org", "Reminder").await;
    let beas_reminder = cancel_link_in("bea@example.org", "Reminder").await;
    assert_ne!(anas_confirmation, anas_reminder);
    assert_eq!(seats_going(&app, occurrence_id).await, 2);

    // Ana cancels with the older email's link, Bea with the newer one's.
    let cancelled = format!("/events/{event}?rsvp=cancelled#rsvp");
    for token in [&anas_confirmation, &beas_reminder] {
        let response = Browser::new(&app)
            .post_form("/rsvps/cancel", &[("token", token)])
            .await;
        assert_eq!(response.headers()["location"], cancelled.as_str());
    }
    assert_eq!(seats_going(&app, occurrence_id).await, 0);

    // Once cancelled, none of the links does anything, and none is kept.
    let response = Browser::new(&app)
        .post_form("/rsvps/cancel", &[("token", &anas_reminder)])
        .await;
    assert_eq!(response.headers()["location"], "/rsvps/cancel?problem=link");
    for token in [&anas_confirmation, &anas_reminder, &beas_reminder] {
        let hash = app::backend::secret::hash(token);
        assert_eq!(
            harness::scan::rows_containing(&app.state.db, &hash).await,
            Default::default(),
            "a cancelled reply's link is still stored"
        );
    }
}

/// A reply is made even when the connection of the person who sent it
/// drops before the answer comes (a phone losing its network): what they
/// asked for is finished, and the page shows it when they look again.
/// Another transaction holds the date's seat counter, so the reply waits;
/// the sender gives up and its connection closes; then the counter is let
/// go. (The same finishing keeps a page cut off mid-render from stopping
/// a worker thread: `server::routes::run_to_end`.)
#[tokio::test(flavor = "multi_thread")]
async fn a_reply_whose_connection_drops_before_the_answer_is_still_made() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(10)).await;
    // A device that has replied before (the answer that sets its cookie
    // is what a dropped connection loses).
    let guest = Browser::new(&app);
    let (earlier, earlier_date) = gathering_with(&app, Some(10)).await;
    guest
        .reply_on_this_device(&earlier, earlier_date, "1")
        .await;
    let csrf = guest.csrf_token().await;
    let occurrence = occurrence_id.to_string();
    let fields = [
        ("how", "anonymous"),
        ("occurrence", occurrence.as_str()),
        ("party", "2"),
    ];

    let holder = app::backend::transaction::begin_write(&app.state.db)
        .await
        .unwrap();
    app::backend::replies::seats::lock(&holder, occurrence_id, Some(10))
        .await
        .unwrap();
    let path = format!("/events/{event}/rsvp");
    let gave_up = tokio::time::timeout(
        std::time::Duration::from_millis(700),
        guest.post_form_raw(&path, &fields, Some(&csrf)),
    )
    .await;
    assert!(gave_up.is_err(), "the reply should wait for the counter");
    // Time for the server to see the connection closed.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    holder.commit().await.unwrap();

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while seats_going(&app, occurrence_id).await != 2 {
        assert!(
            std::time::Instant::now() < deadline,
            "the reply was dropped with its connection"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // The device that sent it sees it as its own, beside the earlier one.
    let page = guest.page("/my").await;
    assert_eq!(page.texts(".date-list li a").len(), 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn my_gatherings_lists_this_devices_replies_only() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(10)).await;
    let mine = Browser::new(&app);
    mine.post_form(
        &format!("/events/{event}/rsvp"),
        &[
            ("how", "anonymous"),
            ("occurrence", &occurrence_id.to_string()),
            ("party", "3"),
        ],
    )
    .await;
    let page = mine.page("/my").await;
    assert_eq!(
        page.texts(".date-list li a"),
        vec!["Soup night".to_string()]
    );
    assert!(page.text(".date-list li").contains("going"));
    let cancel = page.attr(".date-list form", "action").unwrap();
    assert_eq!(mine.post_form(&cancel, &[]).await.status(), 303);
    assert!(!mine.page("/my").await.has(".date-list li"));

    let other = Browser::new(&app);
    assert!(!other.page("/my").await.has(".date-list li"));
}

/// The public sees how many people wait for a date: the parties waiting
/// for that date, summed (not the replies, not the people going, and not
/// those waiting for another gathering).
#[tokio::test(flavor = "multi_thread")]
async fn a_dates_page_counts_the_people_waiting() {
    let app = spawn_app().await;
    let reply = |event: String, occurrence_id: OccurrenceId, parties: &'static [&'static str]| {
        let app = &app;
        async move {
            let path = format!("/events/{event}/rsvp");
            let occurrence = occurrence_id.to_string();
            for party in parties {
                let fields = [
                    ("how", "anonymous"),
                    ("occurrence", occurrence.as_str()),
                    ("party", party),
                ];
                Browser::new(app).post_form(&path, &fields).await;
            }
        }
    };
    let (event, occurrence_id) = gathering_with(&app, Some(3)).await;
    reply(event.clone(), occurrence_id, &["2", "2", "1"]).await;
    let (other, other_date) = gathering_with(&app, Some(1)).await;
    reply(other.clone(), other_date, &["1", "4"]).await;
    assert_eq!(seats_going(&app, occurrence_id).await, 2);
    assert_eq!(seats_waiting(&app, occurrence_id).await, 2);

    let page = app.page(&format!("/events/{event}")).await;
    assert_eq!(
        page.text(".rsvp .counts"),
        "2 going · 1 place left · 3 on the waiting list"
    );
    let page = app.page(&format!("/events/{other}")).await;
    assert_eq!(
        page.text(".rsvp .counts"),
        "1 going · full · 4 on the waiting list"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_party_can_grow_only_into_free_places_and_a_waiting_party_can_come_with_fewer() {
    let app = spawn_app().await;
    let (event, occurrence_id) = gathering_with(&app, Some(3)).await;
    let occurrence = occurrence_id.to_string();
    let path = format!("/events/{event}/rsvp");
    let fields = [
        ("how", "anonymous"),
        ("occurrence", occurrence.as_str()),
        ("party", "2"),
    ];
    let ana = Browser::new(&app);
    let ben = Browser::new(&app);
    ana.post_form(&path, &fields).await;
    let response = ben.post_form(&path, &fields).await;
    assert_eq!(
        response.headers()["location"],
        format!("/events/{event}?rsvp=waitlisted#rsvp").as_str()
    );

    // Ben sees that one place is left, and comes alone.
    let page = ben.page(&format!("/events/{event}")).await;
    assert!(page.text(".rsvp .date-list").contains("Places left: 1"));
    let change = page.attr("form.party-change", "action").unwrap();
    let response = ben
        .post_form(&change, &[("event", &event), ("party", "1")])
        .await;
    assert_eq!(response.status(), 303);
    let ben_rsvp = rsvps(&app, occurrence_id)
        .await
        .into_iter()
        .find(|r| r.party == 1)
        .unwrap();
    assert_eq!(ben_rsvp.status, ReplyStatus::Going);
    assert_eq!(seats_going(&app, occurrence_id).await, 3);

    // Ana cannot grow past the capacity; she can shrink.
    let change = ana
        .page(&format!("/events/{event}"))
        .await
        .attr("form.party-change", "action")
        .unwrap();
    let response = ana
        .post_form(&change, &[("event", &event), ("party", "3")])
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        Page::from_response(response)
            .await
            .text(".rsvp .error-summary")
            .contains("no room")
    );
    assert_eq!(seats_going(&app, occurrence_id).await, 3);
    assert_eq!(
        ana.post_form(&change, &[("event", &event), ("party", "1")])
            .await
            .status(),
        303
    );
    assert_eq!(seats_going(&app, occurrence_id).await, 2);
    // Nobody else can change Ana's reply.
    let response = ben
        .post_form(&change, &[("event", &event), ("party", "2")])
        .await;
    assert_eq!(response.headers()["location"], "/rsvps/cancel?problem=link");
    assert_eq!(seats_going(&app, occurrence_id).await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn moving_a_series_never_deletes_a_reply_and_tells_the_people_coming() {
    let app = spawn_app().await;
    let location = "52.52, 13.405";
    let weekly = [("repeat", "weekly"), ("ends", "after"), ("count", "3")];
    let (organiser, _, event) =
        harness::organiser::with_gathering(&app, "host@example.org", location, &weekly).await;
    let first = Browser::new(&app).page(&format!("/events/{event}")).await;
    let occurrence = first
        .attr("select[name=occurrence] option", "value")
        .unwrap();

    let guest = Browser::new(&app);
    guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "email"),
                ("occurrence", &occurrence),
                ("email", "ana@example.org"),
            ],
        )
        .await;
    guest
        .get(
            &app.smtp
                .link_to("ana@example.org", "/rsvps/confirm?token=")
                .await,
        )
        .await;

    // The whole series moves to 19:00.
    let start = harness::organiser::start_date();
    let mut fields = harness::organiser::soup_night(&start, location);
    fields.retain(|(k, _)| *k != "start_time" && *k != "end_time");
    fields.extend([("start_time", "19:00"), ("end_time", "21:00")]);
    fields.extend(weekly);
    assert_eq!(
        organiser
            .post_form(&format!("/events/{event}/manage"), &fields)
            .await
            .status(),
        303
    );

    let old = occurrence::Entity::find_by_id(occurrence.parse::<OccurrenceId>().unwrap())
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a date with a reply is kept");
    assert_eq!(old.status, DateStatus::Cancelled);
    assert_eq!(rsvps(&app, old.id).await.len(), 1, "the reply is kept");
    app.state.outbox.ring();
    wait_for_subject(&app, "ana@example.org", "Cancelled").await;
}

async fn wait_for_subject(app: &TestApp, to: &str, prefix: &str) {
    let mail = |m: &harness::CapturedEmail| m.is_to(to) && m.subject_starts(prefix);
    app.smtp
        .wait_for_matching(mail, 1, harness::smtp::MAIL_TIMEOUT)
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_reply_on_this_device_keeps_nothing_typed_in_the_hidden_email_fields() {
    let app = spawn_app().await;
    let spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    let created = create_gathering(&app.state.db, &spec).await;
    // Someone typed an address and a name, then chose "on this device"
    // again: the form hides those fields, but the browser still sends them.
    let guest = Browser::on_network(&app, "198.51.100.9");
    let replied = guest
        .post_form(
            &format!("/events/{}/rsvp", created.public_id),
            &[
                ("how", "anonymous"),
                ("occurrence", &created.occurrence_id.to_string()),
                ("party", "1"),
                ("email", "lina.hidden@example.org"),
                ("name", "Lina Hidden"),
                (app::domain::follow_up::WANTED_FIELD, "1"),
            ],
        )
        .await;
    assert_eq!(replied.status(), 303);
    let stored = rsvp::Entity::find().all(&app.state.db).await.unwrap();
    assert_eq!(stored.len(), 1, "the reply is counted");

    // Neither is stored anywhere, and nobody is written to.
    for typed in ["lina.hidden@example.org", "Lina Hidden"] {
        let found = harness::scan::rows_containing(&app.state.db, typed).await;
        assert!(found.is_empty(), "{typed} stored in {found:?}");
    }
    app.smtp
        .wait_for_exactly(
            0,
            std::time::Duration::from_secs(1),
            std::time::Duration::from_secs(2),
        )
        .await;
}

/// On PostgreSQL a reply that waited for its date's lock must see what the
/// reply it waited for did: here that one joined the waitlist, so the
/// newcomer queues behind it even though they alone would fit. A reply's
/// statement reads other tables as they were when it began, before its
/// wait; it is the count on the locked row that tells. (SQLite has one
/// writer and no such older view, so this is PostgreSQL's test.)
#[tokio::test(flavor = "multi_thread")]
async fn a_reply_that_waited_for_the_lock_queues_behind_the_one_it_waited_for() {
    use sea_orm::{ConnectionTrait, Database, Statement, TransactionTrait};
    let app = spawn_app().await;
    if app.database.kind() != TestDatabaseKind::Postgres {
        return;
    }
    let (event, occurrence_id) = gathering_with(&app, Some(3)).await;
    let client = harness::client_for_a_crowd();
    let first = anonymous_rsvp(&client, &app.address, &event, occurrence_id, 1, 1).await;
    assert_eq!(first, 303);
    assert_eq!(seats_going(&app, occurrence_id).await, 1);

    // Someone else's transaction puts a party of three on the waitlist and
    // holds the date's lock (its trigger counts them on the row).
    let other = Database::connect(&app.database.url).await.unwrap();
    let holding = other.begin().await.unwrap();
    holding
        .execute_unprepared(&format!(
            "INSERT INTO rsvps (public_id, occurrence_id, device_hash, party, status, \
             cancel_hash, locale, created_at) VALUES ('waiting-three', {occurrence_id}, \
             'three', 3, 'waitlisted', 'h', 'en', now())"
        ))
        .await
        .unwrap();

    // A newcomer alone would fit (two places left); their reply waits.
    let newcomer = {
        let (client, address, event) = (client.clone(), app.address.clone(), event.clone());
        tokio::spawn(
            async move { anonymous_rsvp(&client, &address, &event, occurrence_id, 2, 1).await },
        )
    };
    let blocked = Statement::from_string(
        sea_orm::DbBackend::Postgres,
        "SELECT CAST(COUNT(*) AS BIGINT) AS n FROM pg_stat_activity \
         WHERE wait_event_type = 'Lock' AND datname = current_database() \
         AND query LIKE 'WITH counter AS%'",
    );
    let mut waited = false;
    for _ in 0..200 {
        let row = other.query_one_raw(blocked.clone()).await.unwrap().unwrap();
        if row.try_get::<i64>("", "n").unwrap() > 0 {
            waited = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(
        waited,
        "the newcomer's reply waits for the date's lock, in its one statement"
    );
    holding.commit().await.unwrap();

    assert_eq!(newcomer.await.unwrap(), 303);
    let all = rsvps(&app, occurrence_id).await;
    let newest = all.last().unwrap();
    assert_eq!(newest.party, 1);
    assert_eq!(
        newest.status,
        ReplyStatus::Waitlisted,
        "the newcomer queues behind the party waiting"
    );
    assert_eq!(seats_going(&app, occurrence_id).await, 1);
    assert_eq!(seats_waiting(&app, occurrence_id).await, 2);
}
