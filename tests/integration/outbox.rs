//! The email outbox: mail waits through an SMTP outage and a server restart,
//! then goes out exactly once; several processes share one outbox.

use app::backend::entities::outbox_message;
use harness::{Browser, TestDatabaseKind, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::{collections::BTreeMap, time::Duration};

fn recipients(app: &harness::TestApp) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for mail in app.smtp.messages() {
        for to in mail.to {
            *counts.entry(to).or_default() += 1;
        }
    }
    counts
}

#[tokio::test(flavor = "multi_thread")]
async fn mail_waits_through_an_outage_and_a_restart_then_goes_out_once() {
    let mut app = spawn_app().await;
    app.smtp.stop();

    let addresses: Vec<String> = (0..4).map(|n| format!("person{n}@example.org")).collect();
    for address in &addresses {
        let response = Browser::new(&app)
            .post_form("/sign-in", &[("email", address)])
            .await;
        assert_eq!(
            response.status(),
            303,
            "the action succeeds during the outage"
        );
    }

    // The worker tries each, fails, and keeps the mail with its error. (It
    // must have finished with each: a message it still holds when the
    // process stops waits for its lease to run out, a different test.)
    let deadline = tokio::time::Instant::now() + harness::smtp::MAIL_TIMEOUT;
    loop {
        let waiting = outbox_message::Entity::find()
            .filter(outbox_message::Column::SentAt.is_null())
            .all(&app.state.db)
            .await
            .unwrap();
        assert_eq!(waiting.len(), 4);
        if waiting
            .iter()
            .all(|m| m.attempts >= 1 && m.last_error.is_some())
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the worker records a failed attempt for each"
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    }

    app.restart().await;
    app.smtp.restart().await;

    // Each once, and no duplicate follows.
    app.smtp
        .wait_for_exactly(4, Duration::from_secs(15), harness::smtp::QUIET)
        .await;
    let counts = recipients(&app);
    assert_eq!(counts.len(), 4, "{counts:?}");
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    let unsent = outbox_message::Entity::find()
        .filter(outbox_message::Column::SentAt.is_null())
        .all(&app.state.db)
        .await
        .unwrap();
    assert!(unsent.is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn several_server_processes_never_send_one_message_twice() {
    let app = spawn_app().await;
    if app.database.kind() != TestDatabaseKind::Postgres {
        // Several processes share a database only on PostgreSQL; SQLite runs
        // one process. The same test runs in the PostgreSQL pass.
        return;
    }
    app.smtp.stop();
    let second = app.another_process().await;
    let third = app.another_process().await;
    for n in 0..60 {
        let email = app::backend::outbox::Email {
            kind: "test",
            to: format!("guest{n}@example.org"),
            subject: format!("Message {n}"),
            text: "Hello".into(),
            html: "<p>Hello</p>".into(),
            calendar: None,
            about: None,
        };
        app::backend::outbox::enqueue(&app.state.db, email)
            .await
            .unwrap();
    }
    app.smtp.restart().await;
    app.smtp
        .wait_for_exactly(60, Duration::from_secs(30), harness::smtp::QUIET)
        .await;
    let counts = recipients(&app);
    assert_eq!(counts.len(), 60);
    assert!(counts.values().all(|&n| n == 1), "{counts:?}");
    drop((second, third));
}
