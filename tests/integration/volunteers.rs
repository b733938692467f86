//! Volunteer roles: slots are never exceeded under concurrency, withdrawing
//! frees the slot (and the seat), organisers define roles and see who.

use app::backend::{
    auth::session,
    entities::{occurrence, occurrence_seats, role_signup, role_slots, user, volunteer_role},
    volunteers::{self, RoleInput},
};
use app::domain::ids::{OccurrenceId, RoleId};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, TestApp, TestDatabaseKind, spawn_app};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

async fn gathering_with_role(app: &TestApp, slots: &str) -> (String, OccurrenceId, RoleId) {
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = Some(100);
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(created.event_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let role = RoleInput::parse("Cook", "Soup for 40", slots, "16:00", "18:00").unwrap();
    volunteers::add_role(&app.state.db, created.event_id, role)
        .await
        .unwrap();
    let role = volunteer_role::Entity::find()
        .filter(volunteer_role::Column::EventId.eq(created.event_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    (created.public_id, occurrence.id, role.id)
}

/// A signed-in person's session cookie, made as signing in would.
async fn session_for(app: &TestApp, n: usize) -> String {
    let person = user::ActiveModel {
        email: Set(format!("helper{n}@example.org")),
        display_name: Set(Some(format!("Helper {n}"))),
        locale: Set("en".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.state.db)
    .await
    .unwrap();
    session::start(&app.state.db, person.id).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_sign_ups_at_once_fill_five_slots_exactly() {
    let app = spawn_app().await;
    let (_, occurrence_id, role_id) = gathering_with_role(&app, "5").await;
    let second = match app.database.kind() {
        TestDatabaseKind::Postgres => Some(app.another_process().await),
        TestDatabaseKind::Sqlite => None,
    };
    let addresses: Vec<String> = std::iter::once(app.address.clone())
        .chain(second.iter().map(|p| p.address.clone()))
        .collect();
    let mut sessions = Vec::new();
    for n in 0..200 {
        sessions.push(session_for(&app, n).await);
    }
    let client = harness::client_for_a_crowd();
    let csrf = "c".repeat(43);
    let requests = sessions.iter().enumerate().map(|(n, session)| {
        let client = client.clone();
        let url = format!("{}/roles/{role_id}/signup", addresses[n % addresses.len()]);
        let cookie = format!("cg_csrf={csrf}; cg_session={session}");
        let body = format!("csrf={csrf}&occurrence={occurrence_id}");
        async move {
            client
                .post(url)
                .header("content-type", "application/x-www-form-urlencoded")
                .header("cookie", cookie)
                .body(body)
                .send()
                .await
                .map(|r| r.status().as_u16())
                .unwrap_or(599)
        }
    });
    let statuses = futures_util::future::join_all(requests).await;
    assert_eq!(
        statuses.iter().filter(|s| **s == 303).count(),
        5,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| *s == 303 || *s == 409),
        "no errors: {statuses:?}"
    );

    let active = role_signup::Entity::find()
        .filter(role_signup::Column::RoleId.eq(role_id))
        .filter(role_signup::Column::Status.eq("active"))
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(active.len(), 5);
    let counter = role_slots::Entity::find_by_id((role_id, occurrence_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(counter.taken, 5);
    // Volunteers count as coming.
    let seats = occurrence_seats::Entity::find_by_id(occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(seats.going, 5);
    drop(second);
}

#[tokio::test(flavor = "multi_thread")]
async fn withdrawing_frees_the_slot_and_only_the_volunteer_can_withdraw() {
    let app = spawn_app().await;
    let (event, occurrence_id, role_id) = gathering_with_role(&app, "1").await;
    let ana = Browser::new(&app);
    ana.sign_in(&app, "ana@example.org").await;
    let ben = Browser::new(&app);
    ben.sign_in(&app, "ben@example.org").await;
    let occurrence = occurrence_id.to_string();

    let page = ana.page(&format!("/events/{event}")).await;
    assert!(page.text("#volunteer").contains("1 open"));
    let response = ana
        .post_form(
            &format!("/roles/{role_id}/signup"),
            &[("occurrence", &occurrence)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let full = ben
        .post_form(
            &format!("/roles/{role_id}/signup"),
            &[("occurrence", &occurrence)],
        )
        .await;
    assert_eq!(full.status(), 409);
    assert!(
        harness::Page::from_response(full)
            .await
            .text("#volunteer .error-summary")
            .contains("taken")
    );

    let withdraw = ana
        .page(&format!("/events/{event}"))
        .await
        .attr("form[action$='/withdraw']", "action")
        .expect("Ana sees her sign-up");
    // Her sign-up is hers alone: neither Ben nor a reader without an
    // account is offered it.
    for other in [&ben, &Browser::new(&app)] {
        let page = other.page(&format!("/events/{event}")).await;
        assert!(page.text("#volunteer").contains("0 open"));
        assert_eq!(page.attr("form[action$='/withdraw']", "action"), None);
    }
    // Ben cannot withdraw Ana.
    assert_eq!(ben.post_form(&withdraw, &[]).await.status(), 404);
    assert_eq!(ana.post_form(&withdraw, &[]).await.status(), 303);
    let again = ben
        .post_form(
            &format!("/roles/{role_id}/signup"),
            &[("occurrence", &occurrence)],
        )
        .await;
    assert_eq!(again.status(), 303);
    // Volunteers see their role and shift among their gatherings.
    let mine = ben.page("/my").await.text(".date-list li");
    assert!(
        mine.contains("Cook") && mine.contains("16:00–18:00"),
        "{mine}"
    );

    // The public page shows counts, never who.
    let public = Browser::new(&app).page(&format!("/events/{event}")).await;
    assert!(public.text("#volunteer").contains("0 open"));
    assert!(!public.source.contains("ben@example.org"));
}

#[tokio::test(flavor = "multi_thread")]
async fn organisers_define_roles_through_the_form() {
    let app = spawn_app().await;
    let (organiser, _, event) =
        harness::organiser::with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let event = format!("/events/{event}");

    let bad = organiser
        .post_form(
            &format!("{event}/roles"),
            &[("role_name", ""), ("role_slots", "0")],
        )
        .await;
    assert_eq!(bad.status(), 422);
    let ok = organiser
        .post_form(
            &format!("{event}/roles"),
            &[("role_name", "Interpreter (Arabic)"), ("role_slots", "2")],
        )
        .await;
    assert_eq!(ok.status(), 303);
    let resident = Browser::new(&app);
    resident.sign_in(&app, "resident@example.org").await;
    let refused = resident
        .post_form(
            &format!("{event}/roles"),
            &[("role_name", "Spy"), ("role_slots", "1")],
        )
        .await;
    assert_eq!(refused.status(), 403);

    let page = Browser::new(&app).page(&event).await;
    assert!(page.text("#volunteer").contains("Interpreter (Arabic)"));
    assert!(page.text("#volunteer").contains("2 open"));
}
