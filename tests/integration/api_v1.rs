//! The public API, `/api/v1`: its OpenAPI document is valid (checked by
//! `openapi-spec-validator`) and describes every route it serves; answers
//! carry what a program needs (the same results as the page, ETags, open
//! CORS, problem+json refusals) and nothing a public page would not show.
//! (CI also runs schemathesis against a live server: scripts/test.)

use harness::organiser::{GUARDED_STREET, with_gathering, with_guarded_street};
use harness::spawn_app;
use serde_json::Value;
use std::collections::BTreeSet;

#[tokio::test(flavor = "multi_thread")]
async fn the_document_is_valid_openapi_and_describes_every_route() {
    let app = spawn_app().await;
    let response = app.get("/api/v1/openapi.json").await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    let document: Value = serde_json::from_str(&text).unwrap();
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));

    let described: BTreeSet<String> = document["paths"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let served: BTreeSet<String> = server::routes::api_v1::documented_paths()
        .into_iter()
        .collect();
    assert_eq!(described, served);
    // An organiser route documents its refusals, and the token it needs.
    let create = &document["paths"]["/api/v1/hosts/{slug}/gatherings"]["post"];
    let statuses: Vec<&String> = create["responses"].as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["201", "400", "401", "403", "404", "429"]);
    assert_eq!(create["security"][0]["token"][0], "gatherings:write");
    assert_eq!(
        document["components"]["securitySchemes"]["token"]["scheme"],
        "bearer"
    );

    harness::python::run(
        "import sys, json; from openapi_spec_validator import validate; validate(json.load(sys.stdin))",
        &[],
        &text,
    );

    let docs = app.get("/api/v1/docs").await;
    assert_eq!(docs.status(), 200);
    let page = docs.text().await.unwrap();
    for path in &served {
        assert!(page.contains(path.as_str()), "the page documents {path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_program_finds_and_reads_gatherings_as_the_page_shows_them() {
    let app = spawn_app().await;
    let (organiser, slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let tea = with_guarded_street(&organiser, &slug, "Tea <b>&</b> talk", &[]).await;

    // A search, with the page's parameters, from another site's script.
    let response = app
        .get_with(
            "/api/v1/search?near=52.52,13.405&radius=25&lang=en",
            "origin",
            "https://parish.example",
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert!(
        response
            .headers()
            .get("access-control-allow-credentials")
            .is_none()
    );
    assert!(response.headers().get("set-cookie").is_none());
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let found: Value = response.json().await.unwrap();
    let mut ids: Vec<&str> = found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["id"].as_str().unwrap())
        .collect();
    ids.sort();
    let mut expected = vec![soup.as_str(), tea.as_str()];
    expected.sort();
    assert_eq!(ids, expected);
    assert!(found["next"].is_null(), "one page");
    let again = app
        .get_with(
            "/api/v1/search?near=52.52,13.405&radius=25&lang=en",
            "if-none-match",
            &etag,
        )
        .await;
    assert_eq!(again.status(), 304);

    // One gathering: its dates, the street only where the page shows it.
    let response = app.get(&format!("/api/v1/gatherings/{tea}?lang=en")).await;
    assert_eq!(response.status(), 200);
    let text = response.text().await.unwrap();
    assert!(!text.contains(GUARDED_STREET), "{text}");
    let gathering: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(gathering["title"], "Tea <b>&</b> talk");
    assert_eq!(gathering["place"]["exact"], false);
    assert!(gathering["place"]["address"].is_null());
    assert_eq!(gathering["host"]["slug"], slug.as_str());
    assert_eq!(gathering["dates"].as_array().unwrap().len(), 1);
    assert_eq!(gathering["status"], "scheduled");

    let host: Value = app
        .get(&format!("/api/v1/hosts/{slug}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(host["name"], "Kiezküche");
    assert_eq!(host["upcoming"].as_array().unwrap().len(), 2);

    // A preflight from another site's script is answered.
    let preflight = reqwest::Client::new()
        .request(
            reqwest::Method::OPTIONS,
            format!("{}/api/v1/search", app.address),
        )
        .header("origin", "https://parish.example")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.status(), 204);
    assert_eq!(preflight.headers()["access-control-allow-origin"], "*");
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_are_problems_in_the_readers_language() {
    let app = spawn_app().await;
    for (path, status) in [
        ("/api/v1/gatherings/nothing-here", 404),
        ("/api/v1/hosts/nobody", 404),
        ("/api/v1/offices/nobody/area", 404),
        ("/api/v1/no-such-thing", 404),
        ("/api/v1/search?radius=5000", 400),
        ("/api/v1/search?near=95,200", 400),
        ("/api/v1/search?after=%00%ff", 400),
        ("/api/v1/search?from=2026-13-45", 400),
    ] {
        let response = app.get_with(path, "accept-language", "de").await;
        assert_eq!(response.status(), status, "{path}");
        assert_eq!(
            response.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
        let problem: Value = response.json().await.unwrap();
        assert_eq!(problem["status"], status, "{path}");
        assert!(
            problem["type"]
                .as_str()
                .unwrap()
                .starts_with("/api/v1/problems/")
        );
    }
    let problem: Value = app
        .get_with("/api/v1/search?radius=5000", "accept-language", "de")
        .await
        .json()
        .await
        .unwrap();
    let detail = problem["detail"].as_str().unwrap();
    assert!(detail.contains("km"), "{detail}");
    assert_ne!(
        detail,
        app.get_with("/api/v1/search?radius=5000", "accept-language", "en")
            .await
            .json::<Value>()
            .await
            .unwrap()["detail"]
            .as_str()
            .unwrap(),
        "said in German"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn towns_and_an_offices_area_for_maps() {
    let app = spawn_app().await;
    server::seed::seed_demo(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();
    let places: Value = app
        .get("/api/v1/places?prefix=Berl")
        .await
        .json()
        .await
        .unwrap();
    let first = &places.as_array().unwrap()[0];
    assert_eq!(first["name"], "Berlin");
    assert!((first["latitude"].as_f64().unwrap() - 52.52).abs() < 0.1);

    let area = app.get("/api/v1/offices/demo-district/area").await;
    assert_eq!(area.status(), 200);
    assert_eq!(area.headers()["content-type"], "application/geo+json");
    let geometry: Value = area.json().await.unwrap();
    assert_eq!(geometry["type"], "MultiPolygon");
}
