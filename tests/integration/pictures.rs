//! A gathering's cover picture: its organisers add one with a description,
//! residents see it on cards and on the page at the size each needs, it is
//! served without what the camera wrote into the file, and a hostile file
//! changes nothing.

use app::backend::moderation::roles;
use app::domain::email_address::EmailAddress;
use app::domain::moderation::SiteRole;
use harness::organiser::with_gathering;
use harness::{Browser, Page, TestApp, spawn_app};

/// A phone's photo, 1280 × 720, whose EXIF names the camera and where it
/// was taken (tests/fixtures/pictures/).
const PHOTO: &[u8] = include_bytes!("../fixtures/pictures/photo-with-gps.jpg");
/// 30,000 × 30,000 pixels in about a hundred kilobytes.
const BOMB: &[u8] = include_bytes!("../fixtures/pictures/bomb.png");
const ALT: &str = "Neighbours at a long table with bowls of soup";
const BERLIN: &str = "52.52,13.405";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// The organiser adds the photo to `event` with the description `alt`.
async fn add_photo(organiser: &Browser, event: &str, alt: &str) -> reqwest::Response {
    let upload = format!("/events/{event}/picture");
    organiser
        .post_upload(&upload, &[("picture_alt", alt)], "picture", PHOTO.to_vec())
        .await
}

/// An organiser whose "Soup night" has the photo; returns them and its id.
async fn soup_night_with_photo(app: &TestApp) -> (Browser, String) {
    let (organiser, _, event) = with_gathering(app, "amal@example.org", BERLIN, &[]).await;
    let response = add_photo(&organiser, &event, ALT).await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    (organiser, event)
}

#[tokio::test(flavor = "multi_thread")]
async fn residents_see_the_picture_at_the_size_each_place_needs_without_its_metadata() {
    let app = spawn_app().await;
    let (_, event) = soup_night_with_photo(&app).await;

    // The gathering's page: the picture first, its shape reserved, every
    // width offered, its description read out.
    let page = app.page(&format!("/events/{event}")).await;
    let cover = "img.cover.photo";
    assert_eq!(page.attr(cover, "alt").as_deref(), Some(ALT));
    assert_eq!(page.attr(cover, "width").as_deref(), Some("960"));
    assert_eq!(page.attr(cover, "height").as_deref(), Some("540"));
    let srcset = page.attr(cover, "srcset").unwrap();
    let files: Vec<&str> = srcset.split(", ").collect();
    assert_eq!(files.len(), 3, "{srcset}");
    for (file, width) in files.iter().zip(["192w", "480w", "960w"]) {
        assert!(
            file.starts_with(&format!("/events/{event}/picture/")),
            "{file}"
        );
        assert!(file.ends_with(width), "{file}");
    }
    let widest = page.attr(cover, "src").unwrap();
    assert!(widest.starts_with(&format!("/events/{event}/picture/960?v=")));

    // Link previews and search engines get the same picture.
    let absolute = format!("{}{widest}", app.state.public_url);
    assert_eq!(
        page.attr("meta[property='og:image']", "content"),
        Some(absolute.clone())
    );
    assert_eq!(
        page.attr("meta[property='og:image:alt']", "content")
            .as_deref(),
        Some(ALT)
    );
    let json_ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type='application/ld+json']")).unwrap();
    assert_eq!(json_ld["image"][0], absolute.as_str());

    // A card: the smallest file, lazily, in a box of fixed size.
    let results = app.page(&format!("/?near={BERLIN}")).await;
    let card = "li.card img.card-picture";
    assert_eq!(results.attr(card, "alt").as_deref(), Some(ALT));
    assert_eq!(results.attr(card, "sizes").as_deref(), Some("96px"));
    assert_eq!(results.attr(card, "width").as_deref(), Some("96"));
    assert_eq!(results.attr(card, "height").as_deref(), Some("54"));
    assert_eq!(results.attr(card, "loading").as_deref(), Some("lazy"));
    let thumbnail = results.attr(card, "src").unwrap();
    assert!(thumbnail.starts_with(&format!("/events/{event}/picture/192?v=")));

    // The JSON API names it too.
    let api: serde_json::Value = app
        .get(&format!("/api/v1/gatherings/{event}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(api["picture"]["url"], absolute.as_str());
    assert_eq!(api["picture"]["alt"], ALT);

    // Each file: a fresh JPEG of its width, nothing of the camera's.
    for (file, width) in files.iter().zip([192u32, 480, 960]) {
        let url = file.rsplit_once(' ').unwrap().0;
        let response = app.get(url).await;
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "image/jpeg");
        assert_eq!(response.headers()["x-content-type-options"], "nosniff");
        assert!(response.headers().get("set-cookie").is_none());
        let caching = response.headers()["cache-control"].to_str().unwrap();
        assert!(
            caching.contains("public") && caching.contains("immutable"),
            "{caching}"
        );
        let etag = response.headers()["etag"].to_str().unwrap().to_string();
        let bytes = response.bytes().await.unwrap();
        assert!(!contains(&bytes, b"Exif"), "no EXIF at {width}");
        assert!(!contains(&bytes, b"Common Ground test camera"));
        let decoded = image::load_from_memory(&bytes).expect("a picture");
        assert_eq!((decoded.width(), decoded.height()), (width, width * 9 / 16));
        assert_eq!(
            app.get_with(url, "if-none-match", &etag).await.status(),
            304
        );
    }
    assert!(
        contains(PHOTO, b"Common Ground test camera"),
        "the upload had it"
    );

    // An address with another digest (an old picture's, or one made up
    // to get past a cache) finds nothing.
    let (path, _) = widest.split_once("?v=").unwrap();
    for v in ["?v=0000000000000000", "?v=", ""] {
        let response = app.get(&format!("{path}{v}")).await;
        assert_eq!(response.status(), 404, "{v}");
    }

    // Widths that were never made, and nonsense, are simply not there.
    for path in ["picture/961", "picture/abc", "picture/-1"] {
        let response = app.get(&format!("/events/{event}/{path}")).await;
        assert_eq!(response.status(), 404, "{path}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bomb_a_file_that_is_not_a_picture_or_no_description_changes_nothing() {
    let app = spawn_app().await;
    let (organiser, event) = soup_night_with_photo(&app).await;
    let before = app
        .page(&format!("/events/{event}"))
        .await
        .attr("img.cover", "src");
    let upload = format!("/events/{event}/picture");
    let typed = "A picture of the garden";

    for (bytes, alt, field, message) in [
        (BOMB.to_vec(), typed, "#picture-error", "too many pixels"),
        (
            b"<svg onload=alert(1)></svg>".to_vec(),
            typed,
            "#picture-error",
            "not a JPEG, PNG or WebP",
        ),
        (
            b"%PDF-1.7 a letter".to_vec(),
            typed,
            "#picture-error",
            "not a JPEG, PNG or WebP",
        ),
        (
            PHOTO[..PHOTO.len() / 2].to_vec(),
            typed,
            "#picture-error",
            "not a JPEG, PNG or WebP",
        ),
        (
            Vec::new(),
            typed,
            "#picture-error",
            "Choose a picture file first",
        ),
        (
            PHOTO.to_vec(),
            "   ",
            "#picture_alt-error",
            "Describe the picture",
        ),
        (
            PHOTO.to_vec(),
            &"long ".repeat(60),
            "#picture_alt-error",
            "250 characters",
        ),
    ] {
        let response = organiser
            .post_upload(&upload, &[("picture_alt", alt)], "picture", bytes)
            .await;
        assert_eq!(response.status(), 422, "{message}");
        let page = Page::from_response(response).await;
        assert!(
            page.text(field).contains(message),
            "{message}: {}",
            page.text(field)
        );
        // What was typed stays, so only the file needs choosing again.
        if !alt.trim().is_empty() {
            assert_eq!(page.text("textarea#picture_alt").trim(), alt.trim());
        }
    }
    assert_eq!(
        app.page(&format!("/events/{event}"))
            .await
            .attr("img.cover", "src"),
        before,
        "the picture shown before is still shown"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_description_with_markup_is_shown_as_text_everywhere() {
    let app = spawn_app().await;
    let (organiser, _, event) = with_gathering(&app, "amal@example.org", BERLIN, &[]).await;
    let hostile = r#""><script>alert(1)</script><img src=x onerror=alert(2)>"#;
    let response = add_photo(&organiser, &event, hostile).await;
    assert_eq!(response.status(), 303);
    for page in [
        app.page(&format!("/events/{event}")).await,
        app.page(&format!("/?near={BERLIN}")).await,
        organiser.page(&format!("/events/{event}/manage")).await,
    ] {
        // Inside an attribute a `<` is only text; what matters is that no
        // element was made from the description.
        assert!(
            page.texts("script").iter().all(|s| !s.contains("alert(1)")),
            "no script made from the text"
        );
        assert!(!page.has("img[src=x]"), "no element made from the text");
        assert_eq!(page.attr("img[srcset]", "alt").as_deref(), Some(hostile));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn only_its_organisers_change_it_and_a_hidden_gatherings_picture_is_theirs_alone() {
    let app = spawn_app().await;
    let (organiser, event) = soup_night_with_photo(&app).await;
    let upload = format!("/events/{event}/picture");
    let remove = format!("/events/{event}/picture/remove");
    let src = app
        .page(&format!("/events/{event}"))
        .await
        .attr("img.cover", "src")
        .unwrap();

    // Someone else, signed in or not, changes nothing.
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    let response = stranger
        .post_upload(
            &upload,
            &[("picture_alt", "mine now")],
            "picture",
            PHOTO.to_vec(),
        )
        .await;
    assert_eq!(response.status(), 403);
    assert_eq!(stranger.post_form(&remove, &[]).await.status(), 403);
    let anonymous = Browser::new(&app);
    let response = anonymous.post_form(&remove, &[]).await;
    assert_eq!(response.status(), 303);
    assert!(
        response.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with("/sign-in")
    );
    assert_eq!(app.get(&src).await.status(), 200);

    // Taken down by a moderator: the public no longer gets the file, even
    // at its cached address; its organisers still do, never cached.
    let address = EmailAddress::parse("mod@example.org").unwrap();
    roles::grant(&app.state.db, &address, SiteRole::Moderator)
        .await
        .unwrap();
    let moderator = Browser::new(&app);
    moderator.sign_in(&app, "mod@example.org").await;
    let hidden = moderator
        .post_form(
            &format!("/moderation/gatherings/{event}/hide"),
            &[("reason", "checking")],
        )
        .await;
    assert_eq!(hidden.status(), 303);
    assert_eq!(app.get(&src).await.status(), 404);
    assert_eq!(stranger.get(&src).await.status(), 404);
    let theirs = organiser.get(&src).await;
    assert_eq!(theirs.status(), 200);
    assert_eq!(theirs.headers()["cache-control"], "private, no-store");
    moderator
        .post_form(
            &format!("/moderation/gatherings/{event}/show"),
            &[("reason", "fine")],
        )
        .await;

    // Removed: the drawing of its kind again, and the file is gone.
    assert_eq!(organiser.post_form(&remove, &[]).await.status(), 303);
    let page = app.page(&format!("/events/{event}")).await;
    assert!(!page.has("img.cover.photo"));
    assert!(
        page.attr("img.cover", "src")
            .unwrap()
            .starts_with("/illustrations/")
    );
    assert_eq!(app.get(&src).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_hosts_pictures_go_with_its_team() {
    let app = spawn_app().await;
    let (owner, slug, event) = with_gathering(&app, "amal@example.org", BERLIN, &[]).await;
    let response = add_photo(&owner, &event, ALT).await;
    assert_eq!(response.status(), 303);
    let src = app
        .page(&format!("/events/{event}"))
        .await
        .attr("img.cover.photo", "src")
        .unwrap();

    // With no team left, nobody could take them down later.
    let closed = owner
        .post_form(&format!("/hosts/{slug}/close"), &[("confirm", "yes")])
        .await;
    assert_eq!(closed.status(), 303);
    let page = app.page(&format!("/events/{event}")).await;
    assert!(
        !page.has("img.cover.photo"),
        "the cancelled page keeps only the drawing"
    );
    assert_eq!(app.get(&src).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn adding_pictures_again_and_again_is_limited() {
    let app = spawn_app().await;
    let (organiser, _, event) = with_gathering(&app, "amal@example.org", BERLIN, &[]).await;
    let upload = format!("/events/{event}/picture");
    let mut statuses = Vec::new();
    for _ in 0..31 {
        let response = organiser
            .post_upload(
                &upload,
                &[("picture_alt", ALT)],
                "picture",
                b"not a picture".to_vec(),
            )
            .await;
        statuses.push(response.status().as_u16());
    }
    // Each refused for what it is, until the hour's allowance is spent.
    assert!(statuses[..30].iter().all(|s| *s == 422), "{statuses:?}");
    assert_eq!(statuses[30], 429);
}
