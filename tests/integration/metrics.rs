//! `/metrics`: scraped as Prometheus would, its figures move as requests
//! are made; refused to anyone the operator did not allow, and to anyone
//! coming through the reverse proxy.

use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, NETWORK_HEADER, ServerProcess, TestApp, spawn_app};
use server::startup::{Application, StartupError};

/// The page as the scraper gets it.
async fn scrape(app: &TestApp) -> String {
    let response = app.get("/metrics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    response.text().await.unwrap()
}

/// The value of the sample written exactly as `series` (name and labels).
fn sample(page: &str, series: &str) -> Option<f64> {
    page.lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' '))
        .map(|value| value.parse().expect("a number"))
}

#[tokio::test(flavor = "multi_thread")]
async fn the_figures_move_as_requests_are_made() {
    let app = spawn_app().await;
    let created = create_gathering(
        &app.state.db,
        &Gathering::at("Welcome dinner", 52.52, 13.405, in_minutes(3 * 24 * 60)),
    )
    .await;
    let page_series =
        r#"commonground_http_requests_total{route="/events/{id}",method="GET",status="200"}"#;
    let timed_series =
        r#"commonground_http_request_duration_seconds_count{route="/events/{id}",method="GET"}"#;
    let before = scrape(&app).await;
    let seen_before = sample(&before, page_series).unwrap_or(0.0);

    for _ in 0..3 {
        let page = app.get(&format!("/events/{}", created.public_id)).await;
        assert_eq!(page.status(), 200);
    }
    // A search, which first brings the index up to the new gathering.
    let search = app.get("/?near=52.52,13.405").await;
    assert_eq!(search.status(), 200);
    let missing = app.get("/no-such-page").await;
    assert_eq!(missing.status(), 404);

    let after = scrape(&app).await;
    assert_eq!(
        sample(&after, page_series),
        Some(seen_before + 3.0),
        "{after}"
    );
    assert_eq!(sample(&after, timed_series), Some(seen_before + 3.0));
    let inf = r#"commonground_http_request_duration_seconds_bucket{route="/events/{id}",method="GET",le="+Inf"}"#;
    assert_eq!(sample(&after, inf), Some(seen_before + 3.0));
    assert!(
        sample(
            &after,
            r#"commonground_http_requests_total{route="(static file or not found)",method="GET",status="404"}"#
        )
        .is_some_and(|n| n >= 1.0)
    );
    // What the operator watches besides requests.
    assert_eq!(sample(&after, "commonground_search_index_built"), Some(1.0));
    assert!(sample(&after, "commonground_search_index_dates").is_some_and(|n| n >= 1.0));
    assert!(sample(&after, "commonground_search_index_lag_seconds").is_some());
    assert!(
        sample(
            &after,
            r#"commonground_db_pool_connections{state="in_use"}"#
        )
        .is_some_and(|n| n >= 0.0)
    );
    assert_eq!(
        sample(&after, "commonground_db_pool_max_connections"),
        Some(5.0)
    );
    assert!(sample(&after, "commonground_outbox_waiting").is_some());
    assert!(sample(&after, "commonground_outbox_oldest_waiting_seconds").is_some());
    assert!(
        sample(
            &after,
            r#"commonground_task_last_success_timestamp_seconds{task="search index"}"#
        )
        .is_some_and(|at| at > 1.7e9),
        "{after}"
    );
    // Every line is a comment or a sample with a number.
    for line in after.lines().filter(|line| !line.starts_with('#')) {
        let value = line.rsplit(' ').next().unwrap();
        assert!(value.parse::<f64>().is_ok(), "{line}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_emails_a_process_delivered_are_counted() {
    let app = spawn_app().await;
    let sent = "commonground_outbox_sent_total";
    assert_eq!(sample(&scrape(&app).await, sent), Some(0.0));

    Browser::new(&app)
        .request_sign_in_link(&app, "amira@example.org")
        .await;
    // The worker counts an email once the mail server has taken it and
    // it is marked sent, a moment after it arrives.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let counted = sample(&scrape(&app).await, sent);
        if counted == Some(1.0) {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "one email delivered, counted {counted:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn metrics_are_refused_through_the_proxy_and_to_addresses_not_allowed() {
    let app = spawn_app().await;
    // Through the proxy, which names the client in its header.
    let proxied = app.get_with("/metrics", NETWORK_HEADER, "127.0.0.1").await;
    assert_eq!(proxied.status(), 403);
    assert!(!proxied.text().await.unwrap().contains("commonground_"));
    // Or through any proxy, configured or not.
    for header in ["x-forwarded-for", "forwarded", "x-real-ip", "via"] {
        let proxied = app.get_with("/metrics", header, "203.0.113.9").await;
        assert_eq!(proxied.status(), 403, "{header}");
    }

    // From this machine, when only another network is allowed.
    let mut settings = app.settings.clone();
    settings.server.port = 0;
    settings.metrics.allow_from = vec!["10.0.0.0/8".into()];
    let elsewhere = ServerProcess::start(&settings).await;
    let refused = reqwest::get(format!("{}/metrics", elsewhere.address))
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    elsewhere.shut_down().await;

    // An entry that is not an address stops the start, naming it.
    settings.metrics.allow_from = vec!["localhost".into()];
    match Application::build(&settings).await {
        Err(StartupError::MetricsAllow(entry)) => assert_eq!(entry, "localhost"),
        Err(other) => panic!("refused for another reason: {other}"),
        Ok(_) => panic!("started with an allow list that makes no sense"),
    }
}
