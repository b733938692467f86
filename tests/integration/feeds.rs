//! A host's feeds — Atom, RSS and a calendar to subscribe to — read by
//! independent parsers (Python's feedparser and icalendar): every public
//! gathering of the host is in them, a street kept for guests is not, and
//! an unchanged feed answers 304 to a reader that has it.

use harness::organiser::{GUARDED_STREET, with_gathering, with_guarded_street};
use harness::{Browser, TestApp, spawn_app};

fn python(script: &str, input: &str) -> String {
    harness::python::run(script, &[], input)
}

/// Title and link of every entry, as feedparser reads the feed; it fails
/// on a feed it finds malformed.
fn entries(feed: &str) -> Vec<(String, String)> {
    let script = r#"
import sys, feedparser
feed = feedparser.parse(sys.stdin.read())
if feed.bozo:
    raise SystemExit(f"malformed feed: {feed.bozo_exception}")
print(feed.feed.title)
for entry in feed.entries:
    print(entry.title, entry.link, sep="\t")
"#;
    python(script, feed)
        .lines()
        .skip(1)
        .map(|line| {
            let (title, link) = line.split_once('\t').unwrap();
            (title.into(), link.into())
        })
        .collect()
}

async fn get(
    app: &TestApp,
    path: &str,
) -> (reqwest::StatusCode, reqwest::header::HeaderMap, String) {
    let response = app.get(path).await;
    (
        response.status(),
        response.headers().clone(),
        response.text().await.unwrap(),
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hosts_feeds_carry_its_gatherings_and_nothing_kept_for_guests() {
    let app = spawn_app().await;
    let (organiser, slug, _) = with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    // A second gathering whose street is for guests only.
    with_guarded_street(&organiser, &slug, "Tea & talk <for everyone>", &[]).await;

    for format in ["atom", "rss"] {
        let (status, headers, body) = get(&app, &format!("/hosts/{slug}/feed.{format}")).await;
        assert_eq!(status, 200, "{format}");
        assert!(
            headers["content-type"].to_str().unwrap().contains(format),
            "{format}"
        );
        let mut titles: Vec<String> = entries(&body).into_iter().map(|(title, _)| title).collect();
        titles.sort();
        assert_eq!(
            titles,
            ["Soup night", "Tea & talk <for everyone>"],
            "{format}"
        );
        assert!(
            !body.contains(GUARDED_STREET),
            "{format}: the street is for guests only"
        );
        assert!(
            !body.contains("<for everyone>"),
            "{format}: typed markup is escaped"
        );
        // An unchanged feed: 304 to a reader that has it.
        let etag = headers["etag"].to_str().unwrap().to_string();
        let again = app
            .get_with(
                &format!("/hosts/{slug}/feed.{format}"),
                "if-none-match",
                &etag,
            )
            .await;
        assert_eq!(again.status(), 304, "{format}");
    }

    let (status, headers, calendar) = get(&app, &format!("/hosts/{slug}/calendar.ics")).await;
    assert_eq!(status, 200);
    let summaries = python(
        r#"
import sys, icalendar
for event in icalendar.Calendar.from_ical(sys.stdin.read()).walk("VEVENT"):
    print(event["SUMMARY"])
"#,
        &calendar,
    );
    let mut summaries: Vec<&str> = summaries.lines().collect();
    summaries.sort();
    assert_eq!(summaries, ["Soup night", "Tea & talk <for everyone>"]);
    assert!(!calendar.contains(GUARDED_STREET));
    let etag = headers["etag"].to_str().unwrap();
    let again = app
        .get_with(
            &format!("/hosts/{slug}/calendar.ics"),
            "if-none-match",
            etag,
        )
        .await;
    assert_eq!(again.status(), 304);

    // The host's page links to them.
    let page = Browser::new(&app).page(&format!("/hosts/{slug}")).await;
    let subscribe = page.attr(".feeds a[href^='webcal://']", "href").unwrap();
    assert!(
        subscribe.ends_with(&format!("/hosts/{slug}/calendar.ics")),
        "{subscribe}"
    );
    assert!(page.has(&format!(
        "link[rel=alternate][href='/hosts/{slug}/feed.atom']"
    )));
    assert_eq!(get(&app, "/hosts/nobody-here/feed.atom").await.0, 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn any_search_can_be_subscribed_to_with_the_same_filters() {
    let app = spawn_app().await;
    use harness::fixtures::{Gathering, create_gathering, in_minutes};
    let mut food = Gathering::at("Shared supper", 52.52, 13.405, in_minutes(2 * 24 * 60));
    food.categories = vec![app::domain::category::Category::Food];
    create_gathering(&app.state.db, &food).await;
    let mut sport = Gathering::at("Park football", 52.521, 13.406, in_minutes(2 * 24 * 60));
    sport.categories = vec![app::domain::category::Category::Sport];
    create_gathering(&app.state.db, &sport).await;
    let far = Gathering::at("Far away supper", 48.85, 2.35, in_minutes(2 * 24 * 60));
    create_gathering(&app.state.db, &far).await;

    // The search page links its feeds with its own filters.
    let page = app.page("/?near=52.52,13.405&category=food").await;
    let rss = page.attr(".feeds a[href^='/search.rss']", "href").unwrap();
    assert!(rss.contains("category=food"), "{rss}");
    assert!(
        page.attr(".feeds a[href^='webcal://']", "href")
            .unwrap()
            .contains("/search.ics?")
    );

    let (status, _, body) = get(&app, &rss).await;
    assert_eq!(status, 200);
    let titles: Vec<String> = entries(&body).into_iter().map(|(title, _)| title).collect();
    assert_eq!(
        titles,
        ["Shared supper"],
        "the same place, radius and category"
    );
    let (status, _, body) = get(&app, &rss.replacen("/search.rss", "/search.atom", 1)).await;
    assert_eq!(status, 200);
    assert_eq!(entries(&body).len(), 1);
    let (status, _, calendar) = get(&app, &rss.replacen("/search.rss", "/search.ics", 1)).await;
    assert_eq!(status, 200);
    assert!(calendar.contains("SUMMARY:Shared supper"));
    assert!(!calendar.contains("Park football"));
    // A search the page would refuse is refused here too, with a reason.
    let (status, _, body) = get(&app, "/search.rss?near=999,999").await;
    assert_eq!(status, 400);
    assert!(body.contains("cannot be used"));
}
