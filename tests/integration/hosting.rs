//! Hosts and their gatherings: creating a host page, creating a recurring
//! gathering through the form, who may do what, editing and cancelling.

use app::backend::entities::{event, occurrence};
use app::domain::status::DateStatus;
use chrono::{Datelike, Duration, NaiveDate, Timelike, Utc, Weekday};
use harness::{Browser, Page, TestApp, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

/// A signed-in browser that owns a new host; returns it with the host's slug.
async fn organiser(app: &TestApp, email: &str, host_name: &str) -> (Browser, String) {
    let browser = Browser::new(app);
    browser.sign_in(app, email).await;
    let response = browser
        .post_form(
            "/hosts",
            &[("name", host_name), ("description", "We cook together.")],
        )
        .await;
    assert_eq!(response.status(), 303, "creating a host redirects to it");
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let slug = location.trim_start_matches("/hosts/").to_string();
    (browser, slug)
}

/// The next `weekday` at least a week away.
fn next(weekday: Weekday) -> NaiveDate {
    let mut date = Utc::now().date_naive() + Duration::days(7);
    while date.weekday() != weekday {
        date += Duration::days(1);
    }
    date
}

fn weekly_supper(start: NaiveDate) -> Vec<(&'static str, String)> {
    vec![
        ("title_en", "Tuesday supper club".into()),
        ("description_en", "Bring a dish **from home**.".into()),
        ("category", "food".into()),
        ("language", "ar".into()),
        ("language", "de".into()),
        ("access", "step_free".into()),
        ("is_free", "1".into()),
        ("place_name", "Nachbarschaftshaus".into()),
        ("address", "Urbanstraße 21".into()),
        ("location", "52.4935, 13.4190".into()),
        ("start_date", start.to_string()),
        ("start_time", "18:00".into()),
        ("end_time", "20:30".into()),
        ("repeat", "weekly".into()),
        ("ends", "after".into()),
        ("count", "6".into()),
        ("capacity", "40".into()),
    ]
}

fn as_refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn create_supper(app: &TestApp, browser: &Browser, slug: &str) -> String {
    let fields = weekly_supper(next(Weekday::Tue));
    let response = browser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
        .await;
    assert_eq!(
        response.status(),
        303,
        "{}",
        response.text().await.unwrap_or_default()
    );
    let location = response.headers()["location"].to_str().unwrap().to_string();
    let _ = app;
    location.trim_start_matches("/events/").to_string()
}

async fn dates_of(app: &TestApp, public_id: &str) -> Vec<occurrence::Model> {
    let event = event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .expect("the gathering exists");
    occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(event.id))
        .order_by_asc(occurrence::Column::StartsAt)
        .all(&app.state.db)
        .await
        .unwrap()
}

fn berlin_times(dates: &[occurrence::Model]) -> Vec<String> {
    dates
        .iter()
        .map(|o| {
            o.starts_at
                .with_timezone(&chrono_tz::Europe::Berlin)
                .format("%a %H:%M")
                .to_string()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organiser_publishes_a_weekly_gathering_that_residents_find() {
    let app = spawn_app().await;
    let (browser, slug) = organiser(&app, "amal@example.org", "Kiezküche Kreuzberg").await;
    assert_eq!(slug, "kiezkuche-kreuzberg");

    let public_id = create_supper(&app, &browser, &slug).await;
    let dates = dates_of(&app, &public_id).await;
    assert_eq!(dates.len(), 6);
    assert!(
        berlin_times(&dates).iter().all(|t| t == "Tue 18:00"),
        "{:?}",
        berlin_times(&dates)
    );

    let page = Browser::new(&app)
        .page(&format!("/events/{public_id}"))
        .await;
    assert_eq!(page.status, 200);
    assert_eq!(page.text("h1"), "Tuesday supper club");
    assert!(page.source.contains("<strong>from home</strong>"));
    assert!(
        !page.has("a[href$='/manage']"),
        "residents see no manage link"
    );
    let own = browser.page(&format!("/events/{public_id}")).await;
    assert!(own.has(&format!("a[href='/events/{public_id}/manage']")));

    // A resident searching near Kreuzberg finds it.
    let results = Browser::new(&app).page("/?place=52.4935,13.4190").await;
    assert!(
        results
            .texts(".card-title")
            .contains(&"Tuesday supper club".to_string())
    );
    let host_page = Browser::new(&app).page(&format!("/hosts/{slug}")).await;
    assert!(
        host_page
            .texts(".card-title")
            .contains(&"Tuesday supper club".to_string())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bad_form_is_shown_again_with_its_problems_and_nothing_is_created() {
    let app = spawn_app().await;
    let (browser, slug) = organiser(&app, "amal@example.org", "Kiezküche").await;
    let mut fields = weekly_supper(next(Weekday::Tue));
    fields.retain(|(k, _)| !matches!(*k, "title_en" | "category"));
    fields.push(("title_ar", "<script>alert(1)</script>".into()));
    fields.retain(|(k, _)| *k != "start_time");
    fields.push(("start_time", "25:99".into()));
    let response = browser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 422);
    let page = Page::from_response(response).await;
    let problems = page.texts(".error-summary li");
    assert!(
        problems.iter().any(|p| p.contains("category")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("start time")),
        "{problems:?}"
    );
    // What was typed is kept, escaped.
    assert_eq!(
        page.attr("#place_name", "value").as_deref(),
        Some("Nachbarschaftshaus")
    );
    assert!(!page.source.contains("<script>alert(1)</script>"));
    assert_eq!(event::Entity::find().count(&app.state.db).await.unwrap(), 0);
}

#[tokio::test(flavor = "multi_thread")]
async fn descriptions_cannot_carry_scripts() {
    let app = spawn_app().await;
    let (browser, slug) = organiser(&app, "amal@example.org", "Kiezküche").await;
    let mut fields = weekly_supper(next(Weekday::Tue));
    fields.retain(|(k, _)| *k != "description_en");
    fields.push((
        "description_en",
        "Hi <script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))".into(),
    ));
    let response = browser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
        .await;
    let public_id = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/events/")
        .to_string();
    let page = Browser::new(&app)
        .page(&format!("/events/{public_id}"))
        .await;
    let description = page.inner_html(".description");
    assert!(description.contains("Hi "), "{description}");
    assert!(!page.has(".description script"), "{description}");
    assert!(!page.has(".description [onerror]"), "{description}");
    assert!(!page.has(".description img"), "{description}");
    assert!(!description.contains("javascript:"), "{description}");
}

#[tokio::test(flavor = "multi_thread")]
async fn organisers_edit_the_series_and_cancel_one_date_or_all() {
    let app = spawn_app().await;
    let (browser, slug) = organiser(&app, "amal@example.org", "Kiezküche").await;
    let public_id = create_supper(&app, &browser, &slug).await;

    // The edit form comes filled in with what is stored.
    let manage = browser.page(&format!("/events/{public_id}/manage")).await;
    assert_eq!(manage.status, 200);
    assert_eq!(
        manage.attr("#start_time", "value").as_deref(),
        Some("18:00")
    );
    assert_eq!(manage.attr("#count", "value").as_deref(), Some("6"));

    let mut fields = weekly_supper(next(Weekday::Tue));
    fields.retain(|(k, _)| *k != "start_time" && *k != "end_time");
    fields.push(("start_time", "19:00".into()));
    fields.push(("end_time", "21:00".into()));
    let response = browser
        .post_form(&format!("/events/{public_id}/manage"), &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 303);
    let dates = dates_of(&app, &public_id).await;
    assert_eq!(dates.len(), 6);
    assert!(berlin_times(&dates).iter().all(|t| t == "Tue 19:00"));

    let second = dates[1].id;
    let response = browser
        .post_form(&format!("/events/{public_id}/dates/{second}/cancel"), &[])
        .await;
    assert_eq!(response.status(), 303);
    let statuses: Vec<DateStatus> = dates_of(&app, &public_id)
        .await
        .into_iter()
        .map(|o| o.status)
        .collect();
    let cancelled = |s: &&DateStatus| **s == DateStatus::Cancelled;
    assert_eq!(statuses.iter().filter(cancelled).count(), 1);
    assert_eq!(statuses[1], DateStatus::Cancelled);

    let response = browser
        .post_form(&format!("/events/{public_id}/cancel"), &[])
        .await;
    assert_eq!(response.status(), 303);
    assert!(
        dates_of(&app, &public_id)
            .await
            .iter()
            .all(|o| o.status == DateStatus::Cancelled)
    );
    let page = Browser::new(&app)
        .page(&format!("/events/{public_id}"))
        .await;
    assert!(page.has(".notice"), "the public page says it is cancelled");
}

/// Who is asking, in the permission table.
#[derive(Debug, Clone, Copy)]
enum Who {
    Anonymous,
    Resident,
    OtherHostsOrganiser,
    Organiser,
}

#[tokio::test(flavor = "multi_thread")]
async fn only_the_hosts_organisers_create_and_edit_its_gatherings() {
    let app = spawn_app().await;
    let (owner, slug) = organiser(&app, "owner@example.org", "Kiezküche").await;
    let public_id = create_supper(&app, &owner, &slug).await;
    let (other, _) = organiser(&app, "other@example.org", "Sportverein").await;
    let resident = Browser::new(&app);
    resident.sign_in(&app, "resident@example.org").await;
    let anonymous = Browser::new(&app);
    let first_date = dates_of(&app, &public_id).await[0].id;
    let fields = weekly_supper(next(Weekday::Wed));

    for who in [
        Who::Anonymous,
        Who::Resident,
        Who::OtherHostsOrganiser,
        Who::Organiser,
    ] {
        let browser = match who {
            Who::Anonymous => &anonymous,
            Who::Resident => &resident,
            Who::OtherHostsOrganiser => &other,
            Who::Organiser => &owner,
        };
        let before = dates_of(&app, &public_id).await;
        let events_before = event::Entity::find().count(&app.state.db).await.unwrap();

        let new_page = browser
            .get(&format!("/hosts/{slug}/gatherings/new"))
            .await
            .status()
            .as_u16();
        let manage_page = browser
            .get(&format!("/events/{public_id}/manage"))
            .await
            .status()
            .as_u16();
        let create = browser
            .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
            .await;
        let create_status = create.status().as_u16();
        let create_location = create
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());
        let cancel = browser
            .post_form(
                &format!("/events/{public_id}/dates/{first_date}/cancel"),
                &[],
            )
            .await;
        let cancel_status = cancel.status().as_u16();
        let cancel_location = cancel
            .headers()
            .get("location")
            .map(|l| l.to_str().unwrap().to_string());

        match who {
            Who::Anonymous => {
                assert_eq!(new_page, 302, "{who:?}: sent to sign in");
                assert_eq!(manage_page, 302, "{who:?}");
                assert_eq!(create_status, 303, "{who:?}");
                assert!(create_location.unwrap().starts_with("/sign-in"), "{who:?}");
                assert!(cancel_location.unwrap().starts_with("/sign-in"), "{who:?}");
            }
            Who::Resident | Who::OtherHostsOrganiser => {
                assert_eq!(new_page, 403, "{who:?}");
                assert_eq!(manage_page, 403, "{who:?}");
                assert_eq!(create_status, 403, "{who:?}");
                assert_eq!(cancel_status, 403, "{who:?}");
            }
            Who::Organiser => {
                assert_eq!(new_page, 200, "{who:?}");
                assert_eq!(manage_page, 200, "{who:?}");
                assert_eq!(create_status, 303, "{who:?}");
                assert!(create_location.unwrap().starts_with("/events/"), "{who:?}");
                assert_eq!(cancel_status, 303, "{who:?}");
                continue;
            }
        }
        // Refused: nothing changed.
        assert_eq!(dates_of(&app, &public_id).await, before, "{who:?}");
        assert_eq!(
            event::Entity::find().count(&app.state.db).await.unwrap(),
            events_before,
            "{who:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn series_from_the_form_keep_local_time_follow_weekday_rules_and_skip_exceptions() {
    let app = spawn_app().await;
    let (browser, slug) = organiser(&app, "amal@example.org", "Kiezküche").await;
    let create = |fields: Vec<(&'static str, String)>| {
        let browser = &browser;
        let slug = slug.clone();
        async move {
            let response = browser
                .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
                .await;
            assert_eq!(response.status(), 303);
            response.headers()["location"]
                .to_str()
                .unwrap()
                .trim_start_matches("/events/")
                .to_string()
        }
    };
    // The next European clock change at least two weeks away (the last
    // Sunday of March or October), and the Tuesday two weeks before it.
    let change = next_clock_change(Utc::now().date_naive() + Duration::days(14));
    let first = change - Duration::days(12);
    assert_eq!(first.weekday(), Weekday::Tue);
    let with = |changes: &[(&'static str, &str)]| {
        let mut fields = weekly_supper(first);
        fields.retain(|(k, _)| !changes.iter().any(|(c, _)| c == k));
        fields.extend(changes.iter().map(|(k, v)| (*k, v.to_string())));
        fields
    };

    // Weekly at 18:00 Berlin across the change: the UTC hour moves, the
    // local one does not.
    let weekly = create(with(&[("count", "4")])).await;
    let dates = dates_of(&app, &weekly).await;
    assert!(berlin_times(&dates).iter().all(|t| t == "Tue 18:00"));
    let utc: Vec<u32> = dates.iter().map(|o| o.starts_at.hour()).collect();
    let expected = if change.month() == 3 {
        [17, 17, 16, 16]
    } else {
        [16, 16, 17, 17]
    };
    assert_eq!(utc, expected);

    // Monthly on the second Tuesday, skipping the third date.
    let seconds: Vec<NaiveDate> = (1..=4)
        .map(|n| second_tuesday(Utc::now().date_naive(), n))
        .collect();
    let skipped = seconds[2].to_string();
    let monthly = create(with(&[
        ("start_date", &seconds[0].to_string()),
        ("repeat", "monthly"),
        ("ends", "after"),
        ("count", "4"),
        ("exceptions", &skipped),
    ]))
    .await;
    let days: Vec<NaiveDate> = dates_of(&app, &monthly)
        .await
        .iter()
        .map(|o| {
            o.starts_at
                .with_timezone(&chrono_tz::Europe::Berlin)
                .date_naive()
        })
        .collect();
    // The skipped date still counts towards the four (RFC 5545 semantics).
    assert_eq!(days, [seconds[0], seconds[1], seconds[3]]);
}

/// The first last-Sunday-of-March-or-October on or after `from`.
fn next_clock_change(from: NaiveDate) -> NaiveDate {
    let last_sunday = |year: i32, month: u32| {
        let mut day = NaiveDate::from_ymd_opt(year, month + 1, 1).unwrap() - Duration::days(1);
        while day.weekday() != Weekday::Sun {
            day -= Duration::days(1);
        }
        day
    };
    [(from.year(), 3), (from.year(), 10), (from.year() + 1, 3)]
        .into_iter()
        .map(|(year, month)| last_sunday(year, month))
        .find(|day| *day >= from)
        .unwrap()
}

/// The second Tuesday of the `n`th month after `today`'s.
fn second_tuesday(today: NaiveDate, n: u32) -> NaiveDate {
    let month0 = today.month0() + n;
    let mut day =
        NaiveDate::from_ymd_opt(today.year() + (month0 / 12) as i32, month0 % 12 + 1, 8).unwrap();
    while day.weekday() != Weekday::Tue {
        day += Duration::days(1);
    }
    day
}

#[tokio::test(flavor = "multi_thread")]
async fn raising_the_capacity_seats_the_waiting_list_and_tells_them_once() {
    let app = spawn_app().await;
    let (organiser, slug) = organiser(&app, "amal@example.org", "Kiezküche").await;
    let mut fields = weekly_supper(next(Weekday::Tue));
    fields.retain(|(k, _)| *k != "capacity");
    fields.push(("capacity", "1".into()));
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 303);
    let public_id = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/events/")
        .to_string();
    let first = dates_of(&app, &public_id).await[0].id.to_string();

    // One place: Ana has it, Ben waits.
    for (email, standing) in [
        ("ana@example.org", "going"),
        ("ben@example.org", "waitlisted"),
    ] {
        let resident = Browser::new(&app);
        resident.sign_in(&app, email).await;
        let reply = [
            ("how", "account"),
            ("occurrence", first.as_str()),
            ("party", "1"),
        ];
        let response = resident
            .post_form(&format!("/events/{public_id}/rsvp"), &reply)
            .await;
        assert_eq!(
            response.headers()["location"],
            format!("/events/{public_id}?rsvp={standing}#rsvp").as_str()
        );
    }

    // Two places: the same save seats Ben, and he hears it once.
    fields.retain(|(k, _)| *k != "capacity");
    fields.push(("capacity", "2".into()));
    let response = organiser
        .post_form(&format!("/events/{public_id}/manage"), &as_refs(&fields))
        .await;
    assert_eq!(response.status(), 303);
    let manage = organiser.page(&format!("/events/{public_id}/manage")).await;
    assert_eq!(manage.attr("#capacity", "value").as_deref(), Some("2"));
    let page = Browser::new(&app)
        .page(&format!("/events/{public_id}"))
        .await;
    assert!(
        !page.text("main").contains("on the waiting list"),
        "nobody waits any more: {}",
        page.text("main")
    );
    let promoted =
        |m: &harness::CapturedEmail| m.is_to("ben@example.org") && m.subject_starts("Good news");
    app.smtp.expect_exactly_matching(promoted, 1).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_without_gatherings_says_what_to_do_next() {
    let app = spawn_app().await;
    let organiser = Browser::new(&app);
    organiser.sign_in(&app, "new-host@example.org").await;
    let slug = organiser.create_host(&[("name", "Kiezküche")]).await;

    // The team is told how to start; anyone else how to hear of the next.
    let own = Page::from_response(organiser.get(&format!("/hosts/{slug}")).await).await;
    assert!(
        own.text(".empty-state")
            .contains("Start with “New gathering” above")
    );
    let public = app.page(&format!("/hosts/{slug}")).await;
    assert_eq!(
        public.text(".empty-state"),
        "Nothing planned yet. Subscribe to the calendar above to hear of the next gathering."
    );
}
