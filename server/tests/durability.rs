//! What a crash leaves: the server process killed with `kill -9` while
//! replies pour in to one date. Every reply it acknowledged must be in the
//! database afterwards, the date's seat count must still equal the people
//! its replies bring, and the server must start again on the same file.
//!
//! This proves the server answers only once a reply is committed and that
//! SQLite's file survives the process dying at any moment. It cannot prove
//! what survives a power loss: the operating system still holds what was
//! written when the process dies (see the README for that). On PostgreSQL
//! a commit is the database server's, which killing our process cannot
//! undo; SQLite lives inside our process, so it is the one to try.

mod common;

use app::backend::{
    entities::{event, occurrence, occurrence_seats, rsvp},
    gatherings::visibility,
    secret,
};
use app::domain::{
    ids::OccurrenceId,
    reply::ReplyStatus,
    status::{DateStatus, GatheringStatus},
};
use common::{Sandbox, free_port};
use sea_orm::{
    ColumnTrait, Database, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashSet;
use std::process::Stdio;
use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};
use std::time::{Duration, Instant};

/// Acknowledged replies to wait for before pulling the plug.
const BEFORE_THE_KILL: usize = 150;
/// Replies sent at once, so that some are in flight when it dies.
const AT_ONCE: usize = 16;

#[tokio::test(flavor = "multi_thread")]
async fn every_acknowledged_reply_survives_kill_9() {
    let sandbox = Sandbox::new();
    assert!(sandbox.run(&["migrate"], &[]).status.success());
    assert!(sandbox.run(&["seed-demo"], &[]).status.success());
    let (public_id, date) = {
        let db = Database::connect(sandbox.database_url()).await.unwrap();
        let found = an_upcoming_date(&db).await;
        db.close().await.unwrap();
        found
    };

    let port = free_port();
    // Each reply comes from a network of its own, as a crowd's would, so
    // that the per-network limits let them all through.
    let env = [("COMMONGROUND_SERVER__CLIENT_IP_HEADER", "x-test-network")];
    let mut server = sandbox.serve(port, &env, Stdio::null());

    let acknowledged: Arc<Mutex<Vec<String>>> = Arc::default();
    let next = Arc::new(AtomicUsize::new(0));
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let senders: Vec<_> = (0..AT_ONCE)
        .map(|_| {
            let (client, next, acknowledged) = (client.clone(), next.clone(), acknowledged.clone());
            let url = format!("http://127.0.0.1:{port}/events/{public_id}/rsvp");
            tokio::spawn(async move {
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    let device = format!("{n:0>43}");
                    let csrf = format!("{:0>43}", n + 10_000_000);
                    let sent = client
                        .post(&url)
                        .header("cookie", format!("cg_csrf={csrf}; cg_device={device}"))
                        .header("x-test-network", format!("10.{}.{}.1", n / 250, n % 250))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .body(format!(
                            "csrf={csrf}&how=anonymous&occurrence={date}&party=1"
                        ))
                        .send()
                        .await;
                    match sent {
                        // The reply is acknowledged when its answer arrives.
                        Ok(answer) if answer.status() == 303 => {
                            acknowledged.lock().unwrap().push(device)
                        }
                        Ok(answer) => panic!("a reply was refused: {}", answer.status()),
                        // The server is gone.
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();

    let deadline = Instant::now() + Duration::from_secs(60);
    while acknowledged.lock().unwrap().len() < BEFORE_THE_KILL {
        assert!(
            Instant::now() < deadline && !senders.iter().all(|s| s.is_finished()),
            "only {} replies were acknowledged",
            acknowledged.lock().unwrap().len()
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill().unwrap(); // SIGKILL: no shutdown, no flush
    server.wait().unwrap();
    for sender in senders {
        sender.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();

    // The file as the crash left it, opened as the next start would.
    let db = Database::connect(sandbox.database_url()).await.unwrap();
    let replies = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(date))
        .all(&db)
        .await
        .unwrap();
    let kept: HashSet<&str> = replies
        .iter()
        .filter_map(|reply| reply.device_hash.as_deref())
        .collect();
    let lost: Vec<&String> = acknowledged
        .iter()
        .filter(|device| !kept.contains(secret::hash(device).as_str()))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged replies were lost",
        lost.len(),
        acknowledged.len()
    );
    let seats = occurrence_seats::Entity::find_by_id(date)
        .one(&db)
        .await
        .unwrap()
        .expect("the date's seat count");
    let going: i32 = replies
        .iter()
        .filter(|reply| reply.status == ReplyStatus::Going)
        .map(|reply| reply.party)
        .sum();
    assert_eq!(seats.going, going, "the seat count matches the replies");
    assert!(seats.capacity.is_none_or(|capacity| going <= capacity));
    db.close().await.unwrap();

    // And it serves again from the same file (a new client: the old one's
    // connections went to the process that died).
    let _again = sandbox.serve(port, &env, Stdio::null());
    let page = reqwest::get(format!("http://127.0.0.1:{port}/events/{public_id}"))
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
}

/// The soonest date still to come of a gathering anyone may see.
async fn an_upcoming_date(db: &DatabaseConnection) -> (String, OccurrenceId) {
    occurrence::Entity::find()
        .select_only()
        .column(event::Column::PublicId)
        .column(occurrence::Column::Id)
        .inner_join(event::Entity)
        .filter(event::Column::Status.eq(GatheringStatus::Published))
        .filter(visibility::public())
        .filter(occurrence::Column::Status.eq(DateStatus::Scheduled))
        .filter(occurrence::Column::StartsAt.gt(chrono::Utc::now() + chrono::Duration::days(1)))
        .order_by_asc(occurrence::Column::StartsAt)
        .into_tuple()
        .one(db)
        .await
        .unwrap()
        .expect("the demo data has dates to come")
}
