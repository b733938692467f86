//! `commonground backup FILE` on a live SQLite database: taken while guests
//! keep replying, the copy holds every reply acknowledged before it began,
//! and a server started on it serves the same pages and replies.

use app::backend::entities::rsvp;
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, ServerProcess, TestApp, TestDatabaseKind, spawn_app_on};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many replies the date `date` holds in `db`.
async fn replies_in(db: &DatabaseConnection, date: app::domain::ids::OccurrenceId) -> usize {
    let count = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(date))
        .count(db)
        .await
        .unwrap();
    usize::try_from(count).unwrap()
}

/// A reply without an account from a fresh device on a network of its own.
async fn reply(app: &TestApp, event: &str, date: &str, n: usize) -> Browser {
    let guest = Browser::on_network(app, &format!("198.51.{}.{}", n / 250, n % 250));
    let response = guest
        .post_form(
            &format!("/events/{event}/rsvp"),
            &[("how", "anonymous"), ("occurrence", date), ("party", "1")],
        )
        .await;
    assert_eq!(response.status(), 303, "reply {n}");
    guest
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_while_guests_reply_serves_the_same_pages_and_replies() {
    // Backups of PostgreSQL are PostgreSQL's own tools' job.
    let app = spawn_app_on(TestDatabaseKind::Sqlite).await;
    let created = create_gathering(
        &app.state.db,
        &Gathering::at("Welcome dinner", 52.52, 13.405, in_minutes(3 * 24 * 60)),
    )
    .await;
    let (event, date) = (created.public_id.clone(), created.occurrence_id.to_string());
    let amal = reply(&app, &event, &date, 0).await;
    let amal_sees = amal.page(&format!("/events/{event}")).await;
    let her_reply = amal_sees.text("#rsvp .date-list");
    assert!(!her_reply.is_empty(), "her reply is on the page");

    // Guests keep replying while the backup is taken: four at a time, in
    // this task, while the server answers on its own threads.
    let acknowledged = AtomicUsize::new(1);
    let writers = futures_util::future::join_all((0..4).map(|writer| {
        let (app, event, date, acknowledged) = (&app, &event, &date, &acknowledged);
        async move {
            for n in 0..60 {
                reply(app, event, date, 1 + writer * 60 + n).await;
                acknowledged.fetch_add(1, Ordering::SeqCst);
            }
        }
    }));
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("commonground-backup.db");
    let backup = async {
        while acknowledged.load(Ordering::SeqCst) < 40 {
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        let before = acknowledged.load(Ordering::SeqCst);
        let said = server::backup::to_file(&app.settings, &file).await.unwrap();
        (before, said, acknowledged.load(Ordering::SeqCst))
    };
    let ((), (before, said, after)) = tokio::join!(
        async {
            writers.await;
        },
        backup
    );
    assert!(said.contains("integrity check ok"), "{said}");
    assert_eq!(replies_in(&app.state.db, created.occurrence_id).await, 241);

    // A second backup to the same file is refused: the first stays whole.
    let again = server::backup::to_file(&app.settings, &file)
        .await
        .unwrap_err();
    assert!(
        again.message.contains("already exists"),
        "{}",
        again.message
    );

    // Restored: a server on the copy.
    let mut settings = app.settings.clone();
    settings.database.url = format!("sqlite://{}", file.display());
    settings.server.port = 0;
    let restored = ServerProcess::start(&settings).await;
    let kept = replies_in(&restored.state.db, created.occurrence_id).await;
    assert!(
        (before..=after + 4).contains(&kept),
        "every reply acknowledged before the backup began ({before}) is kept, and none \
         that was not written ({kept}, at most {after} acknowledged plus 4 in flight)"
    );
    let live = app.page(&format!("/events/{event}")).await;
    let copy = Browser::at(&restored.address)
        .page(&format!("/events/{event}"))
        .await;
    assert_eq!(copy.status.as_u16(), 200);
    assert_eq!(copy.text("h1"), live.text("h1"));
    // Amal's device still finds her reply there.
    let amal_on_copy = Browser::at(&restored.address);
    let device = amal
        .cookie(app::backend::replies::DEVICE_COOKIE)
        .expect("a device");
    amal_on_copy.set_cookie(app::backend::replies::DEVICE_COOKIE, &device);
    let page = amal_on_copy.page(&format!("/events/{event}")).await;
    assert_eq!(page.text("#rsvp .date-list"), her_reply);
    restored.shut_down().await;
}
