use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::spawn_app;

#[tokio::test(flavor = "multi_thread")]
async fn home_page_is_complete_html_rendered_on_the_server() {
    let app = spawn_app().await;

    let page = app.page("/").await;

    assert_eq!(page.status, 200);
    assert!(page.source.starts_with("<!DOCTYPE html>"));
    assert_eq!(page.text("h1"), "Meet your neighbours");
    assert_eq!(page.text("title"), "Meet your neighbours · Common Ground");
    assert_eq!(page.attr("html", "lang").as_deref(), Some("en"));
    assert_eq!(page.attr("a.skip-link", "href").as_deref(), Some("#main"));
    assert!(page.has("main#main"));
    // The search form submits without JavaScript.
    assert_eq!(
        page.attr("form[role=search]", "method").as_deref(),
        Some("get")
    );
    assert_eq!(
        page.text("label[for=place]"),
        "Where? A town or city, or latitude, longitude"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_typed_point_is_understood() {
    let app = spawn_app().await;

    let page = app.page("/?near=52.52,13.405").await;

    assert_eq!(page.status, 200);
    assert_eq!(
        page.text("#results-heading"),
        "Within 10 km of Mitte, Berlin"
    );
    assert_eq!(
        page.attr("#place", "value").as_deref(),
        Some("52.52000,13.40500")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_impossible_point_gets_a_clear_message_not_an_error_page() {
    let app = spawn_app().await;

    for (near, message) in [
        (
            "somewhere",
            "Please enter a place as two numbers: latitude, longitude.",
        ),
        ("91,0", "The latitude must be a number between -90 and 90."),
        (
            "0,181",
            "The longitude must be a number between -180 and 180.",
        ),
        ("NaN,1", "The latitude must be a number between -90 and 90."),
    ] {
        let page = app.page(&format!("/?near={near}")).await;
        assert_eq!(page.status, 400, "near={near}");
        assert_eq!(page.text(".error-summary li"), message, "near={near}");
        let typed = app.page(&format!("/?place={near}")).await;
        assert_eq!(typed.status, 400, "place={near}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_pages_answer_404_with_a_way_back() {
    let app = spawn_app().await;

    let page = app.page("/no/such/page").await;

    assert_eq!(page.status, 404);
    assert_eq!(page.text("h1"), "We couldn't find that page");
    assert_eq!(page.attr("main a", "href").as_deref(), Some("/"));
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_are_compressed_for_slow_networks() {
    let app = spawn_app().await;

    // Chromium and Firefox accept zstd, which costs the server least.
    let response = app
        .get_with("/", "accept-encoding", "gzip, deflate, br, zstd")
        .await;
    assert_eq!(response.headers()["content-encoding"], "zstd");
    assert!(vary_names_accept_encoding(&response));
    let length: usize = response.headers()["content-length"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    let compressed = response.bytes().await.unwrap();
    assert_eq!(compressed.len(), length);
    let page = String::from_utf8(zstd::decode_all(compressed.as_ref()).unwrap()).unwrap();
    assert!(is_whole_page(&page), "{page}");
    // The same for the JSON search, and for a page asked twice (each
    // worker thread compresses with a context it keeps).
    let soon = in_minutes(60);
    create_gathering(&app.state.db, &Gathering::at("Soup", 52.52, 13.405, soon)).await;
    let json = app
        .get_with(
            "/api/v1/search?near=52.52,13.405",
            "accept-encoding",
            "zstd",
        )
        .await;
    assert_eq!(json.headers()["content-encoding"], "zstd");
    // Compressed whole, so its length is known before it is sent (a
    // stream's is not).
    assert!(json.headers().contains_key("content-length"));
    let json: serde_json::Value =
        serde_json::from_slice(&zstd::decode_all(json.bytes().await.unwrap().as_ref()).unwrap())
            .unwrap();
    assert_eq!(json["items"][0]["title"], "Soup", "{json}");
    let again = app.get_with("/", "accept-encoding", "zstd").await;
    let again = zstd::decode_all(again.bytes().await.unwrap().as_ref()).unwrap();
    assert!(is_whole_page(&String::from_utf8(again).unwrap()));

    // One that prefers brotli gets brotli.
    let response = app
        .get_with("/", "accept-encoding", "br;q=1, zstd;q=0.5")
        .await;
    assert_eq!(response.headers()["content-encoding"], "br");

    // Safari does not: it gets brotli.
    let response = app.get_with("/", "accept-encoding", "br, gzip").await;

    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["cache-control"], "no-cache");
    assert!(vary_names_accept_encoding(&response));
    let compressed = response.bytes().await.unwrap();
    let mut page = Vec::new();
    brotli::BrotliDecompress(&mut compressed.as_ref(), &mut page).unwrap();
    let page = String::from_utf8(page).unwrap();
    assert!(is_whole_page(&page), "{page}");

    // A browser that refuses brotli gets the page in gzip.
    let response = app.get_with("/", "accept-encoding", "br;q=0, gzip").await;
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let compressed = response.bytes().await.unwrap();
    let mut again = String::new();
    let mut reader = flate2::read::GzDecoder::new(compressed.as_ref());
    std::io::Read::read_to_string(&mut reader, &mut again).unwrap();
    assert!(is_whole_page(&again), "{again}");

    // One that takes neither gets the page as it is.
    let response = app.get_with("/", "accept-encoding", "identity").await;
    assert!(response.headers().get("content-encoding").is_none());
    assert!(is_whole_page(&response.text().await.unwrap()));
}

/// The home page from its doctype to its end, with its title.
fn is_whole_page(html: &str) -> bool {
    html.starts_with("<!DOCTYPE html>") && html.contains("</html>") && html.contains("<title")
}

fn vary_names_accept_encoding(response: &reqwest::Response) -> bool {
    response.headers().get_all("vary").iter().any(|value| {
        value
            .to_str()
            .unwrap()
            .to_lowercase()
            .contains("accept-encoding")
    })
}

#[tokio::test(flavor = "multi_thread")]
async fn home_lists_the_next_gatherings_soonest_first() {
    let app = spawn_app().await;
    server::seed::seed_demo(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();

    let page = app.page("/").await;

    let titles = page.texts(".cards .card-title");
    assert_eq!(titles.len(), 20);
    let starts: Vec<String> = page.attrs(".cards time", "datetime").into_iter().collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted, "soonest first");
    assert!(
        starts[0] > chrono::Utc::now().to_rfc3339(),
        "only upcoming dates"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_tells_the_whole_story() {
    let app = spawn_app().await;
    server::seed::seed_demo(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();

    // Some cards have an organiser's picture with its description, the
    // others the drawing of their kind.
    let home = app.page("/").await;
    let described = home.attrs(".cards img.card-picture[srcset]", "alt");
    assert!(!described.is_empty(), "pictures on the first page");
    assert!(described.iter().all(|alt| !alt.is_empty()));
    let drawn = home.attrs(".cards img.card-picture:not([srcset])", "src");
    assert!(drawn.iter().all(|src| src.starts_with("/illustrations/")));
    assert!(!drawn.is_empty(), "and drawings for the rest");

    // The demo office sponsors gatherings in its area: its page lists them.
    let office = app.page("/offices/demo-district").await;
    let sponsored = office.attrs("a[href^='/events/']", "href");
    assert!(!sponsored.is_empty(), "{}", office.text("main"));
    let gathering = app.page(&sponsored[0]).await;
    assert!(
        gathering
            .text(".facts")
            .contains("Sponsored by District Integration Office (demo)")
    );

    // Some gatherings met last week: a guest's story is on their page.
    use app::backend::entities::{event, story};
    use sea_orm::EntityTrait;
    let db = &app.state.db;
    let stories = story::Entity::find().all(db).await.unwrap();
    assert_eq!(stories.len(), 9, "three in each city");
    let told = &stories[0];
    let of = event::Entity::find_by_id(told.event_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let page = app.page(&format!("/events/{}", of.public_id)).await;
    assert!(
        page.text("main").contains(&told.body),
        "{}",
        page.text("main")
    );
    assert!(
        page.text("main")
            .contains(told.first_name.as_deref().unwrap())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_empty_instance_says_nothing_is_planned() {
    let app = spawn_app().await;

    let page = app.page("/").await;

    assert_eq!(
        page.text("#results-heading + p"),
        "No gatherings are planned yet."
    );
}
