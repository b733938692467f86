//! RSVPs per second over HTTP against the real server, and proof that the
//! burst did not oversell.
//!
//!   cargo bench -p commonground-tests --bench rsvp_load -- sqlite [requests] [concurrency]
//!   cargo bench -p commonground-tests --bench rsvp_load -- postgres [requests] [concurrency]
//!
//! PostgreSQL needs `TEST_DATABASE_URL` (e.g. postgres://postgres@127.0.0.1:5432/postgres)
//! and runs two server processes sharing the database, requests split
//! between them. Every request is a different device saying "I'm coming"
//! (parties of 1 to 4) to one date with room for half of them.

use app::backend::entities::{occurrence, occurrence_seats, rsvp};
use app::domain::reply::ReplyStatus;
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{NETWORK_HEADER, TestDatabaseKind, spawn_app_on};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use std::time::{Duration, Instant};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = harness::bench::arguments();
    let kind = match args.first().map(String::as_str).unwrap_or("sqlite") {
        "postgres" => TestDatabaseKind::Postgres,
        _ => TestDatabaseKind::Sqlite,
    };
    let requests: usize = args.get(1).map(|n| n.parse()).transpose()?.unwrap_or(4000);
    let concurrency: usize = args.get(2).map(|n| n.parse()).transpose()?.unwrap_or(64);

    let app = spawn_app_on(kind).await;
    let second = match kind {
        TestDatabaseKind::Postgres => Some(app.another_process().await),
        TestDatabaseKind::Sqlite => None,
    };
    let addresses: Vec<String> = std::iter::once(app.address.clone())
        .chain(second.iter().map(|p| p.address.clone()))
        .collect();
    // Room for about half of the people asking (parties average 2.5).
    let capacity = (requests as i32 * 5 / 4).max(1);
    let mut spec = Gathering::at("Load test", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = Some(capacity);
    let created = create_gathering(&app.state.db, &spec).await;
    let occurrence_id = occurrence::Entity::find()
        .filter(occurrence::Column::EventId.eq(created.event_id))
        .one(&app.state.db)
        .await?
        .expect("its date")
        .id;

    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(60))
        .pool_max_idle_per_host(concurrency)
        .build()?;
    let next = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    println!(
        "== {kind:?}: {requests} RSVPs over HTTP, {concurrency} at a time, {} server process(es), capacity {capacity}",
        addresses.len()
    );
    let networks = requests.div_ceil(4).max(1000);
    let started = Instant::now();
    // Collected before any is awaited: a lazy iterator would start each
    // client only after the one before had sent everything (one at a time).
    let workers: Vec<_> = (0..concurrency)
        .map(|_| {
            let (client, next, addresses) = (client.clone(), next.clone(), addresses.clone());
            let event = created.public_id.clone();
            tokio::spawn(async move {
                let (mut ok, mut failed, mut latencies) = (0usize, 0usize, Vec::new());
                loop {
                    let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if n >= requests {
                        break;
                    }
                    let csrf = format!("{n:0>43}");
                    let device = format!("{:0>43}", n + 10_000_000);
                    let body = format!(
                        "csrf={csrf}&how=anonymous&occurrence={occurrence_id}&party={}",
                        n % 4 + 1
                    );
                    let sent = Instant::now();
                    let status = client
                        .post(format!(
                            "{}/events/{event}/rsvp",
                            addresses[n % addresses.len()]
                        ))
                        .header("content-type", "application/x-www-form-urlencoded")
                        .header("cookie", format!("cg_csrf={csrf}; cg_device={device}"))
                        // Guests from many networks, as at a real hot date (one
                        // network alone would be rate-limited): at most 4
                        // replies (16 people) from each, under the limit of
                        // 20 people per network and date.
                        .header(NETWORK_HEADER, format!("2001:db8:{:x}::1", n % networks))
                        .body(body)
                        .send()
                        .await
                        .map(|r| r.status().as_u16())
                        .unwrap_or(599);
                    latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                    if status == 303 { ok += 1 } else { failed += 1 }
                }
                (ok, failed, latencies)
            })
        })
        .collect();
    let (mut ok, mut failed, mut latencies) = (0, 0, Vec::new());
    for worker in workers {
        let (o, f, l) = worker.await?;
        ok += o;
        failed += f;
        latencies.extend(l);
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let percentile =
        |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];

    let all = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence_id))
        .all(&app.state.db)
        .await?;
    let going: i32 = all
        .iter()
        .filter(|r| r.status == ReplyStatus::Going)
        .map(|r| r.party)
        .sum();
    let waitlisted = all
        .iter()
        .filter(|r| r.status == ReplyStatus::Waitlisted)
        .count();
    let counter = occurrence_seats::Entity::find_by_id(occurrence_id)
        .one(&app.state.db)
        .await?
        .map_or(0, |s| s.going);
    println!(
        "{:.0} RSVPs/s ({ok} answered 303, {failed} failed) in {seconds:.2} s",
        requests as f64 / seconds
    );
    println!(
        "latency p50 {:.1} ms, p99 {:.1} ms",
        percentile(0.5),
        percentile(0.99)
    );
    println!(
        "going: {going} people (counter {counter}) of capacity {capacity}; {waitlisted} parties waitlisted; {} rows",
        all.len()
    );
    // Every acknowledged reply stored, and none that was not.
    let oversold = going > capacity || going != counter || all.len() != ok;
    println!("oversold or lost: {}", if oversold { "YES" } else { "no" });
    drop(second);
    if oversold || failed > 0 {
        anyhow::bail!("the load run broke an invariant");
    }
    Ok(())
}
