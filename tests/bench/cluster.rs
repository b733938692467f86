//! Three server processes on one PostgreSQL database behind a real nginx
//! (tests/harness/cluster.rs), and proof that what people rely on stays
//! right across them under load:
//!
//! - **replies**: a crowd replies to one hot date through the proxy, each
//!   request to the next process; no overbooking, every acknowledged reply
//!   stored, the seat counter equal to the replies, every process a share;
//! - **sessions**: people ask for a sign-in link on one process, open it on
//!   another, are signed in on the third, sign out on the first, and their
//!   old session cookie is refused everywhere;
//! - **outbox**: sign-in emails written by every process are each delivered
//!   exactly once, sent on the first attempt, by more than one process;
//! - **search**: a gathering published through one process is found by the
//!   others within the staleness they are allowed;
//! - **rate limits**: one network replying through every process gets the
//!   per-network limit exactly, not once per process.
//!
//! The first four run at the same time; the limit is checked after.
//!
//!   TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//!   cargo bench -p commonground-tests --bench cluster -- [replies] [processes]
//!
//! `scripts/bench cluster` installs nginx, builds the release binary and
//! runs it. `COMMONGROUND_BIN` picks another binary.

use app::backend::entities::{occurrence_seats, outbox_message, rsvp};
use app::backend::rate_limit::ReplyLimits;
use app::domain::ids::OccurrenceId;
use app::domain::reply::ReplyStatus;
use harness::cluster::{Cluster, binary};
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{Browser, organiser};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// People a process is allowed to be behind on changes made elsewhere
/// (`[search] max_staleness_seconds`, the default), plus what a loaded
/// two-core machine adds to one catch-up.
const SEARCH_WITHIN: Duration = Duration::from_secs(3);
/// Replies sent at once during the load.
const CONCURRENCY: usize = 48;
/// People signing in across processes, and sign-in emails for the outbox.
const PEOPLE: usize = 12;
const EMAILS: usize = 60;

/// One check's outcome, a line of the table.
struct Checked {
    what: &'static str,
    ok: bool,
    figures: String,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = harness::bench::arguments();
    let replies: usize = args.first().map(|n| n.parse()).transpose()?.unwrap_or(3000);
    let processes: usize = args.get(1).map(|n| n.parse()).transpose()?.unwrap_or(3);
    anyhow::ensure!(processes >= 2, "checks across processes need at least two");

    println!(
        "== {processes} processes on PostgreSQL behind nginx ({})",
        binary().display()
    );
    let mut cluster = Cluster::start(&binary(), processes).await?;
    let db = sea_orm::Database::connect(&cluster.database.url).await?;

    let (load, sessions, outbox, search) = tokio::join!(
        hot_date(&cluster, &db, replies),
        sessions(&cluster),
        outbox_burst(&cluster),
        search(&cluster),
    );
    let mut checks = vec![load?, sessions, outbox, search];
    checks.push(deliveries(&cluster, &db).await?);
    checks.push(rate_limit(&cluster, &db).await?);

    println!("\n| check | result | figures |\n|---|---|---|");
    for check in &checks {
        let result = if check.ok { "ok" } else { "FAILED" };
        println!("| {} | {result} | {} |", check.what, check.figures);
    }
    let all_running = cluster.all_running();
    if !all_running || checks.iter().any(|check| !check.ok) {
        eprintln!("{}", cluster.logs());
        anyhow::bail!("a check failed across the processes (or one stopped)");
    }
    Ok(())
}

/// A network of its own for client `n` of a check (`range` 1–250).
fn network(range: u8, n: usize) -> IpAddr {
    IpAddr::V4(Ipv4Addr::new(
        127,
        range,
        (n / 250 % 250) as u8,
        (n % 250 + 1) as u8,
    ))
}

fn client_from(source: IpAddr) -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        // Two busy cores: the slowest of a crowd waits its turn.
        .timeout(Duration::from_secs(120))
        .local_address(source)
        .build()
        .expect("HTTP client")
}

/// A reply without an account from a device of its own, as the form sends it.
async fn reply(
    client: &reqwest::Client,
    to: &str,
    event: &str,
    occurrence: OccurrenceId,
    device: usize,
    party: usize,
) -> u16 {
    let csrf = format!("{device:0>43}");
    let cookie = format!("cg_csrf={csrf}; cg_device={:0>43}", device + 10_000_000);
    client
        .post(format!("{to}/events/{event}/rsvp"))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", cookie)
        .body(format!(
            "csrf={csrf}&how=anonymous&occurrence={occurrence}&party={party}"
        ))
        .send()
        .await
        .map_or(599, |response| response.status().as_u16())
}

/// `replies` devices reply to one date through the proxy, parties of 1 to
/// 4, with room for about half of them; four devices a network.
async fn hot_date(
    cluster: &Cluster,
    db: &DatabaseConnection,
    replies: usize,
) -> anyhow::Result<Checked> {
    let capacity = (replies as i32 * 5 / 4).max(1);
    let mut spec = Gathering::at("Hot date", 52.52, 13.405, in_minutes(3 * 24 * 60));
    spec.capacity = Some(capacity);
    let created = create_gathering(db, &spec).await;
    let occurrence = created.occurrence_id;
    let before = scrape_all(cluster).await?;

    // One client per network of four devices, made before the clock
    // starts: making a client costs more than a reply.
    let clients: Arc<Vec<reqwest::Client>> = Arc::new(
        (0..replies.div_ceil(4))
            .map(|block| client_from(network(1, block)))
            .collect(),
    );
    let next_block = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    // Collected before any is awaited: a lazy iterator would start each
    // client only after the one before had sent everything (one at a time).
    let workers: Vec<_> = (0..CONCURRENCY)
        .map(|_| {
            let (clients, next_block, to, event) = (
                clients.clone(),
                next_block.clone(),
                cluster.address.clone(),
                created.public_id.clone(),
            );
            tokio::spawn(async move {
                let (mut acknowledged, mut latencies) = (0usize, Vec::new());
                loop {
                    let block = next_block.fetch_add(1, Ordering::Relaxed);
                    if block * 4 >= replies {
                        break;
                    }
                    let client = &clients[block];
                    for device in (block * 4..(block + 1) * 4).filter(|n| *n < replies) {
                        let sent = Instant::now();
                        let status =
                            reply(client, &to, &event, occurrence, device, device % 4 + 1).await;
                        latencies.push(sent.elapsed().as_secs_f64() * 1000.0);
                        acknowledged += usize::from(status == 303);
                    }
                }
                (acknowledged, latencies)
            })
        })
        .collect();
    let (mut acknowledged, mut latencies) = (0, Vec::new());
    for worker in workers {
        let (ok, times) = worker.await?;
        acknowledged += ok;
        latencies.extend(times);
    }
    let seconds = started.elapsed().as_secs_f64();
    latencies.sort_by(f64::total_cmp);
    let p99 = latencies[(latencies.len() * 99 / 100).min(latencies.len() - 1)];

    let stored = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(occurrence))
        .all(db)
        .await?;
    let going: i32 = stored
        .iter()
        .filter(|r| r.status == ReplyStatus::Going)
        .map(|r| r.party)
        .sum();
    let counter = occurrence_seats::Entity::find_by_id(occurrence)
        .one(db)
        .await?
        .map_or(0, |seats| seats.going);
    let after = scrape_all(cluster).await?;
    let series = r#"commonground_http_requests_total{route="/events/{id}/rsvp",method="POST""#;
    let shares: Vec<f64> = before
        .iter()
        .zip(&after)
        .map(|(before, after)| sum_of(after, series) - sum_of(before, series))
        .collect();
    let fair_share = replies as f64 / shares.len() as f64;
    let ok = acknowledged == replies
        && stored.len() == replies
        && going <= capacity
        && going == counter
        && shares.iter().all(|share| *share >= 0.6 * fair_share);
    Ok(Checked {
        what: "replies to one date",
        ok,
        figures: format!(
            "{:.0} replies/s, p99 {p99:.0} ms; {acknowledged} of {replies} acknowledged, {} stored; \
             {going} going (counter {counter}) of {capacity} places; per process {:?}",
            replies as f64 / seconds,
            stored.len(),
            shares,
        ),
    })
}

/// People sign in on one process, open the link on a second, are signed in
/// on the third; signing out on the first ends the session everywhere.
async fn sessions(cluster: &Cluster) -> Checked {
    let people = (0..PEOPLE).map(|n| one_session(cluster, n));
    let results = futures_util::future::join_all(people).await;
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    Checked {
        what: "sessions across processes",
        ok: failures.is_empty(),
        figures: if failures.is_empty() {
            format!(
                "{PEOPLE} people signed in on one process, were signed in on the others, signed out everywhere"
            )
        } else {
            failures.join("; ")
        },
    }
}

async fn one_session(cluster: &Cluster, n: usize) -> Result<(), String> {
    let [first, second, third] =
        [0, 1, 2].map(|k| cluster.through[k % cluster.through.len()].clone());
    let email = format!("person-{n}@example.org");
    let person = Browser::at_from(&first, network(2, n));
    let link = person
        .request_sign_in_link_from(&cluster.smtp, &email)
        .await;
    let opened = person
        .get(&link.replacen(&cluster.address, &second, 1))
        .await;
    if opened.status() != 303 {
        return Err(format!(
            "{email}: the link opened on another process answered {}",
            opened.status()
        ));
    }
    let session = person
        .cookie("cg_session")
        .ok_or(format!("{email}: no session cookie"))?;
    let account = person.get(&format!("{third}/account")).await;
    let status = account.status();
    let page = account.text().await.unwrap_or_default();
    if status != 200 || !page.contains(&email) {
        return Err(format!(
            "{email}: not signed in on a third process ({status})"
        ));
    }
    let signed_out = person.post_form("/sign-out", &[]).await;
    if signed_out.status() != 303 {
        return Err(format!(
            "{email}: sign-out answered {}",
            signed_out.status()
        ));
    }
    for elsewhere in [&second, &third] {
        let replay = Browser::at_from(elsewhere, network(2, n));
        replay.set_cookie("cg_session", &session);
        let account = replay.get("/account").await;
        if account.status() == 200 {
            return Err(format!(
                "{email}: the old session still works on {elsewhere}"
            ));
        }
    }
    Ok(())
}

/// Sign-in emails asked for through the proxy, so every process writes some.
async fn outbox_burst(cluster: &Cluster) -> Checked {
    let asked = (0..EMAILS).map(|n| async move {
        let browser = Browser::at_from(&cluster.address, network(3, n));
        let email = format!("outbox-{n}@example.org");
        browser
            .post_form("/sign-in", &[("email", &email)])
            .await
            .status()
            .as_u16()
    });
    let statuses = futures_util::future::join_all(asked).await;
    let accepted = statuses.iter().filter(|status| **status == 303).count();
    Checked {
        what: "sign-in emails asked for",
        ok: accepted == EMAILS,
        figures: format!("{accepted} of {EMAILS} accepted through the proxy"),
    }
}

/// Each email of [`outbox_burst`] arrived exactly once, on its first
/// attempt, and more than one process sent them.
async fn deliveries(cluster: &Cluster, db: &DatabaseConnection) -> anyhow::Result<Checked> {
    let ours = |to: &str| to.starts_with("outbox-");
    let deadline = Instant::now() + Duration::from_secs(60);
    while cluster
        .smtp
        .messages()
        .iter()
        .filter(|m| m.to.iter().any(|to| ours(to)))
        .count()
        < EMAILS
        && Instant::now() < deadline
    {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // Longer than a poll of every process (2 s): a second copy would come.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let mut received = std::collections::BTreeMap::<String, usize>::new();
    for message in cluster.smtp.messages() {
        for to in message.to.iter().filter(|to| ours(to)) {
            *received.entry(to.clone()).or_default() += 1;
        }
    }
    let rows = outbox_message::Entity::find()
        .filter(outbox_message::Column::Recipient.starts_with("outbox-"))
        .all(db)
        .await?;
    let first_attempt = rows
        .iter()
        .filter(|row| row.sent_at.is_some() && row.attempts == 1)
        .count();
    let sent_by: Vec<f64> = scrape_all(cluster)
        .await?
        .iter()
        .map(|page| sum_of(page, "commonground_outbox_sent_total"))
        .collect();
    let all_sent = cluster.smtp.messages().len() as f64;
    let ok = received.len() == EMAILS
        && received.values().all(|copies| *copies == 1)
        && first_attempt == EMAILS
        && rows.len() == EMAILS
        && sent_by.iter().sum::<f64>() == all_sent
        && sent_by.iter().filter(|sent| **sent > 0.0).count() > 1;
    Ok(Checked {
        what: "outbox: each email once",
        ok,
        figures: format!(
            "{} of {EMAILS} addresses got mail, {} copies; {first_attempt} sent on the first attempt; \
             sent by each process {sent_by:?} (all mail: {all_sent})",
            received.len(),
            received.values().sum::<usize>(),
        ),
    })
}

/// An organiser publishes through the first process; the others find it.
async fn search(cluster: &Cluster) -> Checked {
    match published_and_found(cluster).await {
        Ok(seconds) => Checked {
            what: "search across processes",
            ok: seconds.iter().all(|s| *s <= SEARCH_WITHIN.as_secs_f64()),
            figures: format!("published on one process, found on the others after {seconds:.2?} s"),
        },
        Err(error) => Checked {
            what: "search across processes",
            ok: false,
            figures: error.to_string(),
        },
    }
}

async fn published_and_found(cluster: &Cluster) -> anyhow::Result<Vec<f64>> {
    let organiser = Browser::at_from(&cluster.through[0], network(4, 0));
    organiser
        .sign_in_from(&cluster.smtp, "organiser@example.org")
        .await;
    let slug = organiser.create_host(&[("name", "Kiezküche")]).await;
    let start = organiser::start_date();
    let mut fields = organiser::soup_night(&start, "48.137, 11.575");
    fields.retain(|(name, _)| *name != "title_en");
    fields.push(("title_en", "Soup night in Munich"));
    let published = organiser
        .post_form(&format!("/hosts/{slug}/gatherings/new"), &fields)
        .await;
    anyhow::ensure!(
        published.status() == 303,
        "publishing answered {}",
        published.status()
    );
    let event = published.headers()["location"]
        .to_str()?
        .trim_start_matches("/events/")
        .to_string();
    let at = Instant::now();
    let mut found_after = Vec::new();
    for other in &cluster.through[1..] {
        let reader = client_from(network(4, 1));
        loop {
            let body = reader
                .get(format!("{other}/api/v1/search?near=48.137,11.575"))
                .send()
                .await?
                .text()
                .await?;
            if body.contains(&event) {
                found_after.push(at.elapsed().as_secs_f64());
                break;
            }
            anyhow::ensure!(
                at.elapsed() < Duration::from_secs(30),
                "{other} never found it"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    Ok(found_after)
}

/// One network replies to one date through every process at once: it gets
/// the per-network limit exactly.
async fn rate_limit(cluster: &Cluster, db: &DatabaseConnection) -> anyhow::Result<Checked> {
    let allowed = ReplyLimits::default().per_network_per_date as usize;
    let asking = allowed * 2;
    // Limits count in clock hours; stay clear of the turn of one.
    let into_hour = chrono::Utc::now().timestamp().rem_euclid(3600);
    if into_hour > 3600 - 30 {
        tokio::time::sleep(Duration::from_secs((3600 - into_hour + 2) as u64)).await;
    }
    let mut spec = Gathering::at("Welcome dinner", 52.5, 13.4, in_minutes(4 * 24 * 60));
    spec.capacity = Some(500);
    let created = create_gathering(db, &spec).await;
    let client = client_from(network(5, 0));
    let answers = (0..asking).map(|n| {
        reply(
            &client,
            &cluster.address,
            &created.public_id,
            created.occurrence_id,
            900_000 + n,
            1,
        )
    });
    let statuses = futures_util::future::join_all(answers).await;
    let accepted = statuses.iter().filter(|s| **s == 303).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    let stored = rsvp::Entity::find()
        .filter(rsvp::Column::OccurrenceId.eq(created.occurrence_id))
        .all(db)
        .await?
        .len();
    Ok(Checked {
        what: "per-network reply limit",
        ok: accepted == allowed && refused == asking - allowed && stored == allowed,
        figures: format!(
            "one network sent {asking} replies through every process: {accepted} accepted (limit {allowed}), {refused} refused, {stored} stored"
        ),
    })
}

/// Every process's `/metrics`, asked directly (the proxy refuses it).
async fn scrape_all(cluster: &Cluster) -> anyhow::Result<Vec<String>> {
    let mut pages = Vec::new();
    for process in &cluster.direct {
        pages.push(
            reqwest::get(format!("{process}/metrics"))
                .await?
                .text()
                .await?,
        );
    }
    Ok(pages)
}

/// The sum of the samples whose series starts with `series`.
fn sum_of(page: &str, series: &str) -> f64 {
    page.lines()
        .filter(|line| line.starts_with(series))
        .filter_map(|line| line.rsplit(' ').next()?.parse::<f64>().ok())
        .sum()
}
