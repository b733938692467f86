//! Gatherings whose organisers approve each reply: a reply waits without a
//! seat, approval seats it (or puts it on the waitlist when full, so it
//! never overbooks, even when many are approved at once), declining tells
//! the person, and only organisers decide.

use app::backend::entities::{occurrence_seats, rsvp};
use app::domain::reply::ReplyStatus;
use harness::{Browser, Page, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

/// An organiser's gathering with approval on; returns the organiser's
/// browser, the gathering's id and its date's id.
async fn approved_gathering(app: &TestApp, capacity: &str) -> (Browser, String, String) {
    let (organiser, _, event) = harness::organiser::with_gathering(
        app,
        "host@example.org",
        "52.52, 13.405",
        &[
            ("capacity", capacity),
            ("replies", "1"),
            ("rsvp_mode", "account"),
            ("rsvp_mode", "email"),
            ("rsvp_mode", "anonymous"),
            ("max_guests", "4"),
            ("requires_approval", "1"),
        ],
    )
    .await;
    let page = Browser::new(app).page(&format!("/events/{event}")).await;
    let occurrence = page.attr("input[name=occurrence]", "value").unwrap();
    (organiser, event, occurrence)
}

async fn reply(browser: &Browser, event: &str, fields: &[(&str, &str)]) -> String {
    let response = browser
        .post_form(&format!("/events/{event}/rsvp"), fields)
        .await;
    assert_eq!(response.status(), 303);
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn statuses(app: &TestApp) -> Vec<(i32, ReplyStatus)> {
    rsvp::Entity::find()
        .order_by_asc(rsvp::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.party, r.status))
        .collect()
}

async fn going(app: &TestApp) -> i32 {
    occurrence_seats::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .iter()
        .map(|s| s.going)
        .sum()
}

/// Exactly one email to `to` whose subject starts with `subject_start`
/// arrives (and no second one).
async fn expect_one_email(app: &TestApp, to: &str, subject_start: &str) {
    app.state.outbox.ring();
    let mail = |m: &harness::CapturedEmail| m.is_to(to) && m.subject_starts(subject_start);
    app.smtp.expect_exactly_matching(mail, 1).await;
}
/// The approve (or decline) form actions on the organiser's page, in the
/// page's order.
async fn decisions(organiser: &Browser, event: &str, answer: &str) -> Vec<String> {
    let page: Page = organiser.page(&format!("/events/{event}/manage")).await;
    page.attrs(&format!("form[action$='/{answer}']"), "action")
}

#[tokio::test(flavor = "multi_thread")]
async fn replies_wait_for_the_organisers_who_approve_or_decline_them() {
    let app = spawn_app().await;
    let (organiser, event, occurrence) = approved_gathering(&app, "2").await;

    // Ana replies by email and confirms: she now waits for the organisers.
    let ana = Browser::new(&app);
    reply(
        &ana,
        &event,
        &[
            ("how", "email"),
            ("occurrence", &occurrence),
            ("party", "1"),
            ("email", "ana@example.org"),
            ("name", "Ana"),
        ],
    )
    .await;
    app.state.outbox.ring();
    let link = app
        .smtp
        .link_to("ana@example.org", "/rsvps/confirm?token=")
        .await;
    let response = ana.get(&link).await;
    assert_eq!(
        response.headers()["location"],
        format!("/events/{event}?rsvp=requested#rsvp").as_str()
    );
    // Ana hears that her reply waits for the organisers.
    expect_one_email(&app, "ana@example.org", "Your reply to").await;

    // A family of two on this device, and Ben signed in: both wait too.
    let family = Browser::new(&app);
    let location = reply(
        &family,
        &event,
        &[
            ("how", "anonymous"),
            ("occurrence", &occurrence),
            ("party", "2"),
        ],
    )
    .await;
    assert_eq!(location, format!("/events/{event}?rsvp=requested#rsvp"));
    let page = family.page(&location).await;
    assert!(page.text("[role=status]").contains("organisers confirm"));
    assert!(page.text(".rsvp").contains("organisers confirm each reply"));
    // Waiting still counts as this device's one reply.
    let again = family
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "anonymous"),
                ("occurrence", &occurrence),
                ("party", "1"),
            ],
        )
        .await;
    assert_eq!(again.status(), 422);
    let ben = Browser::new(&app);
    ben.sign_in(&app, "ben@example.org").await;
    reply(
        &ben,
        &event,
        &[
            ("how", "account"),
            ("occurrence", &occurrence),
            ("party", "1"),
        ],
    )
    .await;
    assert_eq!(going(&app).await, 0, "waiting replies hold no seat");
    let page = ben.page("/my").await;
    assert!(page.text("main").contains("waiting for the organisers"));

    // Only organisers decide.
    let approvals = decisions(&organiser, &event, "approve").await;
    assert_eq!(approvals.len(), 3);
    assert_eq!(ben.post_form(&approvals[0], &[]).await.status(), 403);
    assert_eq!(
        Browser::new(&app)
            .post_form(&approvals[0], &[])
            .await
            .status(),
        303
    );
    assert_eq!(going(&app).await, 0);

    // The organiser approves the family (the second reply), then Ana: the
    // family fills the date, so Ana goes on the waitlist rather than over
    // capacity. Ben is declined.
    assert_eq!(organiser.post_form(&approvals[1], &[]).await.status(), 303);
    assert_eq!(organiser.post_form(&approvals[0], &[]).await.status(), 303);
    let declines = decisions(&organiser, &event, "decline").await;
    assert_eq!(declines.len(), 1, "only Ben still waits");
    assert_eq!(organiser.post_form(&declines[0], &[]).await.status(), 303);
    assert_eq!(
        statuses(&app).await,
        [
            (1, ReplyStatus::Waitlisted),
            (2, ReplyStatus::Going),
            (1, ReplyStatus::Declined)
        ]
    );
    assert_eq!(going(&app).await, 2);
    expect_one_email(&app, "ana@example.org", "You are on the waiting list").await;
    expect_one_email(&app, "ben@example.org", "About your reply").await;

    // Deciding again: a clear message, and nothing changes.
    let response = organiser.post_form(&approvals[0], &[]).await;
    assert_eq!(response.status(), 409);
    let page = Page::from_response(response).await;
    assert!(page.text(".error-summary").contains("already approved"));
    assert_eq!(going(&app).await, 2);

    // The family cancels: Ana, approved and waiting, moves up once.
    let own = family.page(&format!("/events/{event}")).await;
    let cancel = own
        .attr("form[action^='/rsvps/'][action$='/cancel']", "action")
        .unwrap();
    assert_eq!(family.post_form(&cancel, &[]).await.status(), 303);
    expect_one_email(&app, "ana@example.org", "Good news").await;
    assert_eq!(going(&app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn approving_many_replies_at_once_never_overbooks() {
    let app = spawn_app().await;
    let (organiser, event, occurrence) = approved_gathering(&app, "10").await;
    for n in 0..30 {
        // Thirty households, each on its own network.
        let device = Browser::on_network(&app, &format!("192.0.2.{n}"));
        let party = (n % 3 + 1).to_string();
        reply(
            &device,
            &event,
            &[
                ("how", "anonymous"),
                ("occurrence", &occurrence),
                ("party", &party),
            ],
        )
        .await;
    }
    let approvals = decisions(&organiser, &event, "approve").await;
    assert_eq!(approvals.len(), 30);
    let organiser = &organiser;
    let answers = futures_util::future::join_all(
        approvals
            .iter()
            .map(|action| async move { organiser.post_form(action, &[]).await.status() }),
    )
    .await;
    assert!(answers.iter().all(|s| *s == 303), "{answers:?}");

    let all = statuses(&app).await;
    let seated: i32 = all
        .iter()
        .filter(|(_, s)| *s == ReplyStatus::Going)
        .map(|(party, _)| party)
        .sum();
    assert_eq!(seated, going(&app).await, "the counter matches the replies");
    assert!(seated <= 10, "{seated} people seated for 10 places");
    assert!(seated >= 8, "approvals fill the date: {seated}");
    assert!(
        all.iter()
            .all(|(_, s)| *s == ReplyStatus::Going || *s == ReplyStatus::Waitlisted)
    );
    let remaining = rsvp::Entity::find()
        .filter(rsvp::Column::Status.eq("requested"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(remaining.is_empty());
}
