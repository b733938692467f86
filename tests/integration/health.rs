use app::backend::search::SearchIndex;
use axum::{Json, extract::State};
use harness::spawn_app;
use server::routes::health::readyz;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn health_check_reports_the_database_as_reachable() {
    let app = spawn_app().await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], "ok");
}

#[tokio::test(flavor = "multi_thread")]
async fn health_check_fails_when_the_database_goes_away() {
    let app = spawn_app().await;
    app.state.db.clone().close().await.unwrap();

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body["database"], "unreachable");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_process_is_ready_once_its_search_index_is_built_and_its_database_answers() {
    let app = spawn_app().await;
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    assert_eq!(body["search_index"], "built");

    // A process still loading its index (as just after it started) is
    // healthy but not ready: a proxy sends its traffic elsewhere.
    let mut starting = app.state.clone();
    starting.search_index = SearchIndex::new(Duration::from_secs(1));
    let (status, Json(body)) = readyz(State(starting)).await;
    assert_eq!(status, 503);
    assert_eq!(body["search_index"], "building");
    assert_eq!(body["database"], "ok");

    // Nor is one whose database went away.
    app.state.db.clone().close().await.unwrap();
    let gone = app.get("/readyz").await;
    assert_eq!(gone.status(), 503);
    let body: serde_json::Value = gone.json().await.unwrap();
    assert_eq!(body["database"], "unreachable");
}
