//! Trust and safety: anyone reports, moderators hide and undo, hosts and
//! accounts are suspended and restored — and what is hidden is gone from
//! every public place at once, with its owners told why.

use app::backend::entities::{event, moderation_case, moderation_log, occurrence, report};
use app::backend::moderation::roles;
use app::domain::email_address::EmailAddress;
use app::domain::moderation::SiteRole;
use app::domain::status::GatheringStatus;
use harness::organiser::with_gathering;
use harness::{Browser, TestApp, scan, spawn_app};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::Value;

/// A signed-in moderator (or administrator).
async fn moderator(app: &TestApp, email: &str, role: SiteRole) -> Browser {
    let address = EmailAddress::parse(email).unwrap();
    roles::grant(&app.state.db, &address, role).await.unwrap();
    let person = Browser::new(app);
    person.sign_in(app, email).await;
    person
}

async fn found_near_berlin(app: &TestApp, public_id: &str) -> bool {
    let response = app
        .get("/api/v1/search?near=52.52,13.405&radius=25&lang=en")
        .await;
    assert_eq!(response.status(), 200);
    let found: Value = response.json().await.unwrap();
    found.to_string().contains(public_id)
}

async fn count<E: EntityTrait>(app: &TestApp) -> u64
where
    E::Model: Sync,
{
    E::find().count(&app.state.db).await.unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_report_from_anyone_lets_a_moderator_take_a_gathering_down_everywhere_and_back() {
    let app = spawn_app().await;
    let (organiser, slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let page = format!("/events/{soup}");
    assert!(found_near_berlin(&app, &soup).await);

    // A resident without an account reports it; the page has the form.
    let resident = Browser::new(&app);
    let form = resident.page(&page).await;
    assert_eq!(
        form.attr("#report form", "action").as_deref(),
        Some(format!("/events/{soup}/report").as_str())
    );
    let refused = resident
        .post_form(
            &format!("{page}/report"),
            &[("report_details", "no reason")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(
        refused
            .text()
            .await
            .unwrap()
            .contains("Choose why you are reporting this.")
    );
    assert_eq!(count::<report::Entity>(&app).await, 0, "nothing stored");
    let sent = resident
        .post_form(
            &format!("{page}/report"),
            &[
                ("report_reason", "hateful"),
                ("report_details", "<script>alert(1)</script> hateful words"),
            ],
        )
        .await;
    assert_eq!(sent.status(), 303);
    let thanks = resident.page(&format!("{page}?reported=1")).await;
    assert!(thanks.text("#report .notice").contains("Thank you"));

    // A signed-in neighbour reports it too: the same case, and nothing
    // anywhere says who reported.
    let neighbour = Browser::new(&app);
    neighbour.sign_in(&app, "neighbour@example.org").await;
    let sent = neighbour
        .post_form(&format!("{page}/report"), &[("report_reason", "unsafe")])
        .await;
    assert_eq!(sent.status(), 303);
    assert_eq!(count::<moderation_case::Entity>(&app).await, 1, "grouped");
    assert_eq!(count::<report::Entity>(&app).await, 2);
    let traces = scan::rows_containing(&app.state.db, "neighbour@example.org").await;
    assert!(
        traces
            .keys()
            .all(|table| ["users", "sign_in_links", "outbox"].contains(&table.as_str())),
        "{traces:?}"
    );

    // Nobody but a moderator sees the queue or acts on it.
    assert_eq!(neighbour.get("/moderation").await.status(), 403);
    assert_eq!(organiser.get("/moderation").await.status(), 403);
    let hide = format!("/moderation/gatherings/{soup}/hide");
    for someone in [&resident, &neighbour, &organiser] {
        let response = someone.post_form(&hide, &[("reason", "mine")]).await;
        assert!(
            [303, 403].contains(&response.status().as_u16()),
            "{}",
            response.status()
        );
        if response.status() == 303 {
            let to = response.headers()["location"].to_str().unwrap().to_string();
            assert!(to.starts_with("/sign-in"), "{to}");
        }
    }
    assert_eq!(app.get(&page).await.status(), 200, "still public");

    let mods = moderator(&app, "mod@example.org", SiteRole::Moderator).await;
    let queue = mods.page("/moderation").await;
    assert_eq!(queue.status, 200);
    assert!(queue.source.contains("Soup night"), "{}", queue.source);
    assert!(queue.source.contains("Reports: 2"));
    let case_id = moderation_case::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let case = mods.page(&format!("/moderation/cases/{case_id}")).await;
    assert!(
        case.source
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; hateful words")
    );
    assert!(!case.source.contains("<script>alert(1)"));
    assert!(case.source.contains("Hateful or harassing"));

    // A reason is required; then it is hidden.
    let refused = mods
        .post_form(&hide, &[("reason", " "), ("case", &case_id.to_string())])
        .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(app.get(&page).await.status(), 200, "refused: unchanged");
    let hidden = mods
        .post_form(
            &hide,
            &[
                ("reason", "Hateful words <b>in</b> the description"),
                ("case", &case_id.to_string()),
            ],
        )
        .await;
    assert_eq!(hidden.status(), 303);
    assert_eq!(
        hidden.headers()["location"],
        format!("/moderation/cases/{case_id}").as_str()
    );

    // Gone from everywhere the public looks.
    let gone = app.page(&page).await;
    assert_eq!(gone.status, 410);
    assert!(gone.text("h1").contains("removed"));
    assert!(!gone.source.contains("Soup night"));
    assert!(!found_near_berlin(&app, &soup).await);
    assert_eq!(app.get(&format!("{page}/calendar.ics")).await.status(), 404);
    assert_eq!(
        app.get(&format!("/api/v1/gatherings/{soup}"))
            .await
            .status(),
        410
    );
    let feed = app
        .get(&format!("/hosts/{slug}/feed.atom"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!feed.contains(&soup));
    let host_page = app.page(&format!("/hosts/{slug}")).await;
    assert!(!host_page.source.contains("Soup night"));
    // Its team still sees it, saying why only they do.
    let own = organiser.page(&page).await;
    assert_eq!(own.status, 200);
    assert!(own.source.contains("Hidden by the moderators."));
    assert!(!own.source.contains("application/ld+json"));
    // Its owners are told, with the reason, in their language.
    let told = app
        .smtp
        .expect_exactly_matching(
            |m| m.is_to("host@example.org") && m.subject_starts("Your gathering has been hidden"),
            1,
        )
        .await;
    let text = told[0].body("text/plain").unwrap();
    assert!(
        text.contains("Hateful words <b>in</b> the description"),
        "{text}"
    );
    let html = told[0].body("text/html").unwrap();
    assert!(!html.contains("<b>in</b>"), "escaped in HTML");
    // Replies to it are refused while it is hidden.
    let reply = resident
        .post_form(
            &format!("{page}/rsvp"),
            &[("mode", "device"), ("party", "1")],
        )
        .await;
    assert!(reply.status().is_client_error(), "{}", reply.status());
    // The log says who, what and why.
    let log = moderation_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].actor, "mod@example.org");
    assert_eq!(log[0].action, "hide_gathering");
    assert!(log[0].subject.contains(&soup));

    // Undo: back everywhere.
    let shown = mods
        .post_form(
            &format!("/moderation/gatherings/{soup}/show"),
            &[
                ("reason", "Edited by the host"),
                ("case", &case_id.to_string()),
            ],
        )
        .await;
    assert_eq!(shown.status(), 303);
    assert_eq!(app.get(&page).await.status(), 200);
    assert!(found_near_berlin(&app, &soup).await);
    assert_eq!(
        app.get(&format!("/api/v1/gatherings/{soup}"))
            .await
            .status(),
        200
    );
    app.smtp
        .expect_exactly_matching(
            |m| m.is_to("host@example.org") && m.subject_starts("Your gathering is shown again"),
            1,
        )
        .await;

    // The case is closed; a new report opens a new one.
    let closed = mods
        .post_form(&format!("/moderation/cases/{case_id}/close"), &[])
        .await;
    assert_eq!(closed.status(), 303);
    resident
        .post_form(&format!("{page}/report"), &[("report_reason", "spam")])
        .await;
    assert_eq!(count::<moderation_case::Entity>(&app).await, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_suspended_host_disappears_with_its_gatherings_and_its_team_cannot_act() {
    let app = spawn_app().await;
    let (organiser, slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let mods = moderator(&app, "mod@example.org", SiteRole::Administrator).await;
    let host_page = format!("/hosts/{slug}");
    let reported = Browser::new(&app)
        .post_form(
            &format!("{host_page}/report"),
            &[("report_reason", "misleading")],
        )
        .await;
    assert_eq!(reported.status(), 303);

    let suspended = mods
        .post_form(
            &format!("/moderation/hosts/{slug}/suspend"),
            &[("reason", "Pretends to be the city")],
        )
        .await;
    assert_eq!(suspended.status(), 303);
    assert_eq!(app.page(&host_page).await.status, 410);
    assert_eq!(app.page(&format!("/events/{soup}")).await.status, 410);
    assert!(!found_near_berlin(&app, &soup).await);
    assert_eq!(
        app.get(&format!("{host_page}/calendar.ics")).await.status(),
        404
    );
    assert_eq!(
        app.get(&format!("/widget/hosts/{slug}")).await.status(),
        404
    );
    // The team can change nothing.
    let start = harness::organiser::start_date();
    let fields = harness::organiser::soup_night(&start, "52.52, 13.405");
    let refused = organiser
        .post_form(&format!("{host_page}/gatherings/new"), &fields)
        .await;
    assert_eq!(refused.status(), 403);
    app.smtp
        .expect_exactly_matching(
            |m| {
                m.is_to("host@example.org") && m.subject_starts("Your host page has been suspended")
            },
            1,
        )
        .await;

    let restored = mods
        .post_form(
            &format!("/moderation/hosts/{slug}/restore"),
            &[("reason", "Confirmed by the city")],
        )
        .await;
    assert_eq!(restored.status(), 303);
    assert_eq!(app.page(&host_page).await.status, 200);
    assert_eq!(app.page(&format!("/events/{soup}")).await.status, 200);
    assert!(found_near_berlin(&app, &soup).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_suspended_account_is_signed_out_and_cannot_sign_in_again() {
    let app = spawn_app().await;
    let (organiser, _slug, _soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let mods = moderator(&app, "mod@example.org", SiteRole::Moderator).await;
    let host_id = app::backend::entities::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "host@example.org")
        .unwrap()
        .id;
    assert_eq!(organiser.get("/account").await.status(), 200);

    let suspended = mods
        .post_form(
            &format!("/moderation/accounts/{host_id}/suspend"),
            &[("reason", "Spam from this account")],
        )
        .await;
    assert_eq!(suspended.status(), 303);
    // Its session is over, and a new sign-in link is refused.
    let account = organiser.get("/account").await;
    assert_ne!(account.status(), 200);
    let link = organiser
        .request_sign_in_link(&app, "host@example.org")
        .await;
    let refused = organiser.get(&link).await;
    assert_eq!(refused.status(), 303);
    assert_eq!(refused.headers()["location"], "/sign-in?problem=suspended");
    let page = organiser.page("/sign-in?problem=suspended").await;
    assert!(page.source.contains("suspended by the moderators"));

    // A moderator cannot be suspended by another moderator.
    let other = moderator(&app, "other-mod@example.org", SiteRole::Moderator).await;
    drop(other);
    let other_id = app::backend::entities::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "other-mod@example.org")
        .unwrap()
        .id;
    mods.post_form(
        &format!("/moderation/accounts/{other_id}/suspend"),
        &[("reason", "no")],
    )
    .await;
    let other_again = Browser::new(&app);
    other_again.sign_in(&app, "other-mod@example.org").await;
    assert_eq!(other_again.get("/moderation").await.status(), 200);

    // Lifted: signing in works again.
    let restored = mods
        .post_form(
            &format!("/moderation/accounts/{host_id}/restore"),
            &[("reason", "Explained")],
        )
        .await;
    assert_eq!(restored.status(), 303);
    let back = Browser::new(&app);
    back.sign_in(&app, "host@example.org").await;
    assert_eq!(back.get("/account").await.status(), 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn another_server_process_drops_a_hidden_gathering_within_its_staleness_bound() {
    let app = spawn_app().await;
    let mut settings = app.settings.clone();
    settings.server.port = 0;
    settings.search.max_staleness_seconds = 1.0;
    let other = harness::ServerProcess::start(&settings).await;
    let (_organiser, _slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let found_by_other = || async {
        let response = reqwest::get(format!(
            "{}/api/v1/search?near=52.52,13.405&radius=25&lang=en",
            other.address
        ))
        .await
        .unwrap();
        response.text().await.unwrap().contains(&soup)
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !found_by_other().await {
        assert!(
            std::time::Instant::now() < deadline,
            "the other process finds it"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    let mods = moderator(&app, "mod@example.org", SiteRole::Moderator).await;
    let hidden_at = std::time::Instant::now();
    let hidden = mods
        .post_form(
            &format!("/moderation/gatherings/{soup}/hide"),
            &[("reason", "Spam")],
        )
        .await;
    assert_eq!(hidden.status(), 303);
    // This process at once; the other within its bound (1 s) and a margin.
    assert!(!found_near_berlin(&app, &soup).await);
    while found_by_other().await {
        assert!(
            hidden_at.elapsed() < std::time::Duration::from_millis(2_500),
            "still found by the other process after {:?}",
            hidden_at.elapsed()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let page = reqwest::get(format!("{}/events/{soup}", other.address))
        .await
        .unwrap();
    assert_eq!(page.status(), 410);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_report_that_arrives_while_a_moderator_reads_the_case_keeps_it_open() {
    let app = spawn_app().await;
    let (_organiser, _slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let report = |reason: &'static str| {
        let page = format!("/events/{soup}/report");
        let browser = Browser::new(&app);
        async move {
            let sent = browser.post_form(&page, &[("report_reason", reason)]).await;
            assert_eq!(sent.status(), 303);
        }
    };
    report("spam").await;
    let mods = moderator(&app, "mod@example.org", SiteRole::Moderator).await;
    let case_id = moderation_case::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let case = mods.page(&format!("/moderation/cases/{case_id}")).await;
    let seen = case
        .attr("form[action$='/close'] input[name=seen]", "value")
        .expect("the close form says what the page showed");

    // Another report lands before the moderator closes what they read.
    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    report("hateful").await;
    let closed = mods
        .post_form(
            &format!("/moderation/cases/{case_id}/close"),
            &[("seen", &seen)],
        )
        .await;
    assert_eq!(closed.status(), 303);
    let state = moderation_case::Entity::find_by_id(case_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .state;
    assert_ne!(state, app::domain::moderation::CaseState::Closed);
    let case = mods.page(&format!("/moderation/cases/{case_id}")).await;
    assert!(case.source.contains("Hateful or harassing"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hidden_gathering_removed_for_good_tells_its_guests_and_its_owners() {
    let app = spawn_app().await;
    let (_, _, soup) = with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let mods = moderator(&app, "mod@example.org", SiteRole::Moderator).await;
    let guest = Browser::new(&app);
    guest.sign_in(&app, "guest@example.org").await;
    let date = occurrence::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("a date to reply to")
        .id
        .to_string();
    let replied = guest
        .post_form(
            &format!("/events/{soup}/rsvp"),
            &[("how", "account"), ("occurrence", &date), ("party", "1")],
        )
        .await;
    assert_eq!(replied.status(), 303);
    let remove = format!("/moderation/gatherings/{soup}/remove");
    let reason = [("reason", "Hateful")];

    // Only a hidden gathering can be removed for good.
    let too_soon = mods.post_form(&remove, &reason).await;
    assert!(too_soon.status().is_redirection() || too_soon.status().is_client_error());
    assert_eq!(app.page(&format!("/events/{soup}")).await.status, 200);
    let status_now = || async {
        event::Entity::find()
            .one(&app.state.db)
            .await
            .unwrap()
            .expect("the gathering")
            .status
    };
    assert_eq!(status_now().await, GatheringStatus::Published);

    let hidden = mods
        .post_form(&format!("/moderation/gatherings/{soup}/hide"), &reason)
        .await;
    assert_eq!(hidden.status(), 303);
    let removed = mods.post_form(&remove, &reason).await;
    assert_eq!(removed.status(), 303);
    assert_eq!(app.page(&format!("/events/{soup}")).await.status, 410);
    assert_eq!(status_now().await, GatheringStatus::Cancelled);
    // Removing twice changes nothing more and tells nobody twice.
    mods.post_form(&remove, &reason).await;
    app.state.outbox.ring();
    app.smtp
        .expect_exactly_matching(
            |m| m.is_to("guest@example.org") && m.subject().contains("Cancelled"),
            1,
        )
        .await;
    app.smtp
        .expect_exactly_matching(
            |m| m.is_to("host@example.org") && m.subject_starts("Your gathering has been removed"),
            1,
        )
        .await;
    let logged: Vec<String> = moderation_log::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|entry| entry.action)
        .collect();
    assert!(
        logged.contains(&"remove_gathering".to_string()),
        "{logged:?}"
    );
}
