//! What other sites and noticeboards get: the embeddable widget (framable
//! by anyone, cookie-free, in the language asked for, escaped), its
//! copy-and-paste code on the host's page, and a gathering's printable
//! poster (every title, the place as the page shows it, a QR code).

use harness::organiser::{GUARDED_STREET, with_gathering, with_guarded_street};
use harness::{TestApp, spawn_app};

const PAYLOAD: &str = "</title><script>alert(1)</script><b>x</b>";

/// A host with a public gathering titled with `PAYLOAD` (and in German too)
/// whose street is kept for guests; returns the host's slug and the
/// gathering's id.
async fn host_with_a_guarded_gathering(app: &TestApp) -> (String, String) {
    let (organiser, slug, _) = with_gathering(app, "host@example.org", "52.52, 13.405", &[]).await;
    let extra = [("title_de", "Suppenabend für alle")];
    let id = with_guarded_street(&organiser, &slug, PAYLOAD, &extra).await;
    (slug, id)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_widget_can_be_framed_anywhere_sets_no_cookie_and_escapes_titles() {
    let app = spawn_app().await;
    let (slug, _) = host_with_a_guarded_gathering(&app).await;

    let response = app
        .get(&format!("/widget/hosts/{slug}?lang=de&theme=dark"))
        .await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(policy.contains("frame-ancestors *"), "{policy}");
    assert!(policy.contains("default-src 'none'"), "{policy}");
    assert!(!policy.contains("script-src"), "the widget runs nothing");
    assert!(headers.get("x-frame-options").is_none());
    assert!(headers.get("set-cookie").is_none(), "no cookie at all");
    let body = response.text().await.unwrap();
    // German, as asked, both in the interface and in the gathering's title.
    assert!(body.contains("<html lang=\"de\""), "{body}");
    assert!(body.contains("Suppenabend für alle"));
    assert!(body.contains("Soup night"), "a title only in English stays");
    assert!(body.contains("Alle Treffen auf Common Ground"));
    assert!(body.contains("theme-dark"));
    assert!(
        !body.contains(GUARDED_STREET),
        "the street is for guests only"
    );
    assert!(!body.contains("<script"), "{body}");
    assert!(!body.contains("<form"));

    // In English the payload is a title, shown as text everywhere,
    // including the document's <title>… of the widget of a search.
    let english = app
        .get("/widget/search?near=52.52,13.405&radius=25&lang=en&count=20")
        .await;
    assert_eq!(english.status(), 200);
    let body = english.text().await.unwrap();
    assert!(body.contains("&lt;/title&gt;&lt;script&gt;"), "{body}");
    assert!(!body.contains("<script>"));
    assert!(!body.contains("<b>x</b>"));

    // Only as many as asked for; the soonest first.
    let one = app.get(&format!("/widget/hosts/{slug}?count=1")).await;
    let body = one.text().await.unwrap();
    assert_eq!(body.matches("<li>").count(), 1, "{body}");

    // Every other page still refuses to be framed.
    let page = app.get(&format!("/hosts/{slug}")).await;
    assert_eq!(page.headers()["x-frame-options"], "DENY");
    assert!(
        page.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("frame-ancestors 'none'")
    );

    assert_eq!(app.get("/widget/hosts/nobody").await.status(), 404);
    assert_eq!(app.get("/widget/offices/nobody").await.status(), 404);
    assert_eq!(
        app.get("/widget/search?near=999,999&lang=en")
            .await
            .status(),
        400
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_host_page_offers_the_widget_code_in_the_options_chosen() {
    let app = spawn_app().await;
    let (slug, _) = host_with_a_guarded_gathering(&app).await;
    let page = app
        .get(&format!(
            "/hosts/{slug}?widget_lang=fa&widget_theme=light&widget_count=3"
        ))
        .await;
    let body = page.text().await.unwrap();
    let html = scraper::Html::parse_document(&body);
    let code = scraper::Selector::parse("#widget-code").unwrap();
    let snippet: String = html.select(&code).next().unwrap().text().collect();
    let expected = format!(
        "src=\"{}/widget/hosts/{slug}?lang=fa&amp;theme=light&amp;count=3\"",
        app.address
    );
    assert!(snippet.starts_with("<iframe "), "{snippet}");
    assert!(snippet.contains(&expected), "{snippet}");
    assert!(snippet.contains("sandbox=\"allow-popups"), "{snippet}");
    // The preview frames our own widget.
    let preview = scraper::Selector::parse("iframe.widget-preview").unwrap();
    assert!(html.select(&preview).next().is_some());
    // The widget the code names works.
    let widget = app
        .get(&format!("/widget/hosts/{slug}?lang=fa&theme=light&count=3"))
        .await;
    assert_eq!(widget.status(), 200);
    assert!(widget.text().await.unwrap().contains("dir=\"rtl\""));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_poster_has_every_title_the_public_place_and_a_qr_code() {
    let app = spawn_app().await;
    let (_, id) = host_with_a_guarded_gathering(&app).await;
    let response = app
        .get_with(&format!("/events/{id}/poster"), "accept-language", "en")
        .await;
    assert_eq!(response.status(), 200);
    let body = response.text().await.unwrap();
    assert!(body.contains("&lt;/title&gt;&lt;script&gt;"), "{body}");
    assert!(!body.contains("<script"), "{body}");
    assert!(
        body.contains("Suppenabend für alle"),
        "the German title too"
    );
    assert!(
        !body.contains(GUARDED_STREET),
        "the street is for guests only"
    );
    assert!(body.contains("<svg"), "a QR code");
    assert!(body.contains(&format!("{}/events/{id}", app.address)));
    assert!(body.contains("href=\"/poster.css\""));

    assert_eq!(app.get("/events/unknown/poster").await.status(), 404);
}
