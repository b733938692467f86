use harness::spawn_app;

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
