//! "How long have you lived around here?": optional, asked when replying
//! or, when a reply was not asked then, at the door; counted per date and
//! never kept with a reply or a person. A scan of every table after the
//! answers proves that no row but the counters holds one.

use app::backend::entities::{answer_by_date, occurrence, rsvp};
use app::domain::ids::OccurrenceId;
use harness::organiser::with_gathering;
use harness::{Browser, TestApp, scan, spawn_app};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

/// What the counters of `date` hold, answer by answer, in stored order.
async fn counters(app: &TestApp, date: OccurrenceId) -> Vec<(String, i32)> {
    let mut cells: Vec<(String, i32)> = answer_by_date::Entity::find()
        .filter(answer_by_date::Column::OccurrenceId.eq(date))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|cell| (cell.answer, cell.people))
        .collect();
    cells.sort();
    cells
}

async fn reply(app: &TestApp, event: &str, date: OccurrenceId, fields: &[(&str, &str)]) -> Browser {
    let guest = Browser::new(app);
    if let Some((_, email)) = fields.iter().find(|(name, _)| *name == "account") {
        guest.sign_in(app, email).await;
    }
    let date = date.to_string();
    let mut form: Vec<(&str, &str)> = vec![("occurrence", &date), ("party", "1")];
    form.extend(fields.iter().filter(|(name, _)| *name != "account"));
    let replied = guest
        .post_form(&format!("/events/{event}/rsvp"), &form)
        .await;
    assert_eq!(replied.status(), 303, "{}", replied.text().await.unwrap());
    guest
}

#[tokio::test]
async fn answers_are_counted_by_date_and_never_kept_with_a_reply() {
    let app = spawn_app().await;
    let (organiser, _, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let db = &app.state.db;
    let date = occurrence::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;

    // The question is on the reply form, nothing chosen.
    let page = app.page(&format!("/events/{event}")).await;
    let legends = page.texts("form.join-form legend");
    assert!(
        legends
            .iter()
            .any(|legend| legend == "How long have you lived around here? (optional)"),
        "{legends:?}"
    );
    assert!(!page.has("input[name=time_around][checked]"));

    let email = [
        ("how", "email"),
        ("email", "zora.unlinkable@example.org"),
        ("name", "Zora Unlinkable"),
        ("time_around", "under_2_years"),
    ];
    let zora = reply(&app, &event, date, &email).await;
    reply(
        &app,
        &event,
        date,
        &[("how", "anonymous"), ("time_around", "2_years_or_more")],
    )
    .await;
    // Not answering counts nothing; an unknown answer counts nothing.
    reply(
        &app,
        &event,
        date,
        &[("how", "account"), ("account", "quiet@example.org")],
    )
    .await;
    reply(
        &app,
        &event,
        date,
        &[("how", "anonymous"), ("time_around", "migrant")],
    )
    .await;
    // The same form sent again by Zora is refused and counts nothing more.
    let again = zora
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[
                ("occurrence", &date.to_string()),
                ("party", "1"),
                ("how", "email"),
                ("email", "zora.unlinkable@example.org"),
                ("time_around", "under_2_years"),
            ],
        )
        .await;
    assert!(again.status().is_client_error() || again.status().is_redirection());
    assert_eq!(
        counters(&app, date).await,
        vec![
            ("2_years_or_more".to_string(), 1),
            ("rather_not_say".to_string(), 0),
            ("under_2_years".to_string(), 1),
        ]
    );

    // No row of any table but the counters holds an answer, and the
    // counters hold nothing but the date, the question, the answer and a
    // number: so nothing links Zora (or anyone) to "under_2_years".
    let everything = scan::snapshot(db).await;
    for (table, rows) in &everything {
        if table == "answers_by_date" {
            continue;
        }
        for row in rows {
            for answer in ["under_2_years", "2_years_or_more"] {
                assert!(!row.contains(answer), "{table} holds an answer: {row}");
            }
        }
    }
    for row in &everything["answers_by_date"] {
        assert_eq!(row.split('|').count(), 4, "only four columns: {row}");
        assert!(!row.contains("Zora") && !row.contains("example.org"));
    }
    let zoras = scan::rows_containing(db, "Zora Unlinkable").await;
    assert!(zoras.contains_key("rsvps"), "{zoras:?}");
    assert!(!zoras.contains_key("answers_by_date"));

    // Organisers see the answers on the door page once the door has
    // closed, not while each new reply could move them; small numbers
    // withheld.
    let door = format!("/events/{event}/dates/{date}/door");
    let before = organiser.page(&door).await;
    assert!(
        before.text("main").contains("once the door has closed"),
        "{}",
        before.text("main")
    );
    assert!(
        !before
            .text("main")
            .contains("Counted from those who chose to answer")
    );
    let found = occurrence::Entity::find_by_id(date)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let by = found.ends_at - chrono::Utc::now() + chrono::Duration::days(3);
    let mut moved = found.clone().into_active_model();
    moved.starts_at = Set(found.starts_at - by);
    moved.ends_at = Set(found.ends_at - by);
    moved.update(db).await.unwrap();
    let figures = organiser.page(&door).await;
    assert!(
        figures
            .text("main")
            .contains("How long have you lived around here?"),
        "{}",
        figures.text("main")
    );
    assert_eq!(
        figures.texts("dl.figures:last-of-type dd"),
        vec!["fewer than 5"; 3]
    );
}

#[tokio::test]
async fn the_door_asks_only_a_reply_that_was_not_asked_when_replying() {
    let app = spawn_app().await;
    let (organiser, _, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let db = &app.state.db;
    let date = occurrence::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    reply(
        &app,
        &event,
        date,
        &[("how", "account"), ("account", "asked@example.org")],
    )
    .await;
    reply(
        &app,
        &event,
        date,
        &[("how", "account"), ("account", "later@example.org")],
    )
    .await;
    let replies = rsvp::Entity::find().all(db).await.unwrap();
    assert!(replies.iter().all(|r| r.asked_time_around));
    // A reply from before the question existed (or from the API).
    let mut later: rsvp::ActiveModel = replies[1].clone().into();
    later.asked_time_around = Set(false);
    later.update(db).await.unwrap();
    let codes: Vec<String> = replies
        .iter()
        .map(|r| app::backend::door::code::of(&r.public_id))
        .collect();

    let door = format!("/events/{event}/dates/{date}/door");
    let asked = organiser.page(&format!("{door}?q={}", codes[0])).await;
    assert!(asked.has("form[action$='/check-in']"));
    assert!(!asked.has("input[name=time_around]"), "asked once only");
    let not_yet = organiser.page(&format!("{door}?q={}", codes[1])).await;
    assert_eq!(not_yet.attrs("input[name=time_around]", "value").len(), 3);

    let check_in = format!("{door}/check-in");
    let fields = [
        ("reply", replies[1].public_id.as_str()),
        ("people", "1"),
        ("time_around", "rather_not_say"),
    ];
    // Sent twice (two phones): counted once.
    for _ in 0..2 {
        let checked = organiser.post_form(&check_in, &fields).await;
        assert_eq!(checked.status(), 303);
    }
    assert_eq!(
        counters(&app, date).await,
        vec![
            ("2_years_or_more".to_string(), 0),
            ("rather_not_say".to_string(), 1),
            ("under_2_years".to_string(), 0),
        ]
    );
    let after = organiser.page(&format!("{door}?q={}", codes[1])).await;
    assert!(!after.has("input[name=time_around]"));
}
