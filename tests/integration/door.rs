//! At the door: an organiser and a volunteer of a role "at the door" check
//! a family in by its door code and by name, count walk-ins, and the
//! organisers see who came on the management page and in the CSV. The
//! helper never sees the list; everyone else is refused and changes
//! nothing. The same check-in from two phones at once, or a walk-in tap
//! sent many times, counts once, on both databases.

use app::backend::door::code;
use app::backend::entities::{occurrence, occurrence_seats, rsvp, volunteer_role, walk_in};
use app::domain::ids::OccurrenceId;
use harness::organiser::with_gathering;
use harness::{Browser, TestApp, TestDatabaseKind, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::Duration;

/// A gathering with a role at the door, a family of three coming (replied
/// with an account named "Amal Haddad"), and a volunteer signed up in the
/// door role.
struct Door {
    organiser: Browser,
    helper: Browser,
    family: Browser,
    event: String,
    date: OccurrenceId,
    reply: rsvp::Model,
}

impl Door {
    fn page(&self) -> String {
        format!("/events/{}/dates/{}/door", self.event, self.date)
    }

    async fn reply_now(&self, app: &TestApp) -> rsvp::Model {
        rsvp::Entity::find_by_id(self.reply.id)
            .one(&app.state.db)
            .await
            .unwrap()
            .unwrap()
    }
}

async fn door(app: &TestApp) -> Door {
    let (organiser, _, event) = with_gathering(
        app,
        "organiser@example.org",
        "52.5200, 13.4050",
        &[("capacity", "40")],
    )
    .await;
    let added = organiser
        .post_form(
            &format!("/events/{event}/roles"),
            &[
                ("role_name", "Welcomer"),
                ("role_slots", "2"),
                ("role_at_door", "1"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let db = &app.state.db;
    let role = volunteer_role::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    assert!(role.at_door, "the checkbox marks the role as at the door");
    let date = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(role.event_id))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;

    let family = Browser::new(app);
    family.sign_in(app, "amal@example.org").await;
    let named = family
        .post_form("/account", &[("display_name", "Amal Haddad")])
        .await;
    assert_eq!(named.status(), 303);
    let replied = family
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "account"),
                ("occurrence", &date.to_string()),
                ("party", "3"),
            ],
        )
        .await;
    assert_eq!(replied.status(), 303, "{}", replied.text().await.unwrap());
    let reply = rsvp::Entity::find().one(db).await.unwrap().unwrap();
    assert_eq!(reply.party, 3);

    let helper = Browser::new(app);
    helper.sign_in(app, "welcomer@example.org").await;
    let signed_up = helper
        .post_form(
            &format!("/roles/{}/signup", role.id),
            &[("occurrence", &date.to_string())],
        )
        .await;
    assert_eq!(signed_up.status(), 303);
    // Signing up alone opens nothing: anyone signed in may sign up.
    let page = format!("/events/{event}/dates/{date}/door");
    assert_eq!(helper.get(&page).await.status(), 403);
    let manage = organiser.page(&format!("/events/{event}/manage")).await;
    let let_in = manage.attrs("form[action*='/door-helpers/']", "action");
    assert_eq!(let_in.len(), 1, "one volunteer at the door to let in");
    let allowed = organiser.post_form(&let_in[0], &[("allow", "1")]).await;
    assert_eq!(allowed.status(), 303);
    assert_eq!(helper.get(&page).await.status(), 200);
    Door {
        organiser,
        helper,
        family,
        event,
        date,
        reply,
    }
}

#[tokio::test]
async fn a_helper_at_the_door_checks_a_family_in_by_code_and_counts_walk_ins() {
    let app = spawn_app().await;
    let door = door(&app).await;
    let db = &app.state.db;
    let seats_before = occurrence_seats::Entity::find_by_id(door.date)
        .one(db)
        .await
        .unwrap();
    let code = code::of(&door.reply.public_id);
    // The "you are coming" email and "My gatherings" carry the code.
    app.state.outbox.ring();
    let coming = app
        .smtp
        .wait_for_matching(
            |m| m.is_to("amal@example.org") && m.subject_starts("You are coming"),
            1,
            Duration::from_secs(10),
        )
        .await;
    let text = coming[0].body("text/plain").unwrap_or_default();
    assert!(
        text.contains(&format!("give this code (or show this email): {code}")),
        "{text}"
    );
    let mine = door.family.page("/my").await;
    assert!(
        mine.text("main")
            .contains(&format!("your code at the door: {code}")),
        "{}",
        mine.text("main")
    );
    // Both carry it as a QR code of the door page with the code looked up
    // (the browser test scans one): an SVG on the page, a table in the
    // email, as mail programs drop SVG.
    let label = format!("QR code of your code for the door: {code}");
    assert_eq!(
        mine.attrs("details.door-qr [role=img]", "aria-label"),
        vec![label.clone()]
    );
    assert!(mine.has("details.door-qr svg path"));
    let html = coming[0].body("text/html").unwrap_or_default();
    assert!(
        html.contains(&format!("<table role=\"img\" aria-label=\"{label}\"")),
        "{html}"
    );

    // Typed in lower case with a dash, as read out at the door.
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    let page = door
        .helper
        .page(&format!("{}?q={typed}", door.page()))
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(
        page.texts("li strong"),
        vec!["Amal Haddad"],
        "{}",
        page.text("main")
    );
    assert!(page.text("li").contains(&code), "{}", page.text("li"));
    assert!(!page.has("dl.figures"), "a helper sees no figures");

    // Names: too short, then found; never the list.
    let short = door.helper.page(&format!("{}?q=Am", door.page())).await;
    assert!(short.text("[role=alert]").contains("at least 3 letters"));
    let by_name = door.helper.page(&format!("{}?q=haddad", door.page())).await;
    assert_eq!(by_name.texts("li strong"), vec!["Amal Haddad"]);
    let manage = door
        .helper
        .get(&format!("/events/{}/manage", door.event))
        .await;
    assert_eq!(manage.status(), 403, "a helper cannot open the list");

    // Two of the three came; sent twice, it counts once.
    let check_in = format!("{}/check-in", door.page());
    let fields = [("reply", door.reply.public_id.as_str()), ("people", "2")];
    for _ in 0..2 {
        let checked = door.helper.post_form(&check_in, &fields).await;
        assert_eq!(checked.status(), 303);
    }
    assert_eq!(door.reply_now(&app).await.checked_in, Some(2));
    let after = door
        .helper
        .page(&format!("{}?q={code}&done=in", door.page()))
        .await;
    assert!(after.text("[role=status]").contains("Checked in"));
    assert!(after.text("li").contains("Checked in: 2 of 3"));

    // More people than the party: refused, nothing changed.
    let too_many = door
        .helper
        .post_form(
            &check_in,
            &[("reply", door.reply.public_id.as_str()), ("people", "4")],
        )
        .await;
    assert_eq!(too_many.status(), 422);
    let refused = harness::Page::from_response(too_many).await;
    assert!(
        refused
            .text(".error-summary")
            .contains("between 1 and 3 people"),
        "{}",
        refused.text(".error-summary")
    );
    assert_eq!(door.reply_now(&app).await.checked_in, Some(2));

    // Walk-ins: the same tap twice counts once; another tap counts.
    let walk_ins = format!("{}/walk-ins", door.page());
    for _ in 0..2 {
        let counted = door
            .helper
            .post_form(
                &walk_ins,
                &[("key", "tap-one-aaaaaaaaaaaa"), ("people", "1")],
            )
            .await;
        assert_eq!(counted.status(), 303);
    }
    let counted = door
        .helper
        .post_form(
            &walk_ins,
            &[("key", "tap-two-bbbbbbbbbbbb"), ("people", "3")],
        )
        .await;
    assert_eq!(counted.status(), 303);
    let bad = door
        .helper
        .post_form(
            &walk_ins,
            &[("key", "tap-three-cccccccccc"), ("people", "0")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let rows = walk_in::Entity::find().all(db).await.unwrap();
    assert_eq!(rows.iter().map(|row| row.people).sum::<i32>(), 4);

    // The organiser sees who came, on the door page, the management page
    // and in the list to download.
    let figures = door.organiser.page(&door.page()).await;
    assert_eq!(figures.texts("dl.figures dd"), vec!["3", "2", "4", "1"]);
    let manage = door
        .organiser
        .page(&format!("/events/{}/manage", door.event))
        .await;
    assert!(
        manage.text("main").contains(
            "Replied as coming: 3 · checked in: 2 · came without replying: 4 · not checked in: 1"
        ),
        "{}",
        manage.text("main")
    );
    assert!(manage.text("main").contains("checked in: 2"));
    let csv = door
        .organiser
        .get(&format!(
            "/events/{}/dates/{}/attendees.csv",
            door.event, door.date
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(csv.contains("name,party,status,checked_in"), "{csv}");
    assert!(csv.contains("\"Amal Haddad\",3,\"going\",2"), "{csv}");

    // Undo; seats and the waiting list were never touched.
    let undone = door
        .organiser
        .post_form(
            &format!("{}/undo", door.page()),
            &[("reply", door.reply.public_id.as_str())],
        )
        .await;
    assert_eq!(undone.status(), 303);
    assert_eq!(door.reply_now(&app).await.checked_in, None);
    let seats_after = occurrence_seats::Entity::find_by_id(door.date)
        .one(db)
        .await
        .unwrap();
    assert_eq!(seats_after, seats_before);
}

#[tokio::test]
async fn nobody_else_opens_the_door_or_changes_anything() {
    let app = spawn_app().await;
    let door = door(&app).await;
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    let anonymous = Browser::new(&app);
    let check_in = format!("{}/check-in", door.page());
    let fields = [("reply", door.reply.public_id.as_str()), ("people", "3")];

    // The guest themself, someone signed in, and someone not signed in.
    // Pages send someone not signed in to sign in (302), form posts too (303).
    for (visitor, page_status, expected) in [
        (&door.family, 403, 403),
        (&stranger, 403, 403),
        (&anonymous, 302, 303),
    ] {
        let page = visitor.get(&door.page()).await;
        assert_eq!(page.status(), page_status);
        let posted = visitor.post_form(&check_in, &fields).await;
        assert_eq!(posted.status(), expected);
        let walked = visitor
            .post_form(
                &format!("{}/walk-ins", door.page()),
                &[("key", "stranger-tap-aaaaaaaa"), ("people", "50")],
            )
            .await;
        assert_eq!(walked.status(), expected);
    }
    if let Some(location) = anonymous.get(&door.page()).await.headers().get("location") {
        assert!(location.to_str().unwrap().starts_with("/sign-in"));
    }
    assert_eq!(door.reply_now(&app).await.checked_in, None);
    assert!(
        walk_in::Entity::find()
            .all(&app.state.db)
            .await
            .unwrap()
            .is_empty()
    );

    // Another date's reply cannot be checked in through this door.
    let wrong = door
        .organiser
        .post_form(
            &format!(
                "/events/{}/dates/{}/door/check-in",
                door.event,
                door.date.0 + 1000
            ),
            &fields,
        )
        .await;
    assert_eq!(wrong.status(), 404);

    // An organiser stops the helper: the door is closed to them again.
    let manage = door
        .organiser
        .page(&format!("/events/{}/manage", door.event))
        .await;
    let stop = manage.attrs("form[action*='/door-helpers/']", "action");
    let stopped = door.organiser.post_form(&stop[0], &[("allow", "")]).await;
    assert_eq!(stopped.status(), 303);
    assert_eq!(door.helper.get(&door.page()).await.status(), 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_check_in_from_two_phones_at_once_counts_once() {
    let app = spawn_app().await;
    let door = door(&app).await;
    let second = match app.database.kind() {
        TestDatabaseKind::Postgres => Some(app.another_process().await),
        TestDatabaseKind::Sqlite => None,
    };
    let addresses: Vec<String> = std::iter::once(app.address.clone())
        .chain(second.iter().map(|p| p.address.clone()))
        .collect();
    let client = harness::client_for_a_crowd();
    let csrf = "c".repeat(43);
    // The organiser's phone and the helper's, each sending the same
    // check-in and the same walk-in tap 20 times (an offline queue
    // flushed again and again), to both processes.
    let phones = [&door.organiser, &door.helper].map(|phone| {
        format!(
            "cg_csrf={csrf}; cg_session={}",
            phone.cookie("cg_session").expect("signed in")
        )
    });
    let mut requests = Vec::new();
    for n in 0..40 {
        let cookie = phones[n % 2].clone();
        let base = format!("{}{}", addresses[n % addresses.len()], door.page());
        let (path, body) = if n % 4 < 2 {
            (
                format!("{base}/check-in"),
                format!("csrf={csrf}&reply={}&people=3", door.reply.public_id),
            )
        } else {
            (
                format!("{base}/walk-ins"),
                format!("csrf={csrf}&key=queued-tap-aaaaaaaaaaaa&people=2"),
            )
        };
        let client = client.clone();
        requests.push(async move {
            client
                .post(path)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(599)
        });
    }
    let statuses = futures_util::future::join_all(requests).await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(door.reply_now(&app).await.checked_in, Some(3));
    let figures = door.organiser.page(&door.page()).await;
    assert_eq!(figures.texts("dl.figures dd"), vec!["3", "3", "2", "0"]);
}

#[tokio::test]
async fn a_code_checks_in_straight_away_and_a_wrong_one_changes_nothing() {
    let app = spawn_app().await;
    let door = door(&app).await;
    let check_in = format!("{}/check-in", door.page());
    let code = code::of(&door.reply.public_id);

    // A code nobody has (or that cannot be one): refused by its field,
    // nothing checked in.
    for wrong in ["AAAAAA", "\"><i>pwn</i>"] {
        let refused = door
            .helper
            .post_form(&check_in, &[("code", wrong), ("people", "")])
            .await;
        assert_eq!(refused.status(), 422);
        let page = harness::page::Page::from_response(refused).await;
        assert!(
            page.text("#door-code-error")
                .contains("No reply coming to this date has this code"),
            "{}",
            page.text("main")
        );
        assert!(!page.source.contains("<i>pwn</i>"), "typed text is escaped");
    }
    assert_eq!(door.reply_now(&app).await.checked_in, None);

    // As read out, people left empty: the whole party, once however often
    // it is sent (a phone sending what it kept without signal).
    let typed = format!("{}-{}", &code[..3], &code[3..]).to_lowercase();
    for _ in 0..3 {
        let checked = door
            .helper
            .post_form(&check_in, &[("code", typed.as_str()), ("people", "")])
            .await;
        assert_eq!(checked.status(), 303);
        let location = checked.headers()["location"].to_str().unwrap().to_string();
        assert!(
            location.ends_with(&format!("?q={typed}&done=in")),
            "{location}"
        );
    }
    assert_eq!(door.reply_now(&app).await.checked_in, Some(3));
    // More than the party, by code: refused by its field.
    let too_many = door
        .helper
        .post_form(&check_in, &[("code", code.as_str()), ("people", "4")])
        .await;
    assert_eq!(too_many.status(), 422);
    let page = harness::page::Page::from_response(too_many).await;
    assert!(page.has("#door-code-people[aria-invalid=true]"));
    assert_eq!(door.reply_now(&app).await.checked_in, Some(3));
}

#[tokio::test]
async fn two_days_after_a_date_its_door_takes_no_more_changes() {
    let app = spawn_app().await;
    let door = door(&app).await;
    let db = &app.state.db;
    let code = code::of(&door.reply.public_id);
    let checked = door
        .organiser
        .post_form(
            &format!("{}/check-in", door.page()),
            &[("code", &code), ("people", "2")],
        )
        .await;
    assert_eq!(checked.status(), 303);
    // The same date, as if it had ended three days ago.
    let ended = chrono::Utc::now() - chrono::Duration::days(3);
    let mut date: occurrence::ActiveModel = occurrence::Entity::find_by_id(door.date)
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .into();
    date.starts_at = sea_orm::Set(ended - chrono::Duration::hours(2));
    date.ends_at = sea_orm::Set(ended);
    sea_orm::ActiveModelTrait::update(date, db).await.unwrap();

    let writes = [
        ("check-in", vec![("code", code.as_str()), ("people", "3")]),
        ("undo", vec![("reply", door.reply.public_id.as_str())]),
        (
            "walk-ins",
            vec![("key", "late-walk-in-key-0001"), ("people", "5")],
        ),
    ];
    for (write, fields) in writes {
        let refused = door
            .organiser
            .post_form(&format!("{}/{write}", door.page()), &fields)
            .await;
        assert_eq!(refused.status(), 422, "{write}");
        let page = harness::page::Page::from_response(refused).await;
        assert!(
            page.text("main").contains("closed two days after it ended"),
            "{write}"
        );
    }
    assert_eq!(door.reply_now(&app).await.checked_in, Some(2));
    assert!(walk_in::Entity::find().all(db).await.unwrap().is_empty());
    // Organisers still read what came of it.
    assert_eq!(door.organiser.get(&door.page()).await.status(), 200);
}
