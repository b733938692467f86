//! An organiser made the way people do it: signed in, a host page created
//! and a gathering published through the forms (no fixtures).

use crate::{Browser, TestApp};

/// The day "Soup night" starts on: five days from now.
pub fn start_date() -> String {
    (chrono::Utc::now() + chrono::Duration::days(5))
        .date_naive()
        .to_string()
}

/// The form fields of "Soup night" on `start` (`YYYY-MM-DD`), 18:00–20:00
/// at `location`, as `with_gathering` posts them (also to edit it).
pub fn soup_night<'a>(start: &'a str, location: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("title_en", "Soup night"),
        ("category", "food"),
        ("place_name", "Hall"),
        ("location", location),
        ("start_date", start),
        ("start_time", "18:00"),
        ("end_time", "20:00"),
    ]
}

/// A signed-in organiser of a new host "Kiezküche" who published "Soup
/// night" five days from now at 18:00 in Berlin, with `extra` form fields
/// (capacity, reply settings…). Returns the browser, the host's slug and
/// the gathering's id.
pub async fn with_gathering(
    app: &TestApp,
    email: &str,
    location: &str,
    extra: &[(&str, &str)],
) -> (Browser, String, String) {
    let organiser = Browser::new(app);
    organiser.sign_in(app, email).await;
    let slug = organiser.create_host(&[("name", "Kiezküche")]).await;
    let start = start_date();
    let mut fields = soup_night(&start, location);
    fields.extend_from_slice(extra);
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    let event = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/events/")
        .to_string();
    (organiser, slug, event)
}

/// The street of [`with_guarded_street`]'s gathering, which only its
/// confirmed guests may see.
pub const GUARDED_STREET: &str = "7 Hidden Lane";

/// Publishes another gathering of the host `slug`, titled `title` (in
/// English), a little way from "Soup night", whose street is kept for
/// guests; `extra` adds form fields (a title in another language…).
/// Returns its id.
pub async fn with_guarded_street(
    organiser: &Browser,
    slug: &str,
    title: &str,
    extra: &[(&str, &str)],
) -> String {
    let start = start_date();
    let mut fields = soup_night(&start, "52.53, 13.41");
    fields.retain(|(k, _)| *k != "title_en");
    fields.extend([
        ("title_en", title),
        ("address", GUARDED_STREET),
        ("guests_only_address", "1"),
    ]);
    fields.extend_from_slice(extra);
    let response = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 303, "{}", response.text().await.unwrap());
    response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/events/")
        .to_string()
}
