//! Messages from organisers: to those coming, the waiting list or the
//! volunteers of a date, by email in each person's language and on the
//! gathering's page for guests without an address; stopped by the link in
//! each, which never stops the essential emails; limited per organiser.

use app::backend::entities::{occurrence, organiser_message, volunteer_role};
use app::backend::messages::MESSAGES_PER_ORGANISER;
use harness::organiser::with_gathering;
use harness::{Browser, TestApp, scan, spawn_app};
use sea_orm::EntityTrait;

/// What stopping messages may change: the replies and sign-ups (the
/// outbox's delivery marks move on their own).
async fn stops(app: &TestApp) -> Vec<String> {
    let everything = scan::snapshot(&app.state.db).await;
    [&everything["rsvps"], &everything["role_signups"]]
        .into_iter()
        .flatten()
        .cloned()
        .collect()
}

/// A signed-in person reading `language`.
async fn person(app: &TestApp, email: &str, language: &str) -> Browser {
    let browser = Browser::new(app);
    browser.set_cookie("lang", language);
    browser.sign_in(app, email).await;
    browser
}

async fn reply(browser: &Browser, event: &str, date: &str, how: &str) {
    let replied = browser
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", how), ("occurrence", date), ("party", "1")],
        )
        .await;
    assert_eq!(replied.status(), 303, "{}", replied.text().await.unwrap());
}

async fn write(
    organiser: &Browser,
    event: &str,
    date: &str,
    audience: &str,
    body: &str,
) -> reqwest::Response {
    organiser
        .post_form(
            &format!("/events/{event}/messages"),
            &[("occurrence", date), ("audience", audience), ("body", body)],
        )
        .await
}

/// An organiser's gathering with one date: the organiser, its id, the
/// date's id.
async fn soup_night(app: &TestApp) -> (Browser, String, String) {
    let (organiser, _, event) = with_gathering(app, "host@example.org", "52.52, 13.405", &[]).await;
    let date = occurrence::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (organiser, event, date.id.to_string())
}

#[tokio::test]
async fn a_message_reaches_its_audience_and_stops_without_stopping_the_essentials() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let (organiser, event, date) = soup_night(&app).await;
    let added = organiser
        .post_form(
            &format!("/events/{event}/roles"),
            &[("role_name", "Cook"), ("role_slots", "2")],
        )
        .await;
    assert_eq!(added.status(), 303);
    let role = volunteer_role::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();

    let amal = person(&app, "amal@example.org", "de").await;
    reply(&amal, &event, &date, "account").await;
    let device = Browser::new(&app);
    reply(&device, &event, &date, "anonymous").await;
    let dana = person(&app, "dana@example.org", "en").await;
    let signed_up = dana
        .post_form(
            &format!("/roles/{}/signup", role.id),
            &[("occurrence", &date)],
        )
        .await;
    assert_eq!(signed_up.status(), 303);

    // To everyone coming: one email (Amal's, in German); the guest without
    // an address reads it on the page; the volunteer is not written to.
    let body = "<b>Bitte bringt</b> eine Schüssel mit.\n\nWe start at 18:30.";
    let sent = write(&organiser, &event, &date, "coming", body).await;
    assert_eq!(sent.status(), 303);
    assert!(
        sent.headers()["location"]
            .to_str()
            .unwrap()
            .ends_with("?sent=1")
    );
    app.state.outbox.ring();
    let stop_link = app
        .smtp
        .link_to("amal@example.org", "/messages/stop?token=")
        .await;
    let mails = app.smtp.messages();
    let message = mails
        .iter()
        .find(|m| m.is_to("amal@example.org") && m.subject().starts_with("Kiezküche zu"))
        .expect("a German message to Amal");
    let html = message.body("text/html").unwrap();
    assert!(html.contains("&lt;b&gt;Bitte bringt&lt;/b&gt;") && !html.contains("<b>Bitte"));
    assert!(
        !mails
            .iter()
            .any(|m| m.is_to("dana@example.org") && m.subject().starts_with("Kiezküche about")),
        "not to volunteers"
    );
    let seen = device.page(&format!("/events/{event}")).await;
    assert!(
        seen.text("#messages-heading")
            .contains("Messages from the organisers")
    );
    assert!(
        seen.text(".message-body")
            .contains("<b>Bitte bringt</b> eine Schüssel mit.")
    );
    assert!(!seen.has(".message-body b"), "shown as text");
    let stranger = Browser::new(&app).page(&format!("/events/{event}")).await;
    assert!(!stranger.has(".message-body"), "only for those who replied");

    // To the volunteers of the role: Dana.
    let to_cooks = write(
        &organiser,
        &event,
        &date,
        &format!("volunteers:{}", role.id),
        "Knives are in the kitchen.",
    )
    .await;
    assert_eq!(to_cooks.status(), 303);
    app.state.outbox.ring();
    app.smtp
        .link_to("dana@example.org", "/messages/stop?token=")
        .await;

    // A second message to those coming: the link in the first still works.
    let again = write(&organiser, &event, &date, "coming", "Doors open at 18:00.").await;
    assert_eq!(again.status(), 303);

    // All are kept for the organisers.
    let page = organiser.page(&format!("/events/{event}/messages")).await;
    assert_eq!(page.texts("li .message-body").len(), 3);
    assert!(page.text("main").contains("Knives are in the kitchen."));

    // Amal stops them: opening the link changes nothing, the button does.
    let path = &stop_link[stop_link.find("/messages/stop").unwrap()..];
    let before = stops(&app).await;
    let opened = amal.page(path).await;
    assert!(opened.has("form[action='/messages/stop'] button"));
    assert_eq!(stops(&app).await, before);
    let token = opened.attr("input[name=token]", "value").unwrap();
    let stopped = amal.post_form("/messages/stop", &[("token", &token)]).await;
    assert_eq!(stopped.headers()["location"], "/messages/stop?done=1");
    let nobody = write(&organiser, &event, &date, "coming", "Anyone there?").await;
    assert_eq!(nobody.status(), 422, "nobody with an address is left");
    assert_eq!(
        organiser_message::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        3
    );

    // The essential emails still reach her: the date is cancelled.
    let cancelled = organiser
        .post_form(&format!("/events/{event}/dates/{date}/cancel"), &[])
        .await;
    assert_eq!(cancelled.status(), 303);
    app.state.outbox.ring();
    let told = app
        .smtp
        .wait_for_matching(
            |m| m.is_to("amal@example.org") && m.subject().starts_with("Abgesagt"),
            1,
            std::time::Duration::from_secs(10),
        )
        .await;
    assert_eq!(told.len(), 1, "the cancellation reached Amal");

    // A made-up link says so and changes nothing.
    let before = stops(&app).await;
    let made_up = Browser::new(&app)
        .post_form("/messages/stop", &[("token", "made-up")])
        .await;
    assert_eq!(made_up.headers()["location"], "/messages/stop?problem=link");
    assert_eq!(stops(&app).await, before);
    assert_eq!(
        Browser::new(&app)
            .page("/messages/stop?problem=link")
            .await
            .status
            .as_u16(),
        404
    );
}

#[tokio::test]
async fn an_organiser_cannot_mail_without_limit() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let (organiser, event, date) = soup_night(&app).await;
    let guest = person(&app, "guest@example.org", "en").await;
    reply(&guest, &event, &date, "account").await;

    // Refused before anything is kept: empty, too long, no such date or
    // audience.
    let refusals = [
        ("coming", "   ", 422),
        ("coming", &"x".repeat(2001), 422),
        ("everyone", "Hello", 422),
        ("volunteers:999999", "Hello", 422),
    ];
    for (audience, body, status) in refusals {
        let refused = write(&organiser, &event, &date, audience, body).await;
        assert_eq!(refused.status().as_u16(), status, "{audience}");
    }
    let other_date = write(&organiser, &event, "999999", "coming", "Hello").await;
    assert_eq!(other_date.status().as_u16(), 422);
    assert!(
        organiser_message::Entity::find()
            .all(db)
            .await
            .unwrap()
            .is_empty()
    );

    let allowed = MESSAGES_PER_ORGANISER.max as usize;
    for n in 0..allowed {
        let sent = write(&organiser, &event, &date, "coming", &format!("Note {n}")).await;
        assert_eq!(sent.status(), 303, "message {n}");
    }
    let over = write(&organiser, &event, &date, "coming", "One too many").await;
    assert_eq!(over.status(), 429);
    let page = harness::Page::from_response(over).await;
    assert!(
        page.text("main")
            .contains("more messages than are allowed today")
    );
    assert_eq!(
        organiser_message::Entity::find()
            .all(db)
            .await
            .unwrap()
            .len(),
        allowed
    );
}
