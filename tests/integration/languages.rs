use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, spawn_app};

#[tokio::test(flavor = "multi_thread")]
async fn pages_follow_the_browser_language_and_its_writing_direction() {
    let app = spawn_app().await;

    for (accept, lang, dir, heading) in [
        ("ar-EG,ar;q=0.9,en;q=0.5", "ar", "rtl", "تعرّف على جيرانك"),
        ("fa-IR", "fa", "rtl", "با همسایه‌هایتان آشنا شوید"),
        ("de-DE,de;q=0.9", "de", "ltr", "Lerne deine Nachbarn kennen"),
        ("nl-NL,nl;q=0.9", "en", "ltr", "Meet your neighbours"),
    ] {
        let response = app.get_with("/", "accept-language", accept).await;
        assert_eq!(response.headers()["vary"], "Cookie, Accept-Language");
        let page = harness::Page::from_response(response).await;
        assert_eq!(page.attr("html", "lang").as_deref(), Some(lang), "{accept}");
        assert_eq!(page.attr("html", "dir").as_deref(), Some(dir), "{accept}");
        assert_eq!(page.text("h1"), heading, "{accept}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_chosen_language_is_remembered_and_the_resident_returns_to_their_page() {
    let app = spawn_app().await;

    let response = app
        .get("/language?lang=uk&next=/%3Fnear%3D50.45,30.52")
        .await;

    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/?near=50.45,30.52");
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("lang=uk;"), "{cookie}");
    assert!(
        cookie.contains("SameSite=Lax") && cookie.contains("Path=/"),
        "{cookie}"
    );

    // The client keeps cookies, like a browser: the choice beats Accept-Language.
    let page = app.page_in("de", "/?near=50.45,30.52").await;
    assert_eq!(page.attr("html", "lang").as_deref(), Some("uk"));
    assert_eq!(page.text("h1"), "Знайомтеся з сусідами");
    assert_eq!(
        page.attr("select#language option[selected]", "value")
            .as_deref(),
        Some("uk")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unknown_language_or_a_foreign_return_address_changes_nothing() {
    let app = spawn_app().await;

    let response = app
        .get("/language?lang=xx&next=https://evil.example/")
        .await;

    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/");
    let cookies: Vec<_> = response.headers().get_all("set-cookie").iter().collect();
    assert!(
        cookies
            .iter()
            .all(|c| !c.to_str().unwrap().starts_with("lang=")),
        "{cookies:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn language_names_are_written_in_their_own_script() {
    let app = spawn_app().await;

    let page = app.page("/").await;

    let names = page.texts("select#language option");
    for name in [
        "English",
        "Français",
        "Español",
        "Deutsch",
        "العربية",
        "فارسی",
        "Українська",
        "Türkçe",
    ] {
        assert!(
            names.iter().any(|n| n == name),
            "{name} missing from {names:?}"
        );
    }
    assert_eq!(
        page.attr(r#"option[value="fa"]"#, "lang").as_deref(),
        Some("fa")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_persian_page_shows_only_persian_digits() {
    let app = spawn_app().await;
    // Nothing a person typed holds a digit (the street is kept for
    // guests), so every digit on the page is one the page wrote.
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = Some(5);
    spec.address_visibility = "guests";
    let created = create_gathering(&app.state.db, &spec).await;
    // Two parties fill the five places; the third waits. Each replies on
    // this device, from a network of its own.
    let mut guests = Vec::new();
    for (n, party) in [(1, "2"), (2, "3"), (3, "2")] {
        let guest = Browser::on_network(&app, &format!("198.51.100.{n}"));
        let response = guest
            .reply_on_this_device(&created.public_id, created.occurrence_id, party)
            .await;
        assert_eq!(response.status(), 303);
        guests.push(guest);
    }

    // The pages as the waiting guest sees them: the gathering's with their
    // own reply ("you are on the waiting list, two of you"; a confirmed
    // guest would also see the street the organiser typed).
    let waiting = &guests[2];
    for path in [
        "/?near=52.52,13.405".to_string(),
        format!("/events/{}", created.public_id),
    ] {
        let response = waiting
            .client
            .get(waiting.url(&path))
            .header("accept-language", "fa")
            .send()
            .await
            .unwrap();
        let page = harness::Page::from_response(response).await;
        assert_eq!(page.attr("html", "lang").as_deref(), Some("fa"));
        let text = page.visible_text();
        let latin: Vec<&str> = text
            .split(' ')
            .filter(|word| word.chars().any(|c| c.is_ascii_digit()))
            .collect();
        assert!(
            latin.is_empty(),
            "{path}: Latin digits in {latin:?}\n{text}"
        );
        assert!(
            text.chars().any(|c| ('۰'..='۹').contains(&c)),
            "{path} shows numbers, in Persian digits: {text}"
        );
    }
}

/// A gathering `capacity` places big that `guest` has replied to for a
/// party of `party`, on this device.
async fn replied(app: &harness::TestApp, guest: &Browser, capacity: i32, party: &str) -> String {
    let mut spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = Some(capacity);
    let created = create_gathering(&app.state.db, &spec).await;
    let response = guest
        .reply_on_this_device(&created.public_id, created.occurrence_id, party)
        .await;
    assert_eq!(response.status(), 303);
    format!("/events/{}", created.public_id)
}

#[tokio::test(flavor = "multi_thread")]
async fn counts_agree_with_their_number_in_each_language() {
    let app = spawn_app().await;
    let guest = Browser::on_network(&app, "198.51.100.7");
    // One place left, and the guest's own party of one; then five places
    // left, and a party of two.
    let one_left = replied(&app, &guest, 2, "1").await;
    let five_left = replied(&app, &guest, 7, "2").await;
    let expected: [(&str, &str, &[&str]); 9] = [
        (
            "en",
            &one_left,
            &["1 place left", "You are going (1 person)"],
        ),
        (
            "en",
            &five_left,
            &["5 places left", "You are going (2 people)"],
        ),
        ("fr", &one_left, &["1 place restante", "(1 personne)"]),
        ("fr", &five_left, &["5 places restantes", "(2 personnes)"]),
        ("de", &one_left, &["Noch 1 Platz frei", "(1 Person)"]),
        ("de", &five_left, &["Noch 5 Plätze frei", "(2 Personen)"]),
        ("uk", &one_left, &["Залишилося 1 місце", "(1 людина)"]),
        ("uk", &five_left, &["Залишилося 5 місць", "(2 людини)"]),
        // Arabic says two in the dual, without a numeral.
        ("ar", &five_left, &["مقاعد متبقية", "(شخصان)"]),
    ];
    for (language, path, phrases) in expected {
        let response = guest
            .client
            .get(guest.url(path))
            .header("accept-language", language)
            .send()
            .await
            .unwrap();
        let text = harness::Page::from_response(response).await.visible_text();
        for phrase in phrases {
            assert!(
                text.contains(phrase),
                "{language} {path}: no {phrase:?} in {text}"
            );
        }
    }
}

/// The subject of the first email to `address` about the soup night.
async fn subject_about_soup(app: &harness::TestApp, address: &str) -> String {
    let about_soup =
        |m: &harness::CapturedEmail| m.is_to(address) && m.subject().contains("Soup night");
    app.smtp
        .wait_for_matching(about_soup, 1, std::time::Duration::from_secs(10))
        .await[0]
        .subject()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_name_in_another_script_keeps_its_own_direction() {
    let app = spawn_app().await;
    let spec = Gathering::at("Soup night", 52.52, 13.405, in_minutes(3 * 24 * 60));
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence = created.occurrence_id.to_string();
    for (language, email) in [("ar", "amal@example.org"), ("en", "ann@example.org")] {
        let person = Browser::new(&app);
        person.set_cookie("lang", language);
        person.sign_in(&app, email).await;
        let replied = person
            .post_form(
                &format!("/events/{}/rsvp", created.public_id),
                &[
                    ("how", "account"),
                    ("occurrence", &occurrence),
                    ("party", "1"),
                ],
            )
            .await;
        assert_eq!(replied.status(), 303);
    }
    // An Arabic subject isolates the Latin title, so an inbox lays the
    // line out right to left; an English one keeps it exactly as typed.
    let arabic = subject_about_soup(&app, "amal@example.org").await;
    assert!(arabic.contains("\u{2068}Soup night\u{2069}"), "{arabic:?}");
    assert!(
        arabic
            .chars()
            .any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))
    );
    let english = subject_about_soup(&app, "ann@example.org").await;
    assert!(!english.contains('\u{2068}'), "{english:?}");

    // A Persian heading names the place with its Latin district isolated.
    let response = Browser::new(&app)
        .client
        .get(app.url("/?near=52.52,13.405"))
        .header("accept-language", "fa")
        .send()
        .await
        .unwrap();
    let heading = harness::Page::from_response(response)
        .await
        .text("#results-heading");
    assert!(
        heading.contains("\u{2068}Mitte، برلین\u{2069}"),
        "{heading:?}"
    );
}
