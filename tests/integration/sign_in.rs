//! Passwordless sign-in end to end: the form, the email through the real
//! SMTP capture, the link, the session, and everything that must refuse.

use app::backend::entities::{outbox_message, sign_in_link};
use harness::{Browser, TestApp, spawn_app};
use sea_orm::{EntityTrait, PaginatorTrait, sea_query::Expr};

async fn is_signed_in(browser: &Browser) -> bool {
    browser.page("/").await.has("form[action='/sign-out']")
}

async fn outbox_size(app: &TestApp) -> u64 {
    outbox_message::Entity::find()
        .count(&app.state.db)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_emailed_link_signs_in_once_in_the_browser_that_asked() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    assert!(!is_signed_in(&browser).await);

    let link = browser
        .request_sign_in_link(&app, "Amira@Example.org")
        .await;
    assert!(link.starts_with(&app.address), "{link}");
    let mail = &app.smtp.messages()[0];
    assert_eq!(mail.to, vec!["amira@example.org".to_string()]);
    assert!(mail.body("text/html").unwrap().contains(&link));

    // Another browser cannot use it, and trying does not spend it.
    let stranger = Browser::new(&app);
    let response = stranger.get(&link).await;
    assert_eq!(
        response.headers()["location"],
        "/sign-in?problem=other_browser"
    );
    assert!(!is_signed_in(&stranger).await);

    let response = browser.get(&link).await;
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
    assert!(is_signed_in(&browser).await);

    // Twice is once too many, even in the right browser.
    let again = browser.get(&link).await;
    assert_eq!(again.headers()["location"], "/sign-in?problem=used");
    let page = browser.page("/sign-in?problem=used").await;
    assert!(page.text("[role=alert]").contains("already been used"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_expires_after_fifteen_minutes() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    let link = browser.request_sign_in_link(&app, "late@example.org").await;

    // Sixteen minutes pass.
    sign_in_link::Entity::update_many()
        .col_expr(
            sign_in_link::Column::ExpiresAt,
            Expr::value(chrono::Utc::now() - chrono::Duration::minutes(1)),
        )
        .exec(&app.state.db)
        .await
        .unwrap();

    let response = browser.get(&link).await;
    assert_eq!(response.headers()["location"], "/sign-in?problem=expired");
    assert!(!is_signed_in(&browser).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_out_ends_the_session_on_the_server() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    browser.sign_in(&app, "sam@example.org").await;
    let stolen = browser.cookie("cg_session").unwrap();

    let response = browser.post_form("/sign-out", &[]).await;
    assert_eq!(response.status(), 303);
    assert!(!is_signed_in(&browser).await);

    // The old cookie, replayed elsewhere, is worth nothing now.
    let replay = Browser::new(&app);
    replay.set_cookie("cg_session", &stolen);
    assert!(!is_signed_in(&replay).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn signing_in_replaces_a_planted_session_id() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    browser.set_cookie("cg_session", "planted-by-someone-else");
    browser.sign_in(&app, "ines@example.org").await;
    assert_ne!(
        browser.cookie("cg_session").as_deref(),
        Some("planted-by-someone-else")
    );
    assert!(is_signed_in(&browser).await);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_answer_is_the_same_whether_or_not_the_address_has_an_account() {
    let app = spawn_app().await;
    Browser::new(&app).sign_in(&app, "known@example.org").await;

    let mut answers = Vec::new();
    for email in ["known@example.org", "unknown@example.org"] {
        let browser = Browser::new(&app);
        let response = browser.post_form("/sign-in", &[("email", email)]).await;
        let status = response.status();
        let location = response.headers()["location"].to_str().unwrap().to_string();
        let page = browser.page(&location).await;
        answers.push((status, location, page.text("main")));
    }
    assert_eq!(answers[0], answers[1]);
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_addresses_and_forged_forms_change_nothing() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);

    let response = browser
        .post_form("/sign-in", &[("email", "not an address")])
        .await;
    assert_eq!(response.status(), 422);
    let page = harness::Page::from_response(response).await;
    assert!(page.text("#email-error").contains("name@example.org"));
    assert_eq!(
        page.attr("#email", "value").as_deref(),
        Some("not an address")
    );
    assert_eq!(page.attr("#email", "aria-invalid").as_deref(), Some("true"));

    // A form posted from another site carries no valid token.
    for token in [None, Some("forged-token-forged-token-forged-token-abcd")] {
        let response = browser
            .post_form_raw("/sign-in", &[("email", "victim@example.org")], token)
            .await;
        assert_eq!(response.status(), 403);
    }
    assert_eq!(outbox_size(&app).await, 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn asking_for_links_too_often_is_refused_with_a_clear_message() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    for _ in 0..5 {
        let response = browser
            .post_form("/sign-in", &[("email", "busy@example.org")])
            .await;
        assert_eq!(response.status(), 303);
    }
    let response = browser
        .post_form("/sign-in", &[("email", "busy@example.org")])
        .await;
    assert_eq!(response.status(), 429);
    let page = harness::Page::from_response(response).await;
    assert!(page.text(".error-summary").contains("try again"));
    assert_eq!(outbox_size(&app).await, 5);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_display_name_is_optional_and_checked() {
    let app = spawn_app().await;
    let browser = Browser::new(&app);
    assert_eq!(browser.get("/account").await.status(), 302, "sign in first");
    browser.sign_in(&app, "amal@example.org").await;

    let response = browser
        .post_form("/account", &[("display_name", "  Amal   K. ")])
        .await;
    assert_eq!(response.status(), 303);
    let page = browser.page("/account").await;
    assert_eq!(
        page.attr("#display_name", "value").as_deref(),
        Some("Amal K.")
    );

    let too_long = "x".repeat(81);
    let response = browser
        .post_form("/account", &[("display_name", &too_long)])
        .await;
    assert_eq!(response.status(), 422);
    let page = browser.page("/account").await;
    assert_eq!(
        page.attr("#display_name", "value").as_deref(),
        Some("Amal K.")
    );

    let response = browser.post_form("/account", &[("display_name", "")]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        browser
            .page("/account")
            .await
            .attr("#display_name", "value")
            .as_deref(),
        Some("")
    );
}
