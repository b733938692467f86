//! The follow-up after a date: asked of those who ticked it when replying,
//! once, the morning after, in their language; its answers counted per
//! date and its story kept where nothing joins it to a reply or a person;
//! a story published by the organisers, shown, and withdrawn by its author
//! with the same link. The times are the date's own, never the clock's.

use app::backend::entities::{answer_by_date, event, follow_up_key, occurrence, rsvp, story};
use app::backend::replies::follow_ups::{due_at, send_due};
use app::domain::ids::OccurrenceId;
use chrono::{DateTime, Duration, Utc};
use harness::organiser::with_gathering;
use harness::{Browser, TestApp, scan, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The gathering's only date and when its follow-up is due.
async fn the_date(app: &TestApp) -> (OccurrenceId, DateTime<Utc>) {
    let db = &app.state.db;
    let date = occurrence::Entity::find().one(db).await.unwrap().unwrap();
    let gathering = event::Entity::find_by_id(date.event_id)
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let due = due_at(&date, &gathering.time_zone);
    (date.id, due)
}

/// A signed-in guest (reading `language`) who replies for one person,
/// with `extra` fields.
async fn guest_replies(
    app: &TestApp,
    email: &str,
    language: &str,
    event: &str,
    date: OccurrenceId,
    extra: &[(&str, &str)],
) -> Browser {
    let guest = Browser::new(app);
    guest.set_cookie("lang", language);
    guest.sign_in(app, email).await;
    let date = date.to_string();
    let mut form = vec![("how", "account"), ("occurrence", &date), ("party", "1")];
    form.extend_from_slice(extra);
    let replied = guest
        .post_form(&format!("/events/{event}/rsvp"), &form)
        .await;
    assert_eq!(replied.status(), 303, "{}", replied.text().await.unwrap());
    guest
}

/// What the counters of `date` hold for `question`, answer by answer.
async fn counters(app: &TestApp, date: OccurrenceId, question: &str) -> Vec<(String, i32)> {
    let mut cells: Vec<(String, i32)> = answer_by_date::Entity::find()
        .filter(answer_by_date::Column::OccurrenceId.eq(date))
        .filter(answer_by_date::Column::Question.eq(question))
        .all(&app.state.db)
        .await
        .unwrap()
        .into_iter()
        .map(|cell| (cell.answer, cell.people))
        .collect();
    cells.sort();
    cells
}

/// The part of `link` after the site's address.
fn path_of(link: &str) -> String {
    let at = link.find("/follow-up").expect("a follow-up link");
    link[at..].to_string()
}

#[tokio::test]
async fn the_follow_up_is_asked_once_and_its_answers_and_story_cannot_be_linked() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let (organiser, host, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let (date, due) = the_date(&app).await;

    // The tick box is on the reply form for a reply with an address only.
    let form = Browser::new(&app).page(&format!("/events/{event}")).await;
    assert_eq!(
        form.attrs("input[name=follow_up]", "value").len(),
        form.attrs("input[name=how][value=email]", "value").len(),
        "not on the form that replies without an address"
    );
    let amal = guest_replies(
        &app,
        "amal@example.org",
        "de",
        &event,
        date,
        &[("follow_up", "1")],
    )
    .await;
    let page = amal.page(&format!("/events/{event}")).await;
    assert!(page.has("input[name=follow_up][type=checkbox]:not([checked])"));
    guest_replies(&app, "ben@example.org", "en", &event, date, &[]).await;

    // Nothing before it is due; then one email, however many processes
    // look at once; then never again.
    let url = &app.state.public_url;
    let early = send_due(db, url, due - Duration::minutes(1)).await.unwrap();
    assert_eq!(early, 0, "not before the morning after");
    let at = due + Duration::minutes(1);
    let (one, other) = tokio::join!(send_due(db, url, at), send_due(db, url, at));
    assert_eq!(one.unwrap() + other.unwrap(), 1, "one email, to Amal only");
    assert_eq!(send_due(db, url, at).await.unwrap(), 0, "never twice");
    app.state.outbox.ring();
    let link = app
        .smtp
        .link_to("amal@example.org", "/follow-up?token=")
        .await;
    let mails = app.smtp.messages();
    let to_amal: Vec<_> = mails
        .iter()
        .filter(|m| m.is_to("amal@example.org") && m.subject().starts_with("Wie war"))
        .collect();
    assert_eq!(
        to_amal.len(),
        1,
        "in German: {:?}",
        mails.iter().map(|m| m.subject()).collect::<Vec<_>>()
    );
    assert!(
        !mails
            .iter()
            .any(|m| m.is_to("ben@example.org") && m.subject().starts_with("How was")),
        "Ben did not ask for it"
    );

    // The link opens the questions without an account.
    let survey_path = path_of(&link);
    let stranger = Browser::new(&app);
    stranger.set_cookie("lang", "de");
    let survey = stranger.page(&survey_path).await;
    assert_eq!(survey.status.as_u16(), 200);
    assert_eq!(survey.text("h1"), "Wie war es?");
    assert_eq!(
        survey.attrs("input[name=met_someone_new]", "value").len(),
        3
    );
    assert_eq!(survey.attrs("input[name=comfortable]", "value").len(), 5);
    let token = survey.attr("input[name=token]", "value").unwrap();

    let story = "<script>alert(1)</script> Wir haben zusammen gekocht.";
    let answers = [
        ("token", token.as_str()),
        ("met_someone_new", "yes"),
        ("comfortable", "4"),
        ("come_again", "yes"),
        ("story", story),
        ("shown_as", "first_name"),
        ("first_name", "Amal"),
    ];
    let sent = stranger.post_form("/follow-up", &answers).await;
    assert_eq!(sent.status(), 303);
    // The same form again (a second tap, another phone) counts nothing more.
    let again = stranger.post_form("/follow-up", &answers).await;
    assert_eq!(again.status(), 409);
    assert_eq!(
        counters(&app, date, "met_someone_new").await,
        vec![("no".into(), 0), ("not_sure".into(), 0), ("yes".into(), 1)]
    );
    assert_eq!(
        counters(&app, date, "comfortable_again").await,
        vec![
            ("1".into(), 0),
            ("2".into(), 0),
            ("3".into(), 0),
            ("4".into(), 1),
            ("5".into(), 0)
        ]
    );
    assert_eq!(
        counters(&app, date, "come_again").await,
        vec![("no".into(), 0), ("yes".into(), 1)]
    );

    // The organisers see how it went on the date's door page only once
    // no more answers can come: figures watched while answers arrive would
    // tell whose answer moved them.
    let door_path = format!("/events/{event}/dates/{date}/door");
    let door = organiser.page(&door_path).await;
    assert!(
        door.text("main")
            .contains("How it went (from the follow-up)")
    );
    assert!(
        door.text("main")
            .contains("once the time to answer is over")
    );
    assert!(!door.text("main").contains("How comfortable"));

    // Nothing joins the key, the answers or the story to Amal: no row
    // holds the key itself (the email's copy kept only its subject), the
    // key's row names no reply, and the story is stored under another hash.
    assert!(
        scan::rows_containing(db, &token).await.is_empty(),
        "the key is kept nowhere"
    );
    let keys = follow_up_key::Entity::find().all(db).await.unwrap();
    let stories = story::Entity::find().all(db).await.unwrap();
    assert_eq!((keys.len(), stories.len()), (1, 1));
    assert_ne!(keys[0].key_hash, stories[0].key_hash);
    let amals_reply = rsvp::Entity::find()
        .filter(rsvp::Column::Email.eq("amal@example.org"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let everything = scan::snapshot(db).await;
    for row in everything["stories"]
        .iter()
        .chain(&everything["follow_up_keys"])
    {
        assert!(!row.contains("amal@example.org"), "{row}");
        assert!(!row.contains(&amals_reply.public_id), "{row}");
        assert!(!row.contains(&amals_reply.cancel_hash), "{row}");
    }
    let holding_amal = scan::rows_containing(db, "amal@example.org").await;
    for table in ["stories", "follow_up_keys", "answers_by_date"] {
        assert!(!holding_amal.contains_key(table), "{holding_amal:?}");
    }

    // The story waits for the organisers, who read it escaped.
    let gathering_page = format!("/events/{event}");
    assert!(!app.page(&gathering_page).await.has("figure.story"));
    let stories_page = organiser.page(&format!("/events/{event}/stories")).await;
    assert!(stories_page.text("blockquote.story").contains(story));
    assert!(!stories_page.has("blockquote.story script"));
    let publish = stories_page.attrs("form[action*='/stories/']", "action");
    let published = organiser
        .post_form(&publish[0], &[("decision", "publish")])
        .await;
    assert_eq!(published.status(), 303);

    // Published: on the gathering's and the host's pages, in German.
    for path in [gathering_page.clone(), format!("/hosts/{host}")] {
        let page = app.page(&path).await;
        assert_eq!(
            page.attr("figure.story blockquote", "lang").as_deref(),
            Some("de"),
            "{path}"
        );
        assert!(
            page.text("figure.story blockquote")
                .contains("Wir haben zusammen gekocht")
        );
        assert!(!page.has("figure.story script"), "{path}");
        assert!(
            page.text("figure.story figcaption").contains("Amal"),
            "{path}"
        );
    }
    let own = stranger.page(&survey_path).await;
    assert!(
        own.text("main")
            .contains("Auf der Seite des Treffens veröffentlicht")
    );

    // Withdrawn with the same link: gone from the page and the database.
    let withdrawn = stranger
        .post_form("/follow-up/withdraw", &[("token", &token)])
        .await;
    assert_eq!(withdrawn.status(), 303);
    assert!(!app.page(&gathering_page).await.has("figure.story"));
    assert!(story::Entity::find().all(db).await.unwrap().is_empty());
    // A made-up key changes nothing and says so.
    let answers_and_stories = || async {
        let everything = scan::snapshot(db).await;
        ["follow_up_keys", "stories", "answers_by_date"].map(|table| everything[table].clone())
    };
    let before = answers_and_stories().await;
    let made_up = stranger
        .post_form(
            "/follow-up",
            &[("token", "not-a-key"), ("come_again", "no")],
        )
        .await;
    assert_eq!(made_up.status(), 404);
    assert_eq!(answers_and_stories().await, before);

    // Once the time to answer is over (here: the date moved 60 days back),
    // the figures are shown, small numbers withheld.
    date_moved_back(&app, date, Duration::days(60)).await;
    let door = organiser.page(&door_path).await;
    assert!(
        door.text("main")
            .contains("How comfortable would you feel meeting them again?")
    );
    assert!(
        door.texts("dl.figures dd")
            .iter()
            .any(|dd| dd == "fewer than 5")
    );
    assert!(
        !door
            .text("main")
            .contains("once the time to answer is over")
    );
}

/// Moves `date` back by `by`, as if that much time had passed.
async fn date_moved_back(app: &TestApp, date: OccurrenceId, by: Duration) {
    use sea_orm::{ActiveModelTrait, IntoActiveModel, Set};
    let found = occurrence::Entity::find_by_id(date)
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let (starts, ends) = (found.starts_at - by, found.ends_at - by);
    let mut moved = found.into_active_model();
    moved.starts_at = Set(starts);
    moved.ends_at = Set(ends);
    moved.update(&app.state.db).await.unwrap();
}

#[tokio::test]
async fn when_the_door_was_used_only_those_who_came_are_asked() {
    let app = spawn_app().await;
    let db = &app.state.db;
    let (organiser, _, event) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let (date, due) = the_date(&app).await;
    for email in ["came@example.org", "stayed-home@example.org"] {
        guest_replies(&app, email, "en", &event, date, &[("follow_up", "1")]).await;
    }
    let came = rsvp::Entity::find()
        .filter(rsvp::Column::Email.eq("came@example.org"))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let checked = organiser
        .post_form(
            &format!("/events/{event}/dates/{date}/door/check-in"),
            &[("reply", &came.public_id), ("people", "1")],
        )
        .await;
    assert_eq!(checked.status(), 303);

    let sent = send_due(db, &app.state.public_url, due + Duration::hours(1)).await;
    assert_eq!(sent.unwrap(), 1);
    app.state.outbox.ring();
    let link = app
        .smtp
        .link_to("came@example.org", "/follow-up?token=")
        .await;
    assert!(
        !app.smtp
            .messages()
            .iter()
            .any(|m| m.is_to("stayed-home@example.org") && m.subject().starts_with("How was")),
        "not asked: did not come"
    );

    // A story for the organisers only can never be published.
    let guest = Browser::new(&app);
    let token = guest
        .page(&path_of(&link))
        .await
        .attr("input[name=token]", "value")
        .unwrap();
    let too_long = "x".repeat(1001);
    let refused = guest
        .post_form(
            "/follow-up",
            &[
                ("token", &token),
                ("story", &too_long),
                ("come_again", "yes"),
            ],
        )
        .await;
    assert_eq!(refused.status(), 422, "a story over 1,000 characters");
    assert_eq!(
        counters(&app, date, "come_again").await,
        vec![],
        "nothing counted"
    );
    let private = [
        ("token", token.as_str()),
        ("story", "Thank you for the tea."),
        ("shown_as", "not_published"),
    ];
    assert_eq!(guest.post_form("/follow-up", &private).await.status(), 303);
    let stories_page = organiser.page(&format!("/events/{event}/stories")).await;
    assert!(stories_page.text("main").contains("Thank you for the tea."));
    assert!(
        !stories_page.has("form[action*='/stories/']"),
        "nothing to decide"
    );
    let private_story = story::Entity::find().one(db).await.unwrap().unwrap();
    let forced = organiser
        .post_form(
            &format!("/events/{event}/stories/{}", private_story.public_id),
            &[("decision", "publish")],
        )
        .await;
    assert_eq!(forced.status(), 404);
    assert!(
        !app.page(&format!("/events/{event}"))
            .await
            .has("figure.story")
    );
}

/// Sends `allowed` forms with made-up keys from `network`, then one more
/// of each kind: the statuses of the last three.
async fn guess_past_the_limit(app: &TestApp, network: &str, allowed: i32) -> Vec<u16> {
    let guesser = Browser::on_network(app, network);
    let forms = ["/follow-up", "/follow-up/withdraw", "/messages/stop"];
    for n in 0..allowed {
        let form = forms[n as usize % forms.len()];
        let guess = format!("guess-{n}");
        let answered = guesser.post_form(form, &[("token", &guess)]).await;
        assert!(
            [303, 404].contains(&answered.status().as_u16()),
            "{form}: {}",
            answered.status()
        );
    }
    let mut last = Vec::new();
    for form in forms {
        let answered = guesser.post_form(form, &[("token", "one-more")]).await;
        last.push(answered.status().as_u16());
    }
    last
}

#[tokio::test]
async fn forms_sent_with_made_up_keys_are_limited_per_network() {
    let app = spawn_app().await;
    let allowed = app::backend::rate_limit::limits::LINK_FORMS_PER_NETWORK.max;
    let last = guess_past_the_limit(&app, "203.0.113.9", allowed).await;
    assert_eq!(last, vec![429, 429, 429]);
    // Another network is not held up.
    let neighbour = Browser::on_network(&app, "198.51.100.20");
    let answered = neighbour.post_form("/follow-up", &[("token", "x")]).await;
    assert_eq!(answered.status(), 404);
}
