//! The browser-facing defences: security headers on every kind of
//! response, inline scripts only with the response's nonce, refusals from
//! the JSON endpoints as 4xx, control characters kept out of stored text,
//! a new anti-forgery token at every sign-in and sign-out, and private
//! pages that no cache keeps.

use app::backend::entities::{event_text, occurrence};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::organiser::with_gathering;
use harness::{Browser, Page, TestApp, spawn_app};
use sea_orm::EntityTrait;

fn assert_security_headers(response: &reqwest::Response, what: &str) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_string()
    };
    let policy = header("content-security-policy");
    let scripts = policy
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("script-src"))
        .unwrap_or_else(|| panic!("{what}: no script-src in {policy}"));
    assert!(!scripts.contains("unsafe-inline"), "{what}: {scripts}");
    assert!(scripts.contains("'nonce-"), "{what}: {scripts}");
    for directive in [
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ] {
        assert!(
            policy.contains(directive),
            "{what}: {directive} missing from {policy}"
        );
    }
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(
        header("referrer-policy"),
        "strict-origin-when-cross-origin",
        "{what}"
    );
    assert!(
        header("permissions-policy").contains("geolocation=(self)"),
        "{what}"
    );
    // Served over plain HTTP in tests: HSTS there would mean nothing.
    assert!(
        response
            .headers()
            .get("strict-transport-security")
            .is_none(),
        "{what}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_kind_of_response_carries_the_security_headers() {
    let app = spawn_app().await;
    let (organiser, slug, event) =
        with_gathering(&app, "cook@example.org", "52.52,13.405", &[]).await;
    let date = occurrence::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let csv = format!("/events/{event}/dates/{}/attendees.csv", date.id);

    for (what, response) in [
        ("the home page", app.get("/").await),
        (
            "a gathering's page",
            app.get(&format!("/events/{event}")).await,
        ),
        ("a host page", app.get(&format!("/hosts/{slug}")).await),
        ("the 404 page", app.get("/no-such-page").await),
        (
            "JSON",
            app.get("/api/search?query=&reader_language=en").await,
        ),
        ("a static file", app.get("/style.css").await),
        (
            "the calendar file",
            app.get(&format!("/events/{event}/calendar.ics")).await,
        ),
        ("the attendees' CSV", organiser.get(&csv).await),
        ("health", app.get("/healthz").await),
    ] {
        assert!(
            response.status().as_u16() < 500,
            "{what}: {}",
            response.status()
        );
        assert_security_headers(&response, what);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn inline_scripts_run_only_with_the_nonce_of_their_own_response() {
    let app = spawn_app().await;
    let created = create_gathering(
        &app.state.db,
        &Gathering::at("Tea", 52.52, 13.405, in_minutes(3 * 24 * 60)),
    )
    .await;
    let mut nonces = Vec::new();
    for _ in 0..2 {
        let response = app.get(&format!("/events/{}", created.public_id)).await;
        let policy = response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .to_string();
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap()
            .to_string();
        let page = Page::from_response(response).await;
        // Every executable inline script carries it; data blocks (JSON-LD)
        // do not run and need none.
        let inline: Vec<_> = page
            .attrs(
                "script:not([src]):not([type='application/ld+json'])",
                "nonce",
            )
            .into_iter()
            .collect();
        assert!(!inline.is_empty());
        assert_eq!(
            page.texts("script:not([src]):not([type='application/ld+json'])")
                .len(),
            inline.len(),
            "an inline script without a nonce"
        );
        assert!(inline.iter().all(|n| *n == nonce));
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a new nonce for every response");
}

#[tokio::test(flavor = "multi_thread")]
async fn json_endpoints_answer_refusals_with_4xx() {
    let app = spawn_app().await;
    let (organiser, slug, event) =
        with_gathering(&app, "cook@example.org", "52.52,13.405", &[]).await;
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    let nobody = Browser::new(&app);

    let manage = format!("/api/manage-gathering?public_id={event}&reader_language=en");
    let team = format!("/api/team?slug={slug}");
    let settings = format!("/api/host-settings?slug={slug}");
    // As an API client asks: for JSON.
    let status = |browser: &Browser, path: &str| {
        let request = browser
            .client
            .get(browser.url(path))
            .header("accept", "application/json");
        async move { request.send().await.unwrap().status().as_u16() }
    };
    for (path, anonymous, signed_in_stranger) in [
        (manage.as_str(), 401, 403),
        (team.as_str(), 401, 403),
        (settings.as_str(), 401, 403),
        (
            "/api/manage-gathering?public_id=nosuchthing&reader_language=en",
            404,
            404,
        ),
        ("/api/host-settings?slug=nobody-here", 404, 404),
        (
            "/api/office-overview?slug=nowhere&from=&to=&reader_language=en",
            404,
            404,
        ),
        ("/api/manage-gathering", 400, 400),
    ] {
        assert_eq!(
            status(&nobody, path).await,
            anonymous,
            "{path}, not signed in"
        );
        assert_eq!(
            status(&stranger, path).await,
            signed_in_stranger,
            "{path}, a stranger"
        );
    }
    assert_eq!(status(&organiser, &manage).await, 200);
    assert_eq!(status(&organiser, &team).await, 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn control_characters_never_reach_the_database() {
    let app = spawn_app().await;
    let start = harness::organiser::start_date();
    let organiser = Browser::new(&app);
    organiser.sign_in(&app, "cook@example.org").await;
    let slug = organiser.create_host(&[("name", "Kiez\u{0}küche")]).await;
    let mut fields = harness::organiser::soup_night(&start, "52.52,13.405");
    fields.retain(|(name, _)| *name != "title_en");
    fields.push(("title_en", "Soup\u{0} night"));
    fields.push(("description_en", "Bring a bowl\u{0}.\nAnd a spoon\u{1b}."));
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());

    let text = event_text::Entity::find()
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(text.title, "Soup night");
    assert_eq!(text.description, "Bring a bowl.\nAnd a spoon.");
    let host = Page::from_response(app.get(&format!("/hosts/{slug}")).await).await;
    assert_eq!(host.text("h1"), "Kiezküche");
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_and_out_renews_the_anti_forgery_token_and_clears_kept_pages() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    let before = browser.csrf_token().await;
    browser.sign_in(&app, "resident@example.org").await;
    let signed_in = browser.cookie("cg_csrf").expect("a token");
    assert_ne!(before, signed_in, "a new token at sign-in");

    // Pages for a signed-in person are kept by no cache.
    let mine = browser.get("/my").await;
    assert_eq!(mine.headers()["cache-control"], "private, no-store");
    let home = browser.get("/").await;
    assert_eq!(home.headers()["cache-control"], "private, no-store");

    let response = browser.post_form("/sign-out", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["clear-site-data"], "\"cache\"");
    let signed_out = browser.cookie("cg_csrf").expect("a token");
    assert_ne!(signed_in, signed_out, "a new token at sign-out");
    // The old token no longer works.
    let response = browser
        .post_form_raw("/sign-out", &[], Some(&signed_in))
        .await;
    assert_eq!(response.status(), 403);

    // Public pages for someone anonymous may be revalidated from caches.
    let anonymous = Browser::new(&app);
    assert_eq!(
        anonymous.get("/").await.headers()["cache-control"],
        "no-cache"
    );
    assert_eq!(
        anonymous.get("/sign-in").await.headers()["cache-control"],
        "private, no-store"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn titles_and_text_areas_show_typed_markup_as_text() {
    let app: TestApp = spawn_app().await;
    let payload = "</title><script>alert(1)</script></textarea><img src=x onerror=alert(2)>";
    let organiser = Browser::new(&app);
    organiser.sign_in(&app, "cook@example.org").await;
    let slug = organiser
        .create_host(&[("name", payload), ("description", payload)])
        .await;
    let start = harness::organiser::start_date();
    let mut fields = harness::organiser::soup_night(&start, "52.52,13.405");
    fields.retain(|(name, _)| *name != "title_en");
    fields.extend([("title_en", payload), ("description_en", payload)]);
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let event = response.headers()["location"].to_str().unwrap().to_string();

    // (path, whether its title shows the typed text)
    for (path, titled) in [
        (event.clone(), true),
        (format!("{event}/manage"), true),
        (format!("/hosts/{slug}"), true),
        (format!("/hosts/{slug}/edit"), false),
    ] {
        let page = organiser.page(&path).await;
        assert!(
            !page.has("script:not([src]):not([nonce]):not([type='application/ld+json'])"),
            "{path}: a script without nonce"
        );
        assert!(
            !page.has("img[src=x]"),
            "{path}: markup from a title became an element"
        );
        if titled {
            assert!(
                page.text("title").contains("</title><script>"),
                "{path}: the title shows what was typed"
            );
        }
        for area in page.texts("textarea") {
            assert!(
                !area.contains("<img") || area.contains(payload),
                "{path}: {area}"
            );
        }
    }
    // A form shown again after a mistake keeps what was typed, as text.
    let mut fields = harness::organiser::soup_night(&start, "52.52,13.405");
    fields.retain(|(name, _)| *name != "start_time");
    fields.push(("description_en", payload));
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 422);
    let page = Page::from_response(response).await;
    assert!(!page.has("img[src=x]"));
    assert_eq!(page.text("#description_en"), payload);
}
