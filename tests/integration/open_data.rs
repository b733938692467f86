//! Nothing personal leaves through the open formats: with the demo data
//! filled with replies — by email with a name, signed in with a display
//! name, anonymous from a device — and a gathering whose street is for
//! guests only, no feed, calendar, widget, poster, public page or public
//! JSON answer (the pages' own and `/api/v1`) holds a guest's name, address, device hash or that street.

use app::backend::entities::{event, host, occurrence, rsvp};
use app::domain::status::GatheringStatus;
use harness::organiser::{GUARDED_STREET, with_gathering};
use harness::{Browser, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Replies to the next date of `event` three ways; returns what must never
/// be published: the names and addresses used.
async fn reply_every_way(app: &TestApp, event: &str, n: usize) -> Vec<String> {
    let gathering = app::backend::gatherings::by_public_id(&app.state.db, event)
        .await
        .unwrap()
        .unwrap();
    let date = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(gathering.id))
        // Not the demo's date last week.
        .filter(occurrence::Column::StartsAt.gt(chrono::Utc::now()))
        .order_by_asc(occurrence::Column::StartsAt)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let date = date.id.to_string();
    let (name, email) = (
        format!("Zuleika Secretname{n}"),
        format!("zuleika{n}@guests.example"),
    );
    let by_email = Browser::new(app);
    let response = by_email
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "email"),
                ("occurrence", &date),
                ("email", &email),
                ("name", &name),
            ],
        )
        .await;
    assert!(response.status().is_redirection(), "{}", response.status());
    let confirm = app.smtp.link_to(&email, "/rsvps/confirm?token=").await;
    by_email.get(&confirm).await;

    let member_email = format!("yusuf{n}@members.example");
    let member_name = format!("Yusuf Hiddenname{n}");
    let member = Browser::new(app);
    member.sign_in(app, &member_email).await;
    member
        .post_form("/account", &[("display_name", &member_name)])
        .await;
    member
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "account"), ("occurrence", &date)],
        )
        .await;

    let device = Browser::new(app);
    device
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "anonymous"), ("occurrence", &date)],
        )
        .await;
    vec![name, email, member_email, member_name]
}

#[tokio::test(flavor = "multi_thread")]
async fn no_feed_calendar_widget_poster_or_public_json_holds_personal_data() {
    let app = spawn_app().await;
    server::seed::seed_demo(&app.state.db, chrono::Utc::now())
        .await
        .unwrap();
    let guarded = [("address", GUARDED_STREET), ("guests_only_address", "1")];
    let (_, own_host, own_event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &guarded).await;

    let mut events: Vec<String> = event::Entity::find()
        .select_only()
        .column(event::Column::PublicId)
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .order_by_asc(event::Column::Id)
        .limit(4)
        .into_tuple()
        .all(&app.state.db)
        .await
        .unwrap();
    events.push(own_event.clone());
    let mut secrets = vec![GUARDED_STREET.to_string()];
    for (n, event) in events.iter().enumerate() {
        secrets.extend(reply_every_way(&app, event, n).await);
    }
    let device_hashes: Vec<Option<String>> = rsvp::Entity::find()
        .select_only()
        .column(rsvp::Column::DeviceHash)
        .into_tuple()
        .all(&app.state.db)
        .await
        .unwrap();
    let device_hashes: Vec<String> = device_hashes.into_iter().flatten().collect();
    assert_eq!(
        device_hashes.len(),
        events.len(),
        "one anonymous reply each"
    );
    secrets.extend(device_hashes);

    let mut hosts: Vec<String> = host::Entity::find()
        .select_only()
        .column(host::Column::Slug)
        .order_by_asc(host::Column::Id)
        .limit(4)
        .into_tuple()
        .all(&app.state.db)
        .await
        .unwrap();
    hosts.push(own_host);
    let mut paths: Vec<String> = Vec::new();
    for slug in &hosts {
        for tail in ["feed.atom", "feed.rss", "calendar.ics"] {
            paths.push(format!("/hosts/{slug}/{tail}"));
        }
        paths.push(format!("/widget/hosts/{slug}?count=20"));
        paths.push(format!("/hosts/{slug}"));
        let slug: String = form_urlencoded::byte_serialize(slug.as_bytes()).collect();
        paths.push(format!("/api/host?slug={slug}&reader_language=en"));
        paths.push(format!("/api/v1/hosts/{slug}"));
    }
    let office = "demo-district";
    for tail in ["feed.atom", "feed.rss", "calendar.ics"] {
        paths.push(format!("/offices/{office}/{tail}"));
    }
    paths.push(format!("/widget/offices/{office}"));
    paths.push(format!("/api/v1/offices/{office}/area"));
    paths.push("/api/v1/places?prefix=Ber".to_string());
    for event in &events {
        paths.push(format!("/events/{event}"));
        paths.push(format!("/events/{event}/calendar.ics"));
        paths.push(format!("/events/{event}/poster"));
        paths.push(format!(
            "/api/gathering?public_id={event}&reader_language=en"
        ));
        paths.push(format!("/api/v1/gatherings/{event}"));
    }
    for search in ["place=Berlin", "near=52.52,13.405&radius=50", "place=Paris"] {
        for format in ["ics", "atom", "rss"] {
            paths.push(format!("/search.{format}?{search}"));
        }
        paths.push(format!("/widget/search?{search}&count=20"));
        paths.push(format!("/?{search}"));
        let query: String = form_urlencoded::byte_serialize(search.as_bytes()).collect();
        paths.push(format!("/api/search?query={query}&reader_language=en"));
        paths.push(format!("/api/v1/search?{search}"));
    }

    // Read by someone with no account and no replies, as the open formats
    // are; the JSON as a program asks for it.
    let mut own_event_seen = 0;
    for path in &paths {
        let response = app.get_with(path, "accept", "application/json").await;
        assert_eq!(response.status(), 200, "{path}");
        let body = response.text().await.unwrap();
        for secret in &secrets {
            assert!(!body.contains(secret.as_str()), "{path} holds {secret}");
        }
        if body.contains(&own_event) {
            own_event_seen += 1;
        }
    }
    // The scan read what it meant to: the gathering with the guarded
    // street is in its host's feeds and the searches around it.
    assert!(own_event_seen >= 10, "seen in {own_event_seen} answers");
}
