//! City offices: importing a jurisdiction (a multipolygon with a hole)
//! through the administrator's command, sponsoring only inside it (the
//! boundary counts as inside), the host declining, the office ending it,
//! the audit log, search order untouched by sponsorship, the "sponsored in
//! your area" strip, and the overview's aggregate figures.

use app::backend::entities::{event, occurrence, sponsorship_audit};
use app::backend::replies::{self, Who};
use app::domain::reply::PartySize;
use chrono::{Duration, Utc};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, Page, TestApp, spawn_app};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};
use server::admin::{self, Failure};
use server::cli::{JurisdictionCommand, OfficeCommand};
use std::path::PathBuf;

const OFFICE: &str = "berlin-test";

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name)
}

/// An office with the test district as its area, and a signed-in member.
async fn office_with_member(app: &TestApp) -> Browser {
    admin::office(
        &app.settings,
        OfficeCommand::Create {
            slug: OFFICE.into(),
            name: "Integration Office Test".into(),
        },
    )
    .await
    .unwrap();
    admin::office(
        &app.settings,
        OfficeCommand::AddMember {
            office: OFFICE.into(),
            email: "officer@example.org".into(),
        },
    )
    .await
    .unwrap();
    let done = admin::jurisdiction(
        &app.settings,
        JurisdictionCommand::Import {
            office: OFFICE.into(),
            file: fixture("jurisdiction-berlin.geojson"),
        },
    )
    .await
    .unwrap();
    assert!(done.contains("2 polygon(s)"), "{done}");
    let member = Browser::new(app);
    member.sign_in(app, "officer@example.org").await;
    member
}

async fn gathering_at(
    app: &TestApp,
    title: &str,
    latitude: f64,
    longitude: f64,
    days: i64,
) -> String {
    let spec = Gathering::at(title, latitude, longitude, in_minutes(days * 24 * 60));
    create_gathering(&app.state.db, &spec).await.public_id
}

async fn sponsor(member: &Browser, event: &str, scope: &str) -> reqwest::Response {
    member
        .post_form(
            &format!("/offices/{OFFICE}/sponsor"),
            &[
                ("event", event),
                ("scope", scope),
                ("note", "Supported by the Office for Integration"),
            ],
        )
        .await
}

async fn audit_actions(app: &TestApp) -> Vec<String> {
    sponsorship_audit::Entity::find()
        .order_by_asc(sponsorship_audit::Column::Id)
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|row| format!("{} by {}", row.action, row.actor_email))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_jurisdiction_files_import_nothing() {
    let app = spawn_app().await;
    admin::office(
        &app.settings,
        OfficeCommand::Create {
            slug: OFFICE.into(),
            name: "Integration Office Test".into(),
        },
    )
    .await
    .unwrap();
    let folder = tempfile::tempdir().unwrap();
    for (name, text, reason) in [
        (
            "broken.geojson",
            "{\"type\": \"Polygon\", ",
            "not valid GeoJSON",
        ),
        (
            "bowtie.geojson",
            r#"{"type":"Polygon","coordinates":[[[13.3,52.4],[13.5,52.6],[13.5,52.4],[13.3,52.6],[13.3,52.4]]]}"#,
            "not a valid area",
        ),
        (
            "swapped.geojson",
            r#"{"type":"Polygon","coordinates":[[[52.45,13.30],[52.45,13.50],[52.55,13.50],[52.55,13.30],[52.45,13.30]]]}"#,
            "swapped",
        ),
        (
            "empty.geojson",
            r#"{"type":"FeatureCollection","features":[]}"#,
            "no area",
        ),
    ] {
        let file = folder.path().join(name);
        std::fs::write(&file, text).unwrap();
        let Failure { code, message } = admin::jurisdiction(
            &app.settings,
            JurisdictionCommand::Import {
                office: OFFICE.into(),
                file,
            },
        )
        .await
        .unwrap_err();
        assert_eq!(code, 1);
        assert!(message.contains(reason), "{name}: {message}");
        assert!(message.contains("nothing was imported"), "{message}");
    }
    let page = app.page(&format!("/offices/{OFFICE}")).await;
    assert!(page.text("main").contains("no area yet"));
    assert!(!page.has("svg.area-outline"));
}

#[tokio::test(flavor = "multi_thread")]
async fn only_members_sponsor_and_only_inside_the_area() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    let inside = gathering_at(&app, "Inside", 52.52, 13.35, 3).await;
    let in_hole = gathering_at(&app, "In the park", 52.50, 13.40, 3).await;
    let outside = gathering_at(&app, "Between the parts", 52.50, 13.55, 3).await;
    let on_edge = gathering_at(&app, "On the border street", 52.45, 13.45, 3).await;
    let second_part = gathering_at(&app, "East part", 52.50, 13.65, 3).await;

    // The office page shows the area without JavaScript.
    let page = app.page(&format!("/offices/{OFFICE}")).await;
    assert!(page.has("svg.area-outline path"));

    // The sponsor form is offered on gatherings inside, not outside.
    let page = member.page(&format!("/events/{inside}")).await;
    assert!(page.has(&format!("form[action='/offices/{OFFICE}/sponsor']")));
    let page = member.page(&format!("/events/{outside}")).await;
    assert!(!page.has(&format!("form[action='/offices/{OFFICE}/sponsor']")));

    for event in [&inside, &on_edge, &second_part] {
        let response = sponsor(&member, event, "series").await;
        assert_eq!(response.status(), 303, "{event}");
    }
    for event in [&in_hole, &outside] {
        let response = sponsor(&member, event, "series").await;
        assert_eq!(response.status(), 422);
        let page = Page::from_response(response).await;
        assert!(
            page.text("#sponsor-error")
                .contains("outside your office's area")
        );
    }
    // Twice: refused, nothing added.
    let response = sponsor(&member, &inside, "series").await;
    assert_eq!(response.status(), 409);
    // Not a member: refused.
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    assert_eq!(sponsor(&stranger, &in_hole, "series").await.status(), 403);
    assert_eq!(
        sponsor(&Browser::new(&app), &inside, "series")
            .await
            .status(),
        303,
        "to sign in"
    );

    // A cancelled gathering cannot be sponsored.
    let cancelled = gathering_at(&app, "Called off", 52.53, 13.33, 3).await;
    let row = event::Entity::find()
        .filter(event::Column::PublicId.eq(&cancelled))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let mut row: event::ActiveModel = row.into();
    row.status = Set(app::domain::status::GatheringStatus::Cancelled);
    row.update(&app.state.db).await.unwrap();
    let response = sponsor(&member, &cancelled, "series").await;
    assert_eq!(response.status(), 422);
    let page = Page::from_response(response).await;
    assert!(page.text("#sponsor-error").contains("cancelled"));

    // Residents see the label on the page and in its JSON-LD.
    let page = app.page(&format!("/events/{inside}")).await;
    assert!(
        page.text(".facts")
            .contains("Sponsored by Integration Office Test")
    );
    assert!(
        page.text(".facts")
            .contains("Supported by the Office for Integration")
    );
    assert!(page.source.contains("\"GovernmentOrganization\""));

    // (The host being told and declining: see the next test.)
    assert_eq!(
        audit_actions(&app).await,
        ["sponsored by officer@example.org"; 3]
    );

    // The office ends one; the label disappears.
    let page = member.page(&format!("/offices/{OFFICE}")).await;
    let ends = page.attrs("form[action$='/end']", "action");
    assert_eq!(ends.len(), 3);
    assert_eq!(member.post_form(&ends[0], &[]).await.status(), 303);
    assert_eq!(
        member.post_form(&ends[0], &[]).await.status(),
        409,
        "ending twice"
    );
    let actions = audit_actions(&app).await;
    assert_eq!(actions.last().unwrap(), "ended by officer@example.org");
    // Only members end sponsorships.
    assert_eq!(stranger.post_form(&ends[1], &[]).await.status(), 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_host_may_decline_and_then_it_stays_declined() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    // A host's gathering made through the form, inside the area.
    let (organiser, _, event) =
        harness::organiser::with_gathering(&app, "host@example.org", "52.52, 13.35", &[]).await;

    assert_eq!(sponsor(&member, &event, "series").await.status(), 303);
    app.state.outbox.ring();
    // The host is emailed.
    let told = |m: &harness::CapturedEmail| {
        m.is_to("host@example.org")
            && m.subject_starts("Integration Office Test sponsors Soup night")
    };
    app.smtp
        .wait_for_matching(told, 1, harness::smtp::MAIL_TIMEOUT)
        .await;

    // Someone else cannot decline for the host.
    let page = organiser.page(&format!("/events/{event}/manage")).await;
    let decline = page
        .attr(
            "form[action*='/sponsorships/'][action$='/decline']",
            "action",
        )
        .expect("the organisers can decline");
    assert_eq!(member.post_form(&decline, &[]).await.status(), 403);
    assert_eq!(organiser.post_form(&decline, &[]).await.status(), 303);
    let page = app.page(&format!("/events/{event}")).await;
    assert!(!page.text("main").contains("Sponsored by"));
    // The office cannot simply sponsor it again.
    let response = sponsor(&member, &event, "series").await;
    assert_eq!(response.status(), 422);
    let page = Page::from_response(response).await;
    assert!(page.text("#sponsor-error").contains("declined"));
    assert_eq!(
        audit_actions(&app).await,
        [
            "sponsored by officer@example.org",
            "declined by host@example.org"
        ]
    );
}

/// The public ids in the results list, in order.
async fn result_order(app: &TestApp, query: &str) -> Vec<String> {
    app.page(&format!("/?{query}")).await.attrs(
        "section[aria-labelledby=results-heading] .card-title a",
        "href",
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn sponsorship_never_reorders_results_and_the_strip_shows_only_inside() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    let mut events = Vec::new();
    for (n, (lat, lng)) in [
        (52.52, 13.35),
        (52.53, 13.36),
        (52.54, 13.45),
        (52.47, 13.32),
        (52.50, 13.65),
    ]
    .into_iter()
    .enumerate()
    {
        events.push(gathering_at(&app, &format!("Gathering {n}"), lat, lng, n as i64 + 2).await);
    }
    let soonest = "near=52.52,13.36&radius=30";
    let nearest = "near=52.52,13.36&radius=30&sort=distance";
    let before = (
        result_order(&app, soonest).await,
        result_order(&app, nearest).await,
    );
    assert_eq!(before.0.len(), 5);

    // Sponsor the latest and the farthest.
    assert_eq!(sponsor(&member, &events[4], "series").await.status(), 303);
    assert_eq!(sponsor(&member, &events[2], "series").await.status(), 303);
    let after = (
        result_order(&app, soonest).await,
        result_order(&app, nearest).await,
    );
    assert_eq!(before, after, "the same order with and without sponsorship");

    // Inside the area: the strip shows them (at most three), soonest first.
    let page = app.page(&format!("/?{soonest}")).await;
    assert_eq!(
        page.attrs(".sponsored-strip .card-title a", "href"),
        [
            format!("/events/{}", events[2]),
            format!("/events/{}", events[4])
        ]
    );
    assert!(
        page.text("section[aria-labelledby=results-heading]")
            .contains("Sponsored by Integration Office Test")
    );
    // In the hole, or outside: no strip.
    for point in ["near=52.50,13.40&radius=30", "near=52.50,13.55&radius=30"] {
        let page = app.page(&format!("/?{point}")).await;
        assert!(!page.has(".sponsored-strip"), "{point}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_overview_counts_only_aggregates_and_withholds_small_groups() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    let busy = gathering_at(&app, "Busy supper", 52.52, 13.35, 3).await;
    let quiet = gathering_at(&app, "Quiet walk", 52.53, 13.36, 4).await;
    let _elsewhere = gathering_at(&app, "Elsewhere", 48.85, 2.35, 3).await;
    assert_eq!(sponsor(&member, &busy, "series").await.status(), 303);
    // Nine people going to the two gatherings, by device.
    let db = &app.state.db;
    for (n, (event, party)) in [(&busy, 3), (&busy, 4), (&quiet, 2)]
        .into_iter()
        .enumerate()
    {
        let date = occurrence::Entity::find()
            .filter(
                occurrence::Column::EventId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(event::Column::Id)
                        .from(event::Entity)
                        .and_where(event::Column::PublicId.eq(event.as_str()))
                        .to_owned(),
                ),
            )
            .one(db)
            .await
            .unwrap()
            .unwrap();
        replies::join(
            db,
            &app.settings.server.public_url,
            event,
            date.id,
            Who::Device {
                device_hash: format!("device-{n}"),
            },
            PartySize::parse(&party.to_string(), 4).unwrap(),
            Default::default(),
            Default::default(),
            &Default::default(),
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    }

    let from = Utc::now().date_naive();
    let to = from + Duration::days(30);
    let path = format!("/offices/{OFFICE}/overview?from={from}&to={to}");
    // Members only.
    assert!(
        Browser::new(&app)
            .get(&path)
            .await
            .status()
            .is_redirection(),
        "to sign in"
    );
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    assert_eq!(stranger.get(&path).await.status(), 403);
    assert_eq!(
        stranger
            .get(&format!(
                "/offices/{OFFICE}/overview.csv?from={from}&to={to}"
            ))
            .await
            .status(),
        403
    );

    let page = member.page(&path).await;
    assert_eq!(page.status, 200);
    let figure = |name: &str| page.text(&format!("[data-figure={name}]"));
    assert_eq!(figure("gatherings"), "2", "Paris is not in the area");
    assert_eq!(figure("sponsored"), "1");
    assert_eq!(
        figure("people_going"),
        "10",
        "9 people, rounded to the nearest 5"
    );
    assert_eq!(figure("volunteer_signups"), "fewer than 5");
    assert_eq!(
        page.texts("figure.chart svg").len(),
        2,
        "two charts, no script"
    );
    assert!(page.inner_html("figure.chart").contains("Food"));
    assert!(!page.source.contains("device-0"), "no identities");

    let csv = member
        .get(&format!(
            "/offices/{OFFICE}/overview.csv?from={from}&to={to}"
        ))
        .await
        .text()
        .await
        .unwrap();
    for line in [
        "gatherings,2",
        "sponsored,1",
        "people_going,\"10\"",
        "volunteer_signups,\"fewer than 5\"",
        "category:food,2",
    ] {
        assert!(csv.contains(line), "{line} in {csv}");
    }

    // Once every date's guests are forgotten, the figures are the same.
    let later = Utc::now() + Duration::days(60);
    let forgotten = app::backend::privacy::forget::forget_due(db, later)
        .await
        .unwrap();
    assert_eq!(forgotten.dates, 3);
    let csv_after = member
        .get(&format!(
            "/offices/{OFFICE}/overview.csv?from={from}&to={to}"
        ))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(csv_after, csv);

    // A bad period: a clear message, not a 500.
    let page = member
        .page(&format!("/offices/{OFFICE}/overview?from={to}&to={from}"))
        .await;
    assert!(page.text("main").contains("at most one year"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sponsoring_at_once_from_many_tabs_makes_one_sponsorship() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    let event = gathering_at(&app, "Popular", 52.52, 13.35, 3).await;
    let member = &member;
    let event = &event;
    let answers = futures_util::future::join_all(
        (0..20).map(|_| async move { sponsor(member, event, "series").await.status().as_u16() }),
    )
    .await;
    assert_eq!(
        answers.iter().filter(|s| **s == 303).count(),
        1,
        "{answers:?}"
    );
    assert!(
        answers.iter().all(|s| *s == 303 || *s == 409),
        "{answers:?}"
    );
    assert_eq!(
        audit_actions(&app).await,
        ["sponsored by officer@example.org"],
        "one sponsorship, audited once"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_offices_sponsored_gatherings_can_be_subscribed_to() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;
    let sponsored = gathering_at(&app, "Sponsored supper", 52.52, 13.35, 3).await;
    let _other = gathering_at(&app, "Unsponsored walk", 52.53, 13.36, 4).await;
    assert_eq!(sponsor(&member, &sponsored, "series").await.status(), 303);

    let page = Browser::new(&app).page(&format!("/offices/{OFFICE}")).await;
    assert!(
        page.attr(".feeds a[href^='webcal://']", "href")
            .unwrap()
            .ends_with(&format!("/offices/{OFFICE}/calendar.ics"))
    );
    for path in ["feed.atom", "feed.rss", "calendar.ics"] {
        let response = app.get(&format!("/offices/{OFFICE}/{path}")).await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        assert!(body.contains("Sponsored supper"), "{path}: {body}");
        assert!(!body.contains("Unsponsored walk"), "{path}");
    }
    assert_eq!(
        app.get("/offices/no-such-office/feed.atom").await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn an_office_with_nothing_sponsored_says_what_to_do_next() {
    let app = spawn_app().await;
    let member = office_with_member(&app).await;

    // Its people learn how sponsoring starts.
    let own = Page::from_response(member.get(&format!("/offices/{OFFICE}")).await).await;
    let said = own.text("section[aria-labelledby=sponsored-heading] .empty-state");
    assert!(said.contains("press “Sponsor as …” on its page"), "{said}");

    // Anyone else is pointed to the gatherings near them.
    let public = app.page(&format!("/offices/{OFFICE}")).await;
    let said = public.text("section[aria-labelledby=sponsored-heading] .empty-state");
    assert_eq!(said, "This office sponsors no upcoming gathering yet.");
    assert!(public.has("section[aria-labelledby=sponsored-heading] a[href='/']"));
    assert!(
        !public.source.contains("Sponsor as"),
        "no instructions for strangers"
    );
}
