//! A gathering's public page, its calendar file and its machine-readable
//! data.

use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::spawn_app;

const BERLIN: (f64, f64) = (52.52, 13.405);

#[tokio::test(flavor = "multi_thread")]
async fn shows_everything_needed_to_decide_to_come() {
    use app::domain::accessibility::AccessibilityFeature::StepFree;
    let app = spawn_app().await;
    let mut spec = Gathering::at("Soup night", BERLIN.0, BERLIN.1, in_minutes(24 * 60));
    spec.description = "Bring **a bowl**.\n\n<script>alert('x')</script>".into();
    // Shown in the order of their codes, whatever order they were written in.
    spec.languages = vec!["de", "ar"];
    spec.accessibility = vec![StepFree];
    spec.capacity = Some(30);
    let created = create_gathering(&app.state.db, &spec).await;

    let page = app.page(&format!("/events/{}", created.public_id)).await;

    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Soup night");
    assert_eq!(page.text("title"), "Soup night · Common Ground");
    assert!(page.has(".description strong"), "Markdown is rendered");
    assert!(
        !page.source.contains("<script>alert"),
        "scripts are never run"
    );
    assert!(
        page.text(".description")
            .contains("<script>alert('x')</script>"),
        "typed HTML is shown as text"
    );
    assert_eq!(page.texts(".facts li[lang]"), ["العربية", "Deutsch"]);
    assert!(page.text(".facts").contains("Step-free access"));
    assert!(page.text(".facts").contains("30 places left"));
    assert!(
        page.text(".facts")
            .contains("1 Secret Street of Soup night")
    );
    assert!(page.has(".facts time[datetime]"));
    assert!(
        page.text(".facts abbr").starts_with("CE"),
        "zone abbreviation"
    );
    assert_eq!(
        page.attr("a[download]", "href").as_deref(),
        Some(format!("/events/{}/calendar.ics", created.public_id).as_str())
    );
    assert_eq!(
        page.attr("meta[property='og:title']", "content").as_deref(),
        Some("Soup night")
    );
    let json_ld: serde_json::Value =
        serde_json::from_str(&page.text("script[type='application/ld+json']"))
            .expect("valid JSON-LD");
    assert_eq!(json_ld["@type"], "Event");
    assert_eq!(json_ld["name"], "Soup night");
    assert_eq!(
        json_ld["location"]["address"]["streetAddress"],
        "1 Secret Street of Soup night"
    );
    assert!(
        json_ld["startDate"].as_str().unwrap().ends_with("+01:00")
            || json_ld["startDate"].as_str().unwrap().ends_with("+02:00")
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guests_only_address_is_never_shown_publicly() {
    let app = spawn_app().await;
    let mut spec = Gathering::at("Quiet circle", 52.512345, 13.398765, in_minutes(600));
    spec.address_visibility = "guests";
    let created = create_gathering(&app.state.db, &spec).await;

    let page = app.page(&format!("/events/{}", created.public_id)).await;
    let calendar = app
        .get(&format!("/events/{}/calendar.ics", created.public_id))
        .await;
    let calendar = calendar.text().await.unwrap();

    for text in [&page.source, &calendar] {
        assert!(!text.contains("Secret Street"), "the address leaked");
        assert!(
            !text.contains("52.51234") && !text.contains("13.39876"),
            "the exact point leaked"
        );
    }
    assert!(page.text(".facts").contains("shared with confirmed guests"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_calendar_file_opens_in_calendar_apps() {
    let app = spawn_app().await;
    let created = create_gathering(
        &app.state.db,
        &Gathering::at(
            "Choir, open to all; bring water",
            BERLIN.0,
            BERLIN.1,
            in_minutes(90),
        ),
    )
    .await;

    let response = app
        .get(&format!("/events/{}/calendar.ics", created.public_id))
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );
    let body = response.text().await.unwrap();
    assert!(body.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(body.contains("SUMMARY:Choir\\, open to all\\; bring water\r\n"));
    assert!(body.contains(&format!(
        "URL:{}/events/{}",
        app.state.public_url, created.public_id
    )));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_draft_or_malformed_events_answer_404() {
    let app = spawn_app().await;
    let mut draft = Gathering::at("Draft", BERLIN.0, BERLIN.1, in_minutes(90));
    draft.status = "draft";
    let draft = create_gathering(&app.state.db, &draft).await;

    for path in [
        "/events/doesnotexist".to_string(),
        format!("/events/{}", draft.public_id),
        "/events/%3Cscript%3E".to_string(),
    ] {
        let page = app.page(&path).await;
        assert_eq!(page.status, 404, "{path}");
        assert_eq!(page.text("h1"), "We couldn't find that page", "{path}");
    }
    let calendar = app
        .get(&format!("/events/{}/calendar.ics", draft.public_id))
        .await;
    assert_eq!(calendar.status(), 404);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cancelled_gathering_says_so() {
    let app = spawn_app().await;
    let mut spec = Gathering::at("Called off", BERLIN.0, BERLIN.1, in_minutes(90));
    spec.status = "cancelled";
    let created = create_gathering(&app.state.db, &spec).await;

    let page = app.page(&format!("/events/{}", created.public_id)).await;

    assert_eq!(page.status, 200);
    assert_eq!(page.text(".notice"), "This gathering has been cancelled.");
    assert!(page.source.contains("EventCancelled"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_title_is_in_the_readers_language_when_the_host_wrote_one() {
    let app = spawn_app().await;
    let mut spec = Gathering::at("Football in the park", BERLIN.0, BERLIN.1, in_minutes(90));
    spec.translations = vec![("ar", "كرة القدم في الحديقة".into())];
    let created = create_gathering(&app.state.db, &spec).await;

    let arabic = app
        .page_in("ar", &format!("/events/{}", created.public_id))
        .await;
    let french = app
        .page_in("fr", &format!("/events/{}", created.public_id))
        .await;

    assert_eq!(arabic.text("h1"), "كرة القدم في الحديقة");
    assert_eq!(arabic.attr("h1", "lang").as_deref(), Some("ar"));
    assert_eq!(french.text("h1"), "Football in the park");
    assert_eq!(french.attr("h1", "lang").as_deref(), Some("en"));
}

/// The page's JSON-LD, parsed.
async fn structured_data(app: &harness::TestApp, public_id: &str) -> serde_json::Value {
    let page = app.page(&format!("/events/{public_id}")).await;
    let script = page.inner_html("script[type='application/ld+json']");
    serde_json::from_str(&script).unwrap_or_else(|e| panic!("{e}: {script}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn structured_data_has_what_search_engines_require_in_every_case() {
    let app = spawn_app().await;

    // Address for guests only, no language given, free.
    let mut hidden = Gathering::at("Tea and talk", BERLIN.0, BERLIN.1, in_minutes(3 * 24 * 60));
    hidden.address_visibility = "guests";
    hidden.languages = vec![];
    let hidden = create_gathering(&app.state.db, &hidden).await;
    let event = structured_data(&app, &hidden.public_id).await;
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["name"], "Tea and talk");
    assert!(event["startDate"].as_str().unwrap().contains('T'));
    assert_eq!(event["eventStatus"], "https://schema.org/EventScheduled");
    let address = &event["location"]["address"];
    assert_eq!(address["@type"], "PostalAddress");
    assert!(
        address.get("streetAddress").is_none(),
        "the street is for guests only"
    );
    assert!(
        !address["addressLocality"].as_str().unwrap().is_empty(),
        "{address}"
    );
    assert_eq!(address["addressCountry"], "DE");
    assert!(event.get("inLanguage").is_none(), "no empty language list");
    assert_eq!(event["offers"]["price"], 0);
    let organizer_url = event["organizer"]["url"].as_str().unwrap();
    assert!(organizer_url.starts_with(&format!("{}/hosts/", app.state.public_url)));
    assert!(!event.to_string().contains("Secret Street"));
    let image = event["image"][0].as_str().unwrap();
    let path = image
        .strip_prefix(&app.state.public_url)
        .unwrap_or_else(|| panic!("{image} is on this site"));
    let picture = app.get(path).await;
    assert_eq!(picture.status(), 200, "{image}");
    assert_eq!(
        picture.headers()["content-type"].to_str().unwrap(),
        "image/svg+xml"
    );

    // A public address is named; one language is a plain string.
    let public = create_gathering(
        &app.state.db,
        &Gathering::at("Open choir", BERLIN.0, BERLIN.1, in_minutes(2 * 24 * 60)),
    )
    .await;
    let event = structured_data(&app, &public.public_id).await;
    assert_eq!(
        event["location"]["address"]["streetAddress"],
        "1 Secret Street of Open choir"
    );
    assert_eq!(event["inLanguage"], "en");

    // Its only date is cancelled: still described, as cancelled.
    use sea_orm::{ActiveModelTrait, EntityTrait, Set};
    let date = app::backend::entities::occurrence::Entity::find_by_id(public.occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut cancelled: app::backend::entities::occurrence::ActiveModel = date.into();
    cancelled.status = Set(app::domain::status::DateStatus::Cancelled);
    cancelled.update(&app.state.db).await.unwrap();
    let event = structured_data(&app, &public.public_id).await;
    assert_eq!(event["eventStatus"], "https://schema.org/EventCancelled");
    assert!(event["startDate"].is_string());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_gathering_without_a_picture_shows_the_drawing_of_its_kind() {
    use app::domain::category::Category;
    let app = spawn_app().await;
    let mut spec = Gathering::at("Choir evening", BERLIN.0, BERLIN.1, in_minutes(24 * 60));
    spec.categories = vec![Category::Music];
    let created = create_gathering(&app.state.db, &spec).await;

    // On its card in a list, small, sized in the markup so that nothing
    // moves when it arrives, and silent for screen readers (the tags say
    // "Music" in words).
    let list = app.page("/?near=52.52,13.405").await;
    let card = ".card:has(.card-title) img.card-picture";
    assert_eq!(
        list.attr(card, "src").as_deref(),
        Some("/illustrations/music.svg")
    );
    assert_eq!(list.attr(card, "alt").as_deref(), Some(""));
    assert_eq!(list.attr(card, "width").as_deref(), Some("96"));
    assert_eq!(list.attr(card, "height").as_deref(), Some("54"));
    assert_eq!(list.attr(card, "loading").as_deref(), Some("lazy"));

    let page = app.page(&format!("/events/{}", created.public_id)).await;
    assert_eq!(
        page.attr("img.cover", "src").as_deref(),
        Some("/illustrations/music.svg")
    );
    assert_eq!(page.attr("img.cover", "alt").as_deref(), Some(""));
    assert!(
        page.attr("img.cover", "width").is_some() && page.attr("img.cover", "height").is_some()
    );

    // The drawing itself is served.
    let drawing = app.get("/illustrations/music.svg").await;
    assert_eq!(drawing.status(), 200);
    assert!(
        drawing.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/svg+xml")
    );
}

/// The next twelve dates are offered, however many dates before them were
/// called off (the page reads the dates that will happen and those called
/// off in one statement, at most twelve of each).
#[tokio::test(flavor = "multi_thread")]
async fn the_next_twelve_dates_are_offered_past_any_number_called_off() {
    use app::backend::entities::occurrence;
    use app::domain::status::DateStatus;
    use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, IntoActiveModel, Set};
    let app = spawn_app().await;
    let spec = Gathering::at("Weekly walk", BERLIN.0, BERLIN.1, in_minutes(24 * 60));
    let created = create_gathering(&app.state.db, &spec).await;
    let first = occurrence::Entity::find_by_id(created.occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    // 45 weekly dates: the first 30 called off, the last 15 to happen.
    let mut happening = Vec::new();
    for week in 0..45 {
        let weeks = chrono::Duration::weeks(week);
        let status = if week < 30 {
            DateStatus::Cancelled
        } else {
            DateStatus::Scheduled
        };
        let id = if week == 0 {
            let mut date = first.clone().into_active_model();
            date.status = Set(status);
            date.update(&app.state.db).await.unwrap().id
        } else {
            let mut date = first.clone().into_active_model();
            date.id = NotSet;
            date.starts_at = Set(first.starts_at + weeks);
            date.ends_at = Set(first.ends_at + weeks);
            date.status = Set(status);
            date.insert(&app.state.db).await.unwrap().id
        };
        if status == DateStatus::Scheduled {
            happening.push(id.to_string());
        }
    }

    let page = app.page(&format!("/events/{}", created.public_id)).await;
    assert_eq!(
        page.attrs("select#occurrence option", "value"),
        happening[..12]
    );
    // Search engines are told of the next twelve called off.
    assert_eq!(page.source.matches("schema.org/EventCancelled").count(), 12);
}

#[tokio::test(flavor = "multi_thread")]
async fn each_date_shows_its_own_counts_of_people_going_places_left_and_waiting() {
    use app::backend::entities::occurrence;
    use harness::browser::Browser;
    use sea_orm::{ActiveModelTrait, ActiveValue::NotSet, EntityTrait, IntoActiveModel, Set};
    let app = spawn_app().await;
    let mut spec = Gathering::at("Supper club", BERLIN.0, BERLIN.1, in_minutes(24 * 60));
    spec.capacity = Some(3);
    let created = create_gathering(&app.state.db, &spec).await;
    let first = occurrence::Entity::find_by_id(created.occurrence_id)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut next_week = first.clone().into_active_model();
    next_week.id = NotSet;
    next_week.starts_at = Set(first.starts_at + chrono::Duration::weeks(1));
    next_week.ends_at = Set(first.ends_at + chrono::Duration::weeks(1));
    next_week.insert(&app.state.db).await.unwrap();
    // Two come to the first date; two more find one place left and wait.
    for party in ["2", "2"] {
        let guest = Browser::new(&app);
        let replied = guest
            .reply_on_this_device(&created.public_id, first.id, party)
            .await;
        assert_eq!(replied.status(), 303);
    }

    let page = app.page(&format!("/events/{}", created.public_id)).await;
    let dates = page.texts("select#occurrence option");
    assert_eq!(dates.len(), 2);
    assert!(
        dates[0].ends_with("2 going · 1 place left · 2 on the waiting list"),
        "{dates:?}"
    );
    assert!(dates[1].ends_with("0 going · 3 places left"), "{dates:?}");
    assert_eq!(
        page.text(".counts"),
        "2 going · 1 place left · 2 on the waiting list"
    );
}
