//! Pages per second from outside, as people's browsers ask for them: the
//! near-me page, the same nearest first within 25 km, a gathering's page and
//! the JSON search, on a server holding many gatherings (release build,
//! SQLite, the settings a real installation runs with). The load generator
//! is `wrk`, on the same machine; each page is asked over 1 and over N
//! connections. Prints one table. Not a test: run it and read the figures.
//!
//!     cargo bench -p commonground-tests --bench pages -- [gatherings] [seconds] [connections]
//!
//! Defaults: 10,200 gatherings (a third each around Berlin, Paris and
//! Madrid), 10 s per run, 32 connections. Needs `wrk` (scripts/bench
//! installs it).

use chrono::Duration;
use harness::fixtures::{Gathering, create_gathering, in_minutes};
use harness::{TestDatabaseKind, spawn_app_with};
use std::process::Command;
use std::time::Instant;

const CITIES: [(&str, f64, f64); 3] = [
    ("Berlin", 52.52, 13.405),
    ("Paris", 48.8566, 2.3522),
    ("Madrid", 40.4168, -3.7038),
];

/// How long each page is asked for, unmeasured, before its runs.
const WARM_UP_SECONDS: u32 = 2;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = harness::bench::arguments();
    let gatherings: usize = args
        .first()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(10_200);
    let seconds: u32 = args.get(1).map(|n| n.parse()).transpose()?.unwrap_or(10);
    let connections: u32 = args.get(2).map(|n| n.parse()).transpose()?.unwrap_or(32);
    if Command::new("wrk").arg("--version").output().is_err() {
        anyhow::bail!("wrk is not installed (apt-get install wrk, or run scripts/bench)");
    }

    // As installed: the search index may be a second old, as by default.
    let mut app = spawn_app_with(TestDatabaseKind::Sqlite, |settings| {
        settings.search.max_staleness_seconds = 1.0;
        settings.database.max_connections = 10;
    })
    .await;
    let seeding = Instant::now();
    let mut first = None;
    for n in 0..gatherings {
        let (_, latitude, longitude) = CITIES[n % CITIES.len()];
        // Spread over about 15 km and the next 60 days, at every hour.
        let step = (n / CITIES.len()) as f64;
        let (dlat, dlon) = ((step * 0.618).fract() - 0.5, (step * 0.382).fract() - 0.5);
        let starts = in_minutes(60 * 24) + Duration::minutes((n as i64 * 37) % (60 * 24 * 60));
        let spec = Gathering::at(
            &format!("Gathering {n}"),
            latitude + dlat * 0.27,
            longitude + dlon * 0.4,
            starts,
        );
        let created = create_gathering(&app.state.db, &spec).await;
        first.get_or_insert(created.public_id);
    }
    println!(
        "== {gatherings} gatherings seeded in {:.1} s; {seconds} s per run, wrk on this machine",
        seeding.elapsed().as_secs_f64()
    );
    // Started afresh, as after a deployment: the index is built from them.
    app.restart().await;
    let event = first.expect("at least one gathering");
    let pages = [
        (
            "near-me page (20 cards)",
            "/?near=52.52,13.405".to_string(),
            CHROMIUM,
        ),
        (
            "the same, for Safari (brotli)",
            "/?near=52.52,13.405".to_string(),
            SAFARI,
        ),
        (
            "the same, 25 km, nearest first",
            "/?near=52.52,13.405&radius=25&sort=nearest".to_string(),
            CHROMIUM,
        ),
        ("a gathering's page", format!("/events/{event}"), CHROMIUM),
        (
            "JSON search",
            "/api/v1/search?near=52.52,13.405".to_string(),
            CHROMIUM,
        ),
    ];
    println!("| page | 1 connection | {connections} connections |\n|---|---|---|");
    for (name, path, encodings) in &pages {
        let url = app.url(path);
        let status = reqwest::get(&url).await?.status();
        anyhow::ensure!(status.is_success(), "{path} answered {status}");
        // Not reported: the first seconds after a start fill SQLite's page
        // cache and each pooled connection's prepared statements, which
        // showed as a p99 of 16-53 ms at one connection on the first page
        // measured and not on the others (3.0 ms when that page ran 20 s).
        wrk(&url, encodings, connections, WARM_UP_SECONDS)?;
        let one = wrk(&url, encodings, 1, seconds)?;
        let many = wrk(&url, encodings, connections, seconds)?;
        println!("| {name} | {one} | {many} |");
    }
    Ok(())
}

/// What Chromium and Firefox accept (the server answers them in zstd).
const CHROMIUM: &str = "gzip, deflate, br, zstd";
/// What Safari accepts (brotli).
const SAFARI: &str = "gzip, deflate, br";

/// Runs wrk against `url`, accepting `encodings`, and says requests/s, p50
/// and p99.
fn wrk(url: &str, encodings: &str, connections: u32, seconds: u32) -> anyhow::Result<String> {
    let accept_encoding = format!("accept-encoding: {encodings}");
    let output = Command::new("wrk")
        .args([
            "--latency",
            "-t",
            &connections.min(2).to_string(),
            "-c",
            &connections.to_string(),
            "-d",
            &format!("{seconds}s"),
            "-H",
            &accept_encoding,
            url,
        ])
        .output()?;
    let text = String::from_utf8_lossy(&output.stdout);
    let field = |prefix: &str| {
        text.lines()
            .find_map(|line| line.trim().strip_prefix(prefix).map(str::trim))
            .unwrap_or("?")
            .to_string()
    };
    let non_2xx = field("Non-2xx or 3xx responses:");
    let errors = if non_2xx == "?" {
        String::new()
    } else {
        format!(", {non_2xx} not 2xx")
    };
    Ok(format!(
        "{} req/s, p50 {}, p99 {}{errors}",
        field("Requests/sec:"),
        field("50%"),
        field("99%")
    ))
}
