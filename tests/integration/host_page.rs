//! A host's public page as its owners edit it: name, description, several
//! links, and a logo that is checked, cleaned of metadata and served with
//! long cache lifetimes.

use app::backend::entities::{host, host_member, user};
use harness::{Browser, TestApp, spawn_app};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const ICON: &[u8] = include_bytes!("../../public/icons/icon-192.png");

async fn owner_of(app: &TestApp, host_name: &str) -> (Browser, String) {
    let browser = Browser::new(app);
    browser.sign_in(app, "owner@example.org").await;
    let response = browser
        .post_form(
            "/hosts",
            &[
                ("name", host_name),
                (
                    "links",
                    "https://kiez.example/\nhttps://social.example/@kiez",
                ),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let slug = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/hosts/")
        .to_string();
    (browser, slug)
}

/// A signed-in organiser (not owner) of the host at `slug`.
async fn organiser_of(app: &TestApp, slug: &str) -> Browser {
    let browser = Browser::new(app);
    browser.sign_in(app, "organiser@example.org").await;
    let db = &app.state.db;
    let user = user::Entity::find()
        .filter(user::Column::Email.eq("organiser@example.org"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let host = host::Entity::find()
        .filter(host::Column::Slug.eq(slug))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    host_member::ActiveModel {
        host_id: Set(host.id),
        user_id: Set(user.id),
        role: Set("organiser".into()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await
    .unwrap();
    browser
}

/// A PNG that carries the author's name and a GPS position in metadata.
fn png_with_metadata() -> Vec<u8> {
    // The real icon, with a tEXt chunk inserted after its header chunk.
    let header_end = 8 + 12 + 13;
    let text = b"Author\0Amal K., 52.49N 13.42E";
    let mut chunk = (text.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(b"tEXt");
    chunk.extend_from_slice(text);
    chunk.extend_from_slice(&[0, 0, 0, 0]);
    let mut png = ICON[..header_end].to_vec();
    png.extend(chunk);
    png.extend_from_slice(&ICON[header_end..]);
    png
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_page_shows_several_links_and_its_owner_edits_them() {
    let app = spawn_app().await;
    let (owner, slug) = owner_of(&app, "Kiezküche").await;

    let page = app.page(&format!("/hosts/{slug}")).await;
    assert_eq!(
        page.attrs(".host-links a", "href"),
        ["https://kiez.example/", "https://social.example/@kiez"]
    );
    assert_eq!(
        page.texts(".host-links a"),
        ["kiez.example", "social.example/@kiez"]
    );

    // The owner sees the settings link and edits the page.
    let page = owner.page(&format!("/hosts/{slug}")).await;
    assert!(page.has(&format!("a[href='/hosts/{slug}/edit']")));
    let settings = owner.page(&format!("/hosts/{slug}/edit")).await;
    assert_eq!(settings.status, 200);
    assert_eq!(
        settings.attr("#name", "value").as_deref(),
        Some("Kiezküche")
    );
    let response = owner
        .post_form(
            &format!("/hosts/{slug}/edit"),
            &[
                ("name", "Kiezküche Neukölln"),
                ("description", "We cook **together**."),
                ("links", "https://kiez.example/"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let page = app.page(&format!("/hosts/{slug}")).await;
    assert_eq!(page.text("h1"), "Kiezküche Neukölln");
    assert!(
        page.inner_html(".prose")
            .contains("<strong>together</strong>")
    );
    assert_eq!(
        page.attrs(".host-links a", "href"),
        ["https://kiez.example/"]
    );

    // A bad link: a clear message by the field, and nothing changes.
    let response = owner
        .post_form(
            &format!("/hosts/{slug}/edit"),
            &[("name", "Renamed"), ("links", "javascript:alert(1)")],
        )
        .await;
    assert_eq!(response.status(), 422);
    let page = harness::Page::from_response(response).await;
    assert!(page.text("#links-error").contains("https://"));
    assert_eq!(
        page.text("#links"),
        "javascript:alert(1)",
        "what was typed stays"
    );
    let page = app.page(&format!("/hosts/{slug}")).await;
    assert_eq!(page.text("h1"), "Kiezküche Neukölln");

    // Organisers run gatherings, but only owners edit the page.
    let organiser = organiser_of(&app, &slug).await;
    assert_eq!(
        organiser.get(&format!("/hosts/{slug}/edit")).await.status(),
        403
    );
    let response = organiser
        .post_form(&format!("/hosts/{slug}/edit"), &[("name", "Taken over")])
        .await;
    assert_eq!(response.status(), 403);
    let anonymous = Browser::new(&app);
    let response = anonymous
        .post_form(&format!("/hosts/{slug}/edit"), &[("name", "Taken over")])
        .await;
    assert_eq!(response.status(), 303, "sent to sign in");
    let page = app.page(&format!("/hosts/{slug}")).await;
    assert_eq!(page.text("h1"), "Kiezküche Neukölln");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_logo_is_cleaned_served_for_good_and_removable() {
    let app = spawn_app().await;
    let (owner, slug) = owner_of(&app, "Kiezküche").await;
    let token = owner.csrf_token().await;
    let upload = format!("/hosts/{slug}/logo");

    // Without the anti-forgery token nothing is stored.
    let response = owner
        .post_file(&upload, "logo", png_with_metadata(), None)
        .await;
    assert_eq!(response.status(), 403);
    assert!(!app.page(&format!("/hosts/{slug}")).await.has(".host-logo"));

    let response = owner
        .post_file(&upload, "logo", png_with_metadata(), Some(&token))
        .await;
    assert_eq!(response.status(), 303);

    // The public page reserves its space and loads it lazily.
    let page = app.page(&format!("/hosts/{slug}")).await;
    let src = page
        .attr("img.host-logo", "src")
        .expect("the logo is shown");
    assert!(src.starts_with(&format!("/hosts/{slug}/logo?v=")), "{src}");
    assert_eq!(page.attr("img.host-logo", "width").as_deref(), Some("96"));
    assert_eq!(page.attr("img.host-logo", "height").as_deref(), Some("96"));
    assert_eq!(
        page.attr("img.host-logo", "loading").as_deref(),
        Some("lazy")
    );

    let response = app.get(&src).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "image/png");
    assert_eq!(response.headers()["x-content-type-options"], "nosniff");
    assert!(
        response.headers().get("set-cookie").is_none(),
        "a publicly cached file sets no cookie"
    );
    assert!(
        response.headers()["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    let etag = response.headers()["etag"].to_str().unwrap().to_string();
    let served = response.bytes().await.unwrap();
    assert_eq!(
        &served[..],
        ICON,
        "the metadata is gone, the picture is not"
    );
    let again = app.get_with(&src, "if-none-match", &etag).await;
    assert_eq!(again.status(), 304);

    // Not an image: a clear message, and the old logo stays.
    for (bytes, message) in [
        (b"<svg onload=alert(1)></svg>".to_vec(), "not a PNG"),
        (vec![0u8; 300 * 1024], "too large"),
        (Vec::new(), "Choose an image"),
    ] {
        let response = owner.post_file(&upload, "logo", bytes, Some(&token)).await;
        assert_eq!(response.status(), 422);
        let page = harness::Page::from_response(response).await;
        assert!(page.text("#logo-error").contains(message), "{message}");
    }
    assert_eq!(
        app.page(&format!("/hosts/{slug}"))
            .await
            .attr("img.host-logo", "src"),
        Some(src.clone())
    );

    // Only owners change it.
    let organiser = organiser_of(&app, &slug).await;
    let token = organiser.csrf_token().await;
    let response = organiser
        .post_file(&upload, "logo", ICON.to_vec(), Some(&token))
        .await;
    assert_eq!(response.status(), 403);
    let response = organiser
        .post_form(&format!("/hosts/{slug}/logo/remove"), &[])
        .await;
    assert_eq!(response.status(), 403);

    let response = owner
        .post_form(&format!("/hosts/{slug}/logo/remove"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert!(!app.page(&format!("/hosts/{slug}")).await.has(".host-logo"));
    assert_eq!(app.get(&src).await.status(), 404);
}
