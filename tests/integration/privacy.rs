//! Privacy over time: each date's guests are forgotten once its time is
//! up (and only that date's), an account is deleted completely, and "my
//! data" holds every row that names the person and nothing of anyone
//! else's — each proven by scanning every column of every table.

use app::backend::entities::{host, occurrence, occurrence_seats, rsvp, rsvp_cancel_link, user};
use app::backend::privacy::{export, forget, settings};
use app::domain::ids::OccurrenceId;
use app::domain::reply::ReplyStatus;
use app::i18n::Locale;
use chrono::Duration;
use harness::scan::{rows_containing, rows_of_account};
use harness::{Browser, TestApp, organiser::with_gathering, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

const LOCATION: &str = "52.52, 13.405";

async fn dates_of(app: &TestApp, event: &str) -> Vec<occurrence::Model> {
    let gathering = app::backend::gatherings::by_public_id(&app.state.db, event)
        .await
        .unwrap()
        .unwrap();
    occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(gathering.id))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn replies_to(app: &TestApp, date: OccurrenceId) -> Vec<rsvp::Model> {
    rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(date))
        .order_by_asc(rsvp::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
}

async fn going(app: &TestApp, date: OccurrenceId) -> i32 {
    occurrence_seats::Entity::find_by_id(date)
        .one(&app.state.db)
        .await
        .unwrap()
        .map_or(0, |s| s.going)
}

/// Replies to `date` of `event` with an email address and confirms it.
async fn reply_by_email(app: &TestApp, event: &str, date: OccurrenceId, email: &str, name: &str) {
    let guest = Browser::new(app);
    let response = guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "email"),
                ("occurrence", &date.to_string()),
                ("email", email),
                ("name", name),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let confirm = app.smtp.link_to(email, "/rsvps/confirm?token=").await;
    assert_eq!(guest.get(&confirm).await.status(), 303);
}

/// How many people the organisers' management page says are coming to
/// each date.
async fn attendee_counts(organiser: &Browser, event: &str) -> Vec<String> {
    let text = organiser
        .page(&format!("/events/{event}/manage"))
        .await
        .text("main");
    text.match_indices("Who is coming (")
        .map(|(at, _)| text[at..].split(')').next().unwrap().to_string())
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dates_guests_are_forgotten_after_its_time_while_the_next_date_keeps_its_own() {
    let app = spawn_app().await;
    let weekly = [
        ("repeat", "weekly"),
        ("ends", "after"),
        ("count", "2"),
        ("capacity", "10"),
    ];
    let (organiser, slug, event) =
        with_gathering(&app, "host@example.org", LOCATION, &weekly).await;
    let dates = dates_of(&app, &event).await;
    let (first, second) = (&dates[0], &dates[1]);

    reply_by_email(
        &app,
        &event,
        first.id,
        "ana.first@example.org",
        "Ana Firstdate",
    )
    .await;
    let device_guest = Browser::new(&app);
    let response = device_guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "anonymous"),
                ("occurrence", &first.id.to_string()),
                ("party", "2"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let member = Browser::new(&app);
    member.sign_in(&app, "cara.member@example.org").await;
    member
        .post_form("/account", &[("display_name", "Cara Membername")])
        .await;
    let response = member
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "account"), ("occurrence", &first.id.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    reply_by_email(
        &app,
        &event,
        second.id,
        "dana.second@example.org",
        "Dana Seconddate",
    )
    .await;

    // What identifies the first date's guests, read before it is erased.
    let first_replies = replies_to(&app, first.id).await;
    assert_eq!(first_replies.len(), 3);
    let mut secrets: Vec<String> = vec!["ana.first@example.org".into(), "Ana Firstdate".into()];
    for reply in &first_replies {
        secrets.extend(reply.device_hash.clone());
        secrets.extend(reply.confirm_hash.clone());
        secrets.push(reply.cancel_hash.clone());
    }
    // And the cancel links of their later emails ("You are coming").
    let later_links = rsvp_cancel_link::Entity::find()
        .filter(rsvp_cancel_link::Column::RsvpId.is_in(first_replies.iter().map(|r| r.id)))
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(!later_links.is_empty());
    secrets.extend(later_links.into_iter().map(|link| link.hash));
    let member_id = first_replies.iter().find_map(|r| r.user_id).unwrap();
    let counts_before = attendee_counts(&organiser, &event).await;
    let seats_before = going(&app, first.id).await;
    assert_eq!(seats_before, 4);

    // The management page and the guests' emails say when.
    let day = app::l10n::format::day(
        Locale::en,
        settings::forgotten_on(first.ends_at, 30)
            .with_timezone(&chrono_tz::Europe::Berlin)
            .date_naive(),
    );
    let manage = organiser.page(&format!("/events/{event}/manage")).await;
    assert!(
        manage.text("main").contains(&format!("kept until {day}")),
        "{}",
        manage.text("main")
    );
    let mail = app
        .smtp
        .wait_for_matching(
            |m| m.is_to("ana.first@example.org") && m.subject_starts("You are coming"),
            1,
            harness::smtp::MAIL_TIMEOUT,
        )
        .await;
    assert!(
        mail[0]
            .body("text/plain")
            .unwrap()
            .contains(&format!("erased on {day}"))
    );

    // Nothing happens before the time is up…
    let just_before = settings::forgotten_on(first.ends_at, 30) - Duration::minutes(1);
    assert_eq!(
        forget::forget_due(&app.state.db, just_before)
            .await
            .unwrap()
            .dates,
        0
    );

    // …then two processes run the housekeeping at once: the date is
    // forgotten exactly once.
    let at = settings::forgotten_on(first.ends_at, 30) + Duration::minutes(1);
    let other = server::db::connect(&app.database.url, 2).await.unwrap();
    let (one, two) = tokio::join!(
        forget::forget_due(&app.state.db, at),
        forget::forget_due(&other, at)
    );
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(one.dates + two.dates, 1, "{one:?} {two:?}");
    assert_eq!(one.replies + two.replies, 3);
    assert!(settings::last_run(&app.state.db).await.unwrap().is_some());

    for secret in &secrets {
        assert_eq!(
            rows_containing(&app.state.db, secret).await,
            Default::default(),
            "{secret} is still stored"
        );
    }
    // The member's account is still theirs, but no reply points at it.
    let still_pointing = rows_of_account(&app.state.db, member_id.0).await;
    assert_eq!(still_pointing.get("rsvps"), None, "{still_pointing:?}");

    // The second date of the same series keeps its guest.
    assert_eq!(
        rows_containing(&app.state.db, "dana.second@example.org")
            .await
            .get("rsvps"),
        Some(&1)
    );
    let second_now = occurrence::Entity::find_by_id(second.id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert!(second_now.guests_forgotten_at.is_none());

    // Figures do not change: seats, statuses, party sizes, the page.
    assert_eq!(going(&app, first.id).await, seats_before);
    let after: Vec<(ReplyStatus, i32)> = replies_to(&app, first.id)
        .await
        .iter()
        .map(|r| (r.status, r.party))
        .collect();
    let before: Vec<(ReplyStatus, i32)> =
        first_replies.iter().map(|r| (r.status, r.party)).collect();
    assert_eq!(after, before);
    assert_eq!(attendee_counts(&organiser, &event).await, counts_before);

    // A host may choose fewer days (three), never more than the site's.
    let privacy = format!("/hosts/{slug}/privacy");
    for wrong in ["31", "-1", "soon"] {
        let refused = organiser
            .post_form(&privacy, &[("forget_after_days", wrong)])
            .await;
        assert_eq!(refused.status(), 422, "{wrong}");
        let page = harness::Page::from_response(refused).await;
        assert!(
            page.text("#forget_after_days-error")
                .contains("from 0 to 30")
        );
    }
    let saved = organiser
        .post_form(&privacy, &[("forget_after_days", "3")])
        .await;
    assert_eq!(saved.status(), 303);
    let host = host::Entity::find()
        .filter(host::Column::Slug.eq(slug.as_str()))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(host.forget_guests_after_days, Some(3));
    assert_eq!(
        forget::forget_due(
            &app.state.db,
            settings::forgotten_on(second.ends_at, 3) - Duration::minutes(1)
        )
        .await
        .unwrap()
        .dates,
        0
    );
    let at = settings::forgotten_on(second.ends_at, 3) + Duration::minutes(1);
    assert_eq!(
        forget::forget_due(&app.state.db, at).await.unwrap().dates,
        1
    );
    assert_eq!(
        rows_containing(&app.state.db, "dana.second@example.org").await,
        Default::default()
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn deleting_an_account_leaves_nothing_of_the_person_and_moves_the_waiting_list_up() {
    let app = spawn_app().await;
    let (_, _, event) =
        with_gathering(&app, "host@example.org", LOCATION, &[("capacity", "1")]).await;
    let date = dates_of(&app, &event).await[0].id;

    // Eve holds the one seat; Finn and then Gus wait.
    let eve = Browser::new(&app);
    eve.sign_in(&app, "eve.leaving@example.org").await;
    eve.post_form("/account", &[("display_name", "Eve Leavingsoon")])
        .await;
    let response = eve
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "account"), ("occurrence", &date.to_string())],
        )
        .await;
    assert_eq!(response.status(), 303);
    reply_by_email(&app, &event, date, "finn@example.org", "Finn").await;
    reply_by_email(&app, &event, date, "gus@example.org", "Gus").await;
    let waiting: Vec<ReplyStatus> = replies_to(&app, date)
        .await
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        waiting,
        [
            ReplyStatus::Going,
            ReplyStatus::Waitlisted,
            ReplyStatus::Waitlisted
        ]
    );

    // The date moves: each guest is told, with a cancel link of their own.
    app::backend::replies::news::tell_everyone(
        &app.state.db,
        &app.state.public_url,
        date,
        app::backend::outbox::templates::DateNews::Moved,
    )
    .await
    .unwrap();
    let eves_reply = replies_to(&app, date).await[0].id;
    let eves_links = rsvp_cancel_link::Entity::find()
        .filter(rsvp_cancel_link::Column::RsvpId.eq(eves_reply))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(eves_links.len(), 1);

    // Eve owns a host alone: refused, with the reason, nothing changed.
    let eve_host = eve.create_host(&[("name", "Eve's kitchen")]).await;
    let eve_id = user::Entity::find()
        .filter(user::Column::Email.eq("eve.leaving@example.org"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let refused = eve
        .post_form("/account/delete", &[("confirm", "yes")])
        .await;
    assert_eq!(refused.status(), 409);
    let page = harness::Page::from_response(refused).await;
    assert!(
        page.text("main").contains("only owner of Eve's kitchen"),
        "{}",
        page.text("main")
    );
    assert!(
        user::Entity::find_by_id(eve_id)
            .one(&app.state.db)
            .await
            .unwrap()
            .is_some()
    );

    // Not ticked: refused too.
    let unticked = eve.post_form("/account/delete", &[]).await;
    assert_eq!(unticked.status(), 422);

    // She closes the host, then deletes her account.
    let closed = eve
        .post_form(&format!("/hosts/{eve_host}/close"), &[("confirm", "yes")])
        .await;
    assert_eq!(closed.status(), 303);
    let deleted = eve
        .post_form("/account/delete", &[("confirm", "yes")])
        .await;
    assert_eq!(deleted.status(), 303);
    assert_eq!(deleted.headers()["location"], "/account/deleted");
    assert_eq!(
        eve.get("/account/data.json").await.status(),
        303,
        "signed out"
    );

    // Nothing names her any more, nor leads to her reply.
    for link in &eves_links {
        assert_eq!(
            rows_containing(&app.state.db, &link.hash).await,
            Default::default(),
            "her cancel link is still stored"
        );
    }
    for needle in ["eve.leaving@example.org", "Eve Leavingsoon"] {
        assert_eq!(
            rows_containing(&app.state.db, needle).await,
            Default::default(),
            "{needle}"
        );
    }
    assert_eq!(
        rows_of_account(&app.state.db, eve_id.0).await,
        Default::default()
    );

    // Her seat went to Finn (first in line), Gus still waits, and
    // Finn was told.
    let now: Vec<ReplyStatus> = replies_to(&app, date)
        .await
        .iter()
        .map(|r| r.status)
        .collect();
    assert_eq!(
        now,
        [
            ReplyStatus::Cancelled,
            ReplyStatus::Going,
            ReplyStatus::Waitlisted
        ]
    );
    app.smtp
        .wait_for_matching(
            |m| m.is_to("finn@example.org") && m.subject_starts("Good news"),
            1,
            harness::smtp::MAIL_TIMEOUT,
        )
        .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn my_data_holds_every_row_that_names_me_and_nothing_of_anyone_else() {
    let app = spawn_app().await;
    let (organiser, slug, event) =
        with_gathering(&app, "olga.organiser@example.org", LOCATION, &[]).await;
    organiser
        .post_form("/account", &[("display_name", "Olga Organiser")])
        .await;
    let date = dates_of(&app, &event).await[0].id;
    // Olga replies to her own gathering, invites a teammate, downloads the
    // list; another guest replies too.
    organiser
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "account"), ("occurrence", &date.to_string())],
        )
        .await;
    organiser
        .post_form(
            &format!("/hosts/{slug}/team/invite"),
            &[
                ("email", "tomas.teammate@example.org"),
                ("role", "organiser"),
            ],
        )
        .await;
    reply_by_email(
        &app,
        &event,
        date,
        "zoe.other@example.org",
        "Zoe Otherperson",
    )
    .await;
    let csv = organiser
        .get(&format!("/events/{event}/dates/{date}/attendees.csv"))
        .await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    assert!(
        csv.lines().next().unwrap().contains("Delete this list by"),
        "{csv}"
    );

    let response = organiser.get("/account/data.json").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("attachment")
    );
    let text = response.text().await.unwrap();
    let data: app::views::privacy::MyData = serde_json::from_str(&text).unwrap();

    // Every row that names her, by address or by account, is in it.
    let olga = user::Entity::find()
        .filter(user::Column::Email.eq("olga.organiser@example.org"))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let by_address = rows_containing(&app.state.db, "olga.organiser@example.org").await;
    let by_account = rows_of_account(&app.state.db, olga.id.0).await;
    let exported = [
        ("users", usize::from(data.account.is_some())),
        ("sessions", data.sessions.len()),
        ("rsvps", data.replies.len()),
        ("host_members", data.hosts.len()),
        ("host_invitations", data.team_invitations_sent.len()),
        (
            "attendee_list_downloads",
            data.attendee_list_downloads.len(),
        ),
        ("sign_in_links", data.sign_in_links.len()),
        ("outbox", data.emails.len()),
    ];
    for (table, n) in exported {
        let in_database = by_address
            .get(table)
            .copied()
            .unwrap_or(0)
            .max(by_account.get(table).copied().unwrap_or(0));
        assert_eq!(n, in_database, "{table}: {by_address:?} {by_account:?}");
    }
    for table in by_address.keys().chain(by_account.keys()) {
        assert!(
            exported.iter().any(|(t, _)| t == table),
            "{table} is not exported"
        );
    }
    // And nothing of Zoe's.
    assert!(!text.contains("zoe.other@example.org") && !text.contains("Zoe Otherperson"));
    // The readable page shows the same.
    let page = organiser.page("/account/data").await;
    assert!(page.text("main").contains("Soup night"));
    assert!(page.text("main").contains("tomas.teammate@example.org"));
    let same = export::of_account(&app.state.db, olga.id, "en")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(same.replies.len(), data.replies.len());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guest_without_an_account_sees_what_is_held_about_their_address_by_a_link() {
    let app = spawn_app().await;
    let (_, _, event) = with_gathering(&app, "host@example.org", LOCATION, &[]).await;
    let date = dates_of(&app, &event).await[0].id;
    reply_by_email(&app, &event, date, "hana.guest@example.org", "Hana Guest").await;

    let guest = Browser::new(&app);
    let asked = guest
        .post_form("/my-data", &[("email", "hana.guest@example.org")])
        .await;
    assert_eq!(asked.status(), 303);
    assert_eq!(asked.headers()["location"], "/my-data?sent=1");
    // An address nobody used gets the same answer.
    let unknown = Browser::new(&app)
        .post_form("/my-data", &[("email", "nobody@example.org")])
        .await;
    assert_eq!(unknown.headers()["location"], "/my-data?sent=1");
    // Asking again and again for one address stops after five in 15
    // minutes (each would be an email to that inbox).
    let flood = Browser::new(&app);
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let answer = flood
            .post_form("/my-data", &[("email", "victim@example.org")])
            .await;
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses, [303, 303, 303, 303, 303, 429, 429, 429]);
    // Not an address: a clear message, nothing sent.
    let wrong = Browser::new(&app)
        .post_form("/my-data", &[("email", "not an address")])
        .await;
    assert_eq!(wrong.status(), 422);

    let link = app
        .smtp
        .link_to("hana.guest@example.org", "/my-data?token=")
        .await;
    let page = guest.page(&link).await;
    assert!(
        page.text("main").contains("Soup night"),
        "{}",
        page.text("main")
    );
    assert!(page.text("main").contains("Hana Guest"));
    let json = link.replacen("/my-data?", "/my-data.json?", 1);
    let data: app::views::privacy::MyData =
        serde_json::from_str(&guest.get(&json).await.text().await.unwrap()).unwrap();
    assert_eq!(data.replies.len(), 1);
    assert!(data.account.is_none());
    // A made-up token opens nothing.
    assert_eq!(guest.get("/my-data.json?token=madeup").await.status(), 404);
    let page = guest.page("/my-data?token=madeup").await;
    assert!(page.text("main").contains("no longer works"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_privacy_page_says_what_this_installation_is_set_to() {
    let app = spawn_app().await;
    let page = app.page("/privacy").await;
    assert_eq!(page.status, 200);
    assert!(
        page.text("main").contains("30 days after each date"),
        "{}",
        page.text("main")
    );
    settings::set_forget_after_days(&app.state.db, 7)
        .await
        .unwrap()
        .unwrap();
    let page = app.page("/privacy").await;
    assert!(page.text("main").contains("7 days after each date"));
    assert!(page.text("main").contains("tile.openstreetmap.org"));
    let de = app.page_in("de", "/privacy").await;
    assert!(
        de.text("main").contains("7 Tage nach jedem Termin"),
        "{}",
        de.text("main")
    );
    // Out of range is refused and changes nothing.
    assert!(
        settings::set_forget_after_days(&app.state.db, 400)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(settings::forget_after_days(&app.state.db).await.unwrap(), 7);
}
