//! Administrators in the browser: naming moderators, choosing who may
//! publish (and gatherings waiting for review), and running city offices
//! with the command line's checks.

use app::backend::entities::{city_office, office_area, office_member};
use app::backend::moderation::roles;
use app::domain::email_address::EmailAddress;
use app::domain::moderation::SiteRole;
use harness::organiser::{soup_night, start_date};
use harness::{Browser, TestApp, spawn_app};
use sea_orm::{EntityTrait, PaginatorTrait};

async fn administrator(app: &TestApp) -> Browser {
    let address = EmailAddress::parse("admin@example.org").unwrap();
    roles::grant(&app.state.db, &address, SiteRole::Administrator)
        .await
        .unwrap();
    let admin = Browser::new(app);
    admin.sign_in(app, "admin@example.org").await;
    admin
}

async fn upload(admin: &Browser, path: &str, text: &str) -> reqwest::Response {
    let token = admin.csrf_token().await;
    admin
        .post_file(path, "area", text.as_bytes().to_vec(), Some(&token))
        .await
}

#[tokio::test(flavor = "multi_thread")]
async fn an_administrator_creates_an_office_adds_a_member_and_imports_its_area() {
    let app = spawn_app().await;
    let admin = administrator(&app).await;
    let page = admin.page("/admin").await;
    assert_eq!(page.status, 200);

    // Refused as the command line refuses, saying why, storing nothing.
    let refused = admin
        .post_form(
            "/admin/offices",
            &[("slug", "Bad Slug!"), ("name", "Office")],
        )
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused.text().await.unwrap().contains("lower-case letters"));
    assert_eq!(
        city_office::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );

    let created = admin
        .post_form(
            "/admin/offices",
            &[("slug", "mitte"), ("name", "Integration <Office> Mitte")],
        )
        .await;
    assert_eq!(created.status(), 303);
    assert_eq!(created.headers()["location"], "/admin/offices/mitte");
    let again = admin
        .post_form("/admin/offices", &[("slug", "mitte"), ("name", "Twice")])
        .await;
    assert_eq!(again.status(), 422);
    let office = admin.page("/admin/offices/mitte").await;
    assert!(office.source.contains("Integration &lt;Office&gt; Mitte"));

    let added = admin
        .post_form(
            "/admin/offices/mitte/members",
            &[("email", "Officer@Example.org")],
        )
        .await;
    assert_eq!(added.status(), 303);
    assert_eq!(
        office_member::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        1
    );
    let member = Browser::new(&app);
    member.sign_in(&app, "officer@example.org").await;
    assert_eq!(member.get("/offices/mitte/overview").await.status(), 200);

    // Bad files: the same reasons as the command line, nothing stored.
    for (text, reason) in [
        ("{\"type\": \"Polygon\", ", "not valid geojson"),
        (
            r#"{"type":"Polygon","coordinates":[[[13.3,52.4],[13.5,52.6],[13.5,52.4],[13.3,52.6],[13.3,52.4]]]}"#,
            "not a valid area",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[52.45,13.30],[52.45,13.50],[52.55,13.50],[52.55,13.30],[52.45,13.30]]]}"#,
            "swapped",
        ),
        (r#"{"type":"FeatureCollection","features":[]}"#, "no area"),
        (
            r#"{"type":"Point","coordinates":[13.4,52.5]}"#,
            "only polygon",
        ),
    ] {
        let response = upload(&admin, "/admin/offices/mitte/area", text).await;
        assert_eq!(response.status(), 422, "{reason}");
        let body = response.text().await.unwrap().to_lowercase();
        assert!(body.contains(reason), "{reason}: {body}");
        let cli = app::backend::offices::jurisdiction::parse(text, |_, _| {})
            .unwrap_err()
            .to_string()
            .to_lowercase();
        assert!(
            cli.contains(reason),
            "the command line says the same: {cli}"
        );
    }
    assert_eq!(
        office_area::Entity::find()
            .count(&app.state.db)
            .await
            .unwrap(),
        0
    );

    let area = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/jurisdiction-berlin.geojson"),
    )
    .unwrap();
    let imported = upload(&admin, "/admin/offices/mitte/area", &area).await;
    assert_eq!(imported.status(), 303);
    let office = admin.page("/admin/offices/mitte").await;
    assert!(office.source.contains("2 polygons"), "{}", office.source);

    // Removing the member ends their access.
    let id = office_member::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
        .user_id;
    let removed = admin
        .post_form(&format!("/admin/offices/mitte/members/{id}/remove"), &[])
        .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(member.get("/offices/mitte/overview").await.status(), 403);

    // Everything is in the log.
    let page = admin.page("/admin").await;
    for action in [
        "create_office",
        "add_office_member",
        "import_office_area",
        "remove_office_member",
    ] {
        assert!(page.source.contains(action), "{action}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn only_administrators_administer_and_nobody_changes_their_own_role() {
    let app = spawn_app().await;
    let admin = administrator(&app).await;
    let someone = Browser::new(&app);
    someone.sign_in(&app, "someone@example.org").await;
    assert_eq!(someone.get("/admin").await.status(), 403);
    assert_eq!(
        someone
            .post_form("/admin/offices", &[("slug", "x1"), ("name", "X")])
            .await
            .status(),
        403
    );

    let granted = admin
        .post_form(
            "/admin/roles",
            &[("email", "someone@example.org"), ("role", "moderator")],
        )
        .await;
    assert_eq!(granted.status(), 303);
    assert_eq!(someone.get("/moderation").await.status(), 200);
    // A moderator is not an administrator.
    assert_eq!(someone.get("/admin").await.status(), 403);
    assert_eq!(
        someone
            .post_form("/admin/settings", &[("publish_policy", "approved_hosts")])
            .await
            .status(),
        403
    );

    let own = admin
        .post_form(
            "/admin/roles",
            &[("email", "admin@example.org"), ("role", "moderator")],
        )
        .await;
    assert_eq!(own.status(), 422);
    assert!(own.text().await.unwrap().contains("your own role"));

    let id = app::backend::entities::user::Entity::find()
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.email == "someone@example.org")
        .unwrap()
        .id;
    let withdrawn = admin
        .post_form(&format!("/admin/roles/{id}/withdraw"), &[])
        .await;
    assert_eq!(withdrawn.status(), 303);
    assert_eq!(someone.get("/moderation").await.status(), 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn under_review_a_new_hosts_first_gathering_waits_for_a_moderator() {
    let app = spawn_app().await;
    let admin = administrator(&app).await;
    let set = admin
        .post_form("/admin/settings", &[("publish_policy", "first_reviewed")])
        .await;
    assert_eq!(set.status(), 303);

    let organiser = Browser::new(&app);
    organiser.sign_in(&app, "host@example.org").await;
    let slug = organiser.create_host(&[("name", "New group")]).await;
    let start = start_date();
    let fields = soup_night(&start, "52.52, 13.405");
    let created = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(created.status(), 303);
    let page = created.headers()["location"].to_str().unwrap().to_string();
    let soup = page.trim_start_matches("/events/").to_string();

    // Not public yet; its team sees why.
    assert_eq!(app.page(&page).await.status, 404);
    let own = organiser.page(&page).await;
    assert_eq!(own.status, 200);
    assert!(own.source.contains("Waiting for review by the moderators."));
    let search = app
        .get("/api/v1/search?near=52.52,13.405&radius=25&lang=en")
        .await
        .text()
        .await
        .unwrap();
    assert!(!search.contains(&soup));

    // A moderator sees it waiting and makes it public; the host is then
    // approved, so its next gathering is public at once.
    let queue = admin.page("/moderation").await;
    assert!(queue.source.contains("Waiting for review"));
    assert!(queue.source.contains(&soup));
    let approved = admin
        .post_form(&format!("/moderation/gatherings/{soup}/approve"), &[])
        .await;
    assert_eq!(approved.status(), 303);
    assert_eq!(app.page(&page).await.status, 200);
    app.smtp
        .expect_exactly_matching(
            |m| m.is_to("host@example.org") && m.subject_starts("Your gathering is public"),
            1,
        )
        .await;
    let next = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    let next_page = next.headers()["location"].to_str().unwrap().to_string();
    assert_eq!(app.page(&next_page).await.status, 200);

    // Someone who is not a moderator cannot approve.
    let other = Browser::new(&app);
    other.sign_in(&app, "other@example.org").await;
    let other_slug = other.create_host(&[("name", "Other group")]).await;
    let waiting = other
        .post_form(&format!("/hosts/{other_slug}/gatherings/new"), &fields)
        .await;
    let waiting_page = waiting.headers()["location"].to_str().unwrap().to_string();
    let waiting_id = waiting_page.trim_start_matches("/events/");
    let refused = other
        .post_form(&format!("/moderation/gatherings/{waiting_id}/approve"), &[])
        .await;
    assert_eq!(refused.status(), 403);
    assert_eq!(app.page(&waiting_page).await.status, 404);
    // Waiting, it cannot tell partner hosts about itself yet.
    let invited = other
        .post_form(
            &format!("{waiting_page}/partners"),
            &[("partner", slug.as_str())],
        )
        .await;
    assert_eq!(invited.status(), 422);
    assert!(
        invited
            .text()
            .await
            .unwrap()
            .contains("once the gathering is public")
    );

    // Its host suspended meanwhile: approving it does not make it public.
    admin
        .post_form(
            &format!("/moderation/hosts/{other_slug}/suspend"),
            &[("reason", "Impersonation")],
        )
        .await;
    admin
        .post_form(&format!("/moderation/gatherings/{waiting_id}/approve"), &[])
        .await;
    assert_ne!(app.page(&waiting_page).await.status, 200);
}
