//! These read the site built by `scripts/build` (target/site).

use harness::{Browser, Page, spawn_app};

/// The islands' loader a page names.
const ISLANDS_LOADER: &str = r#"script[type=module][src*="/islands-"]"#;

/// Where the page's WASM bundle is, as its head preloads it.
fn wasm_path(page: &Page) -> String {
    page.attr(r#"link[rel=preload][type="application/wasm"]"#, "href")
        .expect("the page preloads its WASM bundle")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_stylesheet_is_served_precompressed_and_revalidated() {
    let app = spawn_app().await;

    let response = app.get_with("/style.css", "accept-encoding", "br").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/css");
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["cache-control"], "no-cache");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_browser_bundle_has_a_content_hash_and_is_cached_for_good() {
    let app = spawn_app().await;
    let page = app.page("/").await;

    let wasm_path = wasm_path(&page);
    assert!(
        wasm_path.starts_with("/pkg/") && wasm_path.ends_with("/commonground_bg.wasm"),
        "{wasm_path}"
    );

    let response = app.get(&wasm_path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/wasm");
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_service_worker_changes_with_every_bundle_so_updates_install() {
    let app = spawn_app().await;
    let page = app.page("/").await;
    let wasm_path = wasm_path(&page);
    let bundle_hash = wasm_path.split('/').nth(2).unwrap().to_string();

    let response = app.get("/sw.js").await;

    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "no-cache");
    let worker = response.text().await.unwrap();
    assert!(worker.contains(&format!("const VERSION = \"{bundle_hash}\";")));
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_link_the_manifest_and_the_offline_page_is_translated() {
    let app = spawn_app().await;

    let page = app.page("/").await;
    assert_eq!(
        page.attr("link[rel=manifest]", "href").as_deref(),
        Some("/manifest.webmanifest")
    );
    let manifest = app.get("/manifest.webmanifest").await;
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );

    let offline = app.page_in("es", "/offline").await;
    assert_eq!(offline.status, 200);
    assert_eq!(offline.text("h1"), "No tienes conexión");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_islands_loader_is_a_file_beside_the_bundle_not_text_in_every_page() {
    let app = spawn_app().await;
    let page = app.page("/").await;
    let wasm_path = wasm_path(&page);
    let bundle_dir = wasm_path.trim_end_matches("/commonground_bg.wasm");

    let loader_path = page
        .attr(ISLANDS_LOADER, "src")
        .expect("the page names the islands' loader");
    assert!(
        loader_path.starts_with(&format!("{bundle_dir}/islands-")) && loader_path.ends_with(".js"),
        "{loader_path}"
    );
    assert!(
        page.texts("script:not([src])")
            .iter()
            .all(|script| !script.contains("import(")),
        "no script in the page loads the bundle itself"
    );

    let response = app.get(&loader_path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/javascript; charset=utf-8"
    );
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    // A page shown again after a refused form names it too.
    let refused = Browser::new(&app)
        .post_form("/sign-in", &[("email", "not an address")])
        .await;
    assert_eq!(refused.status(), 422);
    let refused = Page::from_response(refused).await;
    assert_eq!(
        refused.attr(ISLANDS_LOADER, "src").as_deref(),
        Some(loader_path.as_str())
    );

    // It loads this bundle.
    let loader = response.text().await.unwrap();
    assert!(
        loader.contains(&format!("\"{}\"", bundle_dir.trim_start_matches('/'))),
        "{loader}"
    );
}
