//! Calendar files stay true as a gathering changes: every date keeps its
//! UID, its SEQUENCE grows with each change, a cancelled date is sent as
//! cancelled (in the file and as an emailed cancellation), and the file
//! still answers when every date is cancelled. Each file is also read by
//! an independent parser (Python's `icalendar`).

use harness::organiser::{GUARDED_STREET, with_gathering, with_guarded_street};
use harness::{Browser, TestApp, spawn_app};

/// (UID, STATUS, SEQUENCE, DTSTART in UTC) of every event in `ics`, as
/// Python's `icalendar` reads it; it fails the test if it cannot.
fn parsed(ics: &str) -> Vec<(String, String, i64, String)> {
    let script = r#"
import sys, icalendar
calendar = icalendar.Calendar.from_ical(sys.stdin.read())
for event in calendar.walk("VEVENT"):
    start = event.decoded("DTSTART").strftime("%Y%m%dT%H%M%SZ")
    print(event["UID"], event.get("STATUS", ""), int(event.get("SEQUENCE", 0)), start, sep="\t")
"#;
    harness::python::run(script, &[], ics)
        .lines()
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            (f[0].into(), f[1].into(), f[2].parse().unwrap(), f[3].into())
        })
        .collect()
}

async fn calendar_file(app: &TestApp, event: &str) -> String {
    let response = app.get(&format!("/events/{event}/calendar.ics")).await;
    assert_eq!(response.status(), 200);
    response.text().await.unwrap()
}

/// The calendar attached to the newest email to `to` whose subject starts
/// with `subject`.
async fn emailed_calendar(app: &TestApp, to: &str, subject: &str) -> String {
    let mail = app
        .smtp
        .wait_for_matching(
            |m| m.is_to(to) && m.subject_starts(subject),
            1,
            harness::smtp::MAIL_TIMEOUT,
        )
        .await;
    mail.last()
        .unwrap()
        .body("text/calendar")
        .expect("a calendar attached")
}

#[tokio::test(flavor = "multi_thread")]
async fn a_guests_calendar_follows_every_change_to_a_date() {
    let app = spawn_app().await;
    let weekly = [("repeat", "weekly"), ("ends", "after"), ("count", "3")];
    let (organiser, _, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &weekly).await;
    let dates = parsed(&calendar_file(&app, &event).await);
    assert_eq!(dates.len(), 3);
    assert!(
        dates
            .iter()
            .all(|(_, status, sequence, _)| status == "CONFIRMED" && *sequence == 0)
    );
    let first_uid = dates[0].0.clone();
    let first_id = date_id(&first_uid);

    // A guest comes and gets an invitation for the date.
    let guest = Browser::new(&app);
    guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("how", "email"),
                ("occurrence", &first_id),
                ("email", "ana@example.org"),
            ],
        )
        .await;
    guest
        .get(
            &app.smtp
                .link_to("ana@example.org", "/rsvps/confirm?token=")
                .await,
        )
        .await;
    let invitation = emailed_calendar(&app, "ana@example.org", "You are coming").await;
    assert!(invitation.contains("METHOD:REQUEST\r\n"), "{invitation}");
    assert!(invitation.contains("ATTENDEE;RSVP=FALSE:mailto:ana@example.org\r\n"));
    assert_eq!(
        parsed(&invitation),
        [(first_uid.clone(), "CONFIRMED".into(), 0, dates[0].3.clone())]
    );

    // The date moves an hour later: same UID, SEQUENCE 1, new start — in
    // the file and in the email.
    let day = harness::organiser::start_date();
    let moved = organiser
        .post_form(
            &format!("/events/{event}/dates/{first_id}/move"),
            &[
                ("start_date", &day),
                ("start_time", "19:00"),
                ("end_time", "21:00"),
            ],
        )
        .await;
    assert_eq!(moved.status(), 303);
    let update = parsed(&emailed_calendar(&app, "ana@example.org", "New time").await);
    assert_eq!(update[0].0, first_uid);
    assert_eq!(update[0].2, 1);
    assert_ne!(update[0].3, dates[0].3, "the new start");
    let file = parsed(&calendar_file(&app, &event).await);
    assert_eq!(file[0], update[0].clone());

    // Then it is cancelled: the email asks the calendar to remove it, and
    // the file keeps it, marked cancelled, with a higher SEQUENCE.
    let cancelled = organiser
        .post_form(&format!("/events/{event}/dates/{first_id}/cancel"), &[])
        .await;
    assert_eq!(cancelled.status(), 303);
    let removal = emailed_calendar(&app, "ana@example.org", "Cancelled").await;
    assert!(removal.contains("METHOD:CANCEL\r\n"), "{removal}");
    let removal = parsed(&removal);
    assert_eq!(
        (removal[0].0.as_str(), removal[0].1.as_str(), removal[0].2),
        (first_uid.as_str(), "CANCELLED", 2)
    );
    let file = parsed(&calendar_file(&app, &event).await);
    assert_eq!(file.len(), 3);
    assert_eq!((file[0].1.as_str(), file[0].2), ("CANCELLED", 2));
    assert!(
        file[1..]
            .iter()
            .all(|(_, status, sequence, _)| status == "CONFIRMED" && *sequence == 0)
    );

    // The whole gathering is cancelled: the file still answers, with every
    // date cancelled, so subscribed calendars drop them.
    let all = organiser
        .post_form(&format!("/events/{event}/cancel"), &[])
        .await;
    assert!(all.status().is_redirection(), "{}", all.status());
    let file = parsed(&calendar_file(&app, &event).await);
    assert_eq!(file.len(), 3);
    assert!(
        file.iter().all(|(_, status, _, _)| status == "CANCELLED"),
        "{file:?}"
    );
    assert!(
        file[1..].iter().all(|(_, _, sequence, _)| *sequence == 1),
        "{file:?}"
    );
}

/// The date id in a UID `occurrence-<id>@…`.
fn date_id(uid: &str) -> String {
    uid.trim_start_matches("occurrence-")
        .split('@')
        .next()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn my_gatherings_calendar_holds_only_my_dates_behind_an_address_i_can_stop() {
    let app = spawn_app().await;
    let weekly = [("repeat", "weekly"), ("ends", "after"), ("count", "3")];
    let (organiser, slug, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &weekly).await;
    // Another gathering, with its street kept for guests, that the guest
    // replies to as well: the street stays out of the calendar.
    let tea = with_guarded_street(&organiser, &slug, "Tea in the yard", &[]).await;

    let soup_dates = parsed(&calendar_file(&app, &event).await);
    let tea_dates = parsed(&calendar_file(&app, &tea).await);
    let guest = Browser::new(&app);
    guest.sign_in(&app, "guest@example.org").await;
    for (gathering, date) in [(&event, &soup_dates[1].0), (&tea, &tea_dates[0].0)] {
        let reply = guest
            .post_form(
                &format!("/events/{gathering}/rsvp"),
                &[("how", "account"), ("occurrence", &date_id(date))],
            )
            .await;
        assert_eq!(reply.status(), 303);
    }

    // Nobody has an address yet; made-up ones are not found.
    let made_up = format!("/my/calendar/{}.ics", "a".repeat(43));
    assert_eq!(app.get(&made_up).await.status(), 404);
    assert_eq!(app.get("/my/calendar/short.ics").await.status(), 404);

    let sent = guest.post_form("/account/calendar-link", &[]).await;
    assert_eq!(sent.status(), 303);
    let account = guest.get("/account").await.text().await.unwrap();
    assert!(account.contains("A calendar address has been working since"));
    let first_link = app.smtp.link_to("guest@example.org", "/my/calendar/").await;
    let first_path = first_link.strip_prefix(&app.address).unwrap().to_string();
    let response = app.get(&first_path).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-cache");
    let ics = response.text().await.unwrap();
    let mine: Vec<String> = parsed(&ics).into_iter().map(|(uid, ..)| uid).collect();
    assert_eq!(mine.len(), 2, "{ics}");
    assert!(mine.contains(&soup_dates[1].0), "the date I reply to");
    assert!(!mine.contains(&soup_dates[0].0), "not the dates I do not");
    assert!(mine.contains(&tea_dates[0].0));
    assert!(
        !ics.contains(GUARDED_STREET),
        "the street stays out of calendars"
    );
    // Once the email is delivered, no row holds the address: not the link
    // (its hash only), not the copy of the email the outbox keeps.
    let token = first_path
        .trim_start_matches("/my/calendar/")
        .trim_end_matches(".ics");
    let mut holding = harness::scan::rows_containing(&app.state.db, token).await;
    for _ in 0..50 {
        if holding.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        holding = harness::scan::rows_containing(&app.state.db, token).await;
    }
    assert!(holding.is_empty(), "{holding:?}");

    // A new address stops the old one.
    guest.post_form("/account/calendar-link", &[]).await;
    let second_link = app
        .smtp
        .wait_for_matching(
            |m| {
                m.is_to("guest@example.org")
                    && m.word_with("/my/calendar/")
                        .is_some_and(|w| w != first_link)
            },
            1,
            harness::smtp::MAIL_TIMEOUT,
        )
        .await
        .last()
        .unwrap()
        .word_with("/my/calendar/")
        .unwrap();
    let second_path = second_link.strip_prefix(&app.address).unwrap().to_string();
    assert_eq!(app.get(&first_path).await.status(), 404);
    assert_eq!(app.get(&second_path).await.status(), 200);

    // Stopping it ends it; someone else cannot stop it, nor ask without an
    // account.
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    stranger.post_form("/account/calendar-link/stop", &[]).await;
    assert_eq!(app.get(&second_path).await.status(), 200);
    let anonymous = Browser::new(&app);
    let refused = anonymous.post_form("/account/calendar-link", &[]).await;
    assert!(refused.status().is_client_error() || refused.status() == 303);
    guest.post_form("/account/calendar-link/stop", &[]).await;
    assert_eq!(app.get(&second_path).await.status(), 404);
    let account = guest.get("/account").await.text().await.unwrap();
    assert!(!account.contains("A calendar address has been working since"));
}

/// The last Sunday of March of `year`: Europe's clocks go forward that night.
fn summer_time_starts(year: i32) -> chrono::NaiveDate {
    use chrono::Datelike;
    let end_of_march = chrono::NaiveDate::from_ymd_opt(year, 3, 31).unwrap();
    end_of_march - chrono::Duration::days(i64::from(end_of_march.weekday().num_days_from_sunday()))
}

#[tokio::test(flavor = "multi_thread")]
async fn a_series_across_the_clock_change_keeps_its_local_time_in_calendar_apps() {
    use chrono::Datelike;
    let app = spawn_app().await;
    // Next year's spring change, whatever today is: three weekly dates
    // from ten days before it, so the third is after it.
    let change = summer_time_starts(chrono::Utc::now().year() + 1);
    let start = (change - chrono::Duration::days(10)).to_string();
    let (organiser, slug, _) = with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let mut fields = harness::organiser::soup_night(&start, "52.52, 13.405");
    fields.extend([("repeat", "weekly"), ("ends", "after"), ("count", "3")]);
    let created = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(created.status(), 303);
    let event = created.headers()["location"].to_str().unwrap()["/events/".len()..].to_string();

    // The page's times (here as the public API gives them): 18:00 each week.
    let gathering: serde_json::Value = app
        .get(&format!("/api/v1/gatherings/{event}"))
        .await
        .json()
        .await
        .unwrap();
    let page_times: Vec<String> = gathering["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["starts_local"].as_str().unwrap().replace('T', " "))
        .collect();
    assert_eq!(page_times.len(), 3);
    assert!(
        page_times.iter().all(|t| t.ends_with("18:00:00")),
        "{page_times:?}"
    );

    // A calendar app's view: the file expanded by `recurring-ical-events`
    // over the whole year, shown in Berlin time.
    let ics = calendar_file(&app, &event).await;
    let script = r#"
import sys, icalendar, recurring_ical_events
from datetime import date
from zoneinfo import ZoneInfo
calendar = icalendar.Calendar.from_ical(sys.stdin.read())
year = int(sys.argv[1])
for event in recurring_ical_events.of(calendar).between(date(year, 1, 1), date(year + 1, 1, 1)):
    start = event.decoded("DTSTART")
    print(start.astimezone(ZoneInfo("Europe/Berlin")).strftime("%Y-%m-%d %H:%M:%S"), start.strftime("%H:%M"))
"#;
    let year = change.year().to_string();
    let lines: Vec<(String, String)> = harness::python::run(script, &[&year], &ics)
        .lines()
        .map(|line| {
            let (local, utc) = line.rsplit_once(' ').unwrap();
            (local.to_string(), utc.to_string())
        })
        .collect();
    let mut local: Vec<String> = lines.iter().map(|(l, _)| l.clone()).collect();
    local.sort();
    assert_eq!(local, page_times, "the same local times as the page");
    // And the change is really crossed: 17:00 UTC in winter, 16:00 in summer.
    let mut utc: Vec<&str> = lines.iter().map(|(_, u)| u.as_str()).collect();
    utc.sort();
    utc.dedup();
    assert_eq!(utc, ["16:00", "17:00"]);
}
