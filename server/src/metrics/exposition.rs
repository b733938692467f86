//! The `/metrics` page in Prometheus's text format (version 0.0.4): one
//! `# HELP` and `# TYPE` line per metric, then its samples.

use super::Metrics;
use super::requests::BUCKETS;
use app::backend::{AppState, outbox};
use chrono::Utc;
use sea_orm::{DatabaseBackend, DbErr};
use std::fmt::Write;

/// Everything this process can tell about itself, read now.
pub async fn render(metrics: &Metrics, state: &AppState) -> Result<String, DbErr> {
    let mut page = Page::default();
    requests(&mut page, metrics);
    pool(&mut page, state);
    outbox_depth(&mut page, state).await?;
    outbox_delivered(&mut page, metrics);
    search_index(&mut page, state);
    tasks(&mut page, metrics);
    Ok(page.0)
}

fn requests(page: &mut Page, metrics: &Metrics) {
    let seen = metrics.requests.snapshot();
    page.describe(
        "commonground_http_requests_total",
        "counter",
        "Requests answered, by route pattern, method and status.",
    );
    for (route, method, stats) in &seen {
        for (status, count) in &stats.by_status {
            let status = status.to_string();
            page.sample(
                "commonground_http_requests_total",
                &[("route", route), ("method", method), ("status", &status)],
                *count as f64,
            );
        }
    }
    let name = "commonground_http_request_duration_seconds";
    page.describe(
        name,
        "histogram",
        "Time from a request's arrival to its answer, by route pattern and method.",
    );
    for (route, method, stats) in &seen {
        let mut cumulative = 0;
        for (bound, in_bucket) in BUCKETS.iter().zip(stats.in_bucket) {
            cumulative += in_bucket;
            let le = bound.to_string();
            page.sample(
                &format!("{name}_bucket"),
                &[("route", route), ("method", method), ("le", &le)],
                cumulative as f64,
            );
        }
        let labels = [("route", route.as_str()), ("method", method)];
        page.sample(
            &format!("{name}_bucket"),
            &[("route", route), ("method", method), ("le", "+Inf")],
            stats.count as f64,
        );
        page.sample(&format!("{name}_sum"), &labels, stats.seconds);
        page.sample(&format!("{name}_count"), &labels, stats.count as f64);
    }
}

fn pool(page: &mut Page, state: &AppState) {
    let (size, idle, max) = match state.db.get_database_backend() {
        DatabaseBackend::Sqlite => {
            let pool = state.db.get_sqlite_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        DatabaseBackend::Postgres => {
            let pool = state.db.get_postgres_connection_pool();
            (
                pool.size(),
                pool.num_idle(),
                pool.options().get_max_connections(),
            )
        }
        _ => return,
    };
    let idle = u32::try_from(idle).unwrap_or(size);
    let name = "commonground_db_pool_connections";
    page.describe(
        name,
        "gauge",
        "Database connections of this process, in use and idle.",
    );
    page.sample(
        name,
        &[("state", "in_use")],
        f64::from(size.saturating_sub(idle)),
    );
    page.sample(name, &[("state", "idle")], f64::from(idle));
    page.gauge(
        "commonground_db_pool_max_connections",
        "The most connections this process opens ([database] max_connections).",
        f64::from(max),
    );
}

async fn outbox_depth(page: &mut Page, state: &AppState) -> Result<(), DbErr> {
    let depth = outbox::depth::of(&state.db).await?;
    page.gauge(
        "commonground_outbox_waiting",
        "Emails written to the outbox and not sent yet (all processes).",
        depth.waiting as f64,
    );
    let oldest = depth
        .oldest_waiting_since
        .map_or(0.0, |since| (Utc::now() - since).as_seconds_f64().max(0.0));
    page.gauge(
        "commonground_outbox_oldest_waiting_seconds",
        "How long the oldest unsent email has waited; 0 when none waits.",
        oldest,
    );
    page.gauge(
        "commonground_outbox_given_up",
        "Emails given up on after every retry, still kept for looking into.",
        depth.given_up as f64,
    );
    Ok(())
}

fn outbox_delivered(page: &mut Page, metrics: &Metrics) {
    let name = "commonground_outbox_sent_total";
    page.describe(
        name,
        "counter",
        "Emails this process handed to the mail server since it started.",
    );
    page.sample(name, &[], metrics.outbox_delivered.get() as f64);
}

fn search_index(page: &mut Page, state: &AppState) {
    let figures = state.search_index.figures();
    page.gauge(
        "commonground_search_index_built",
        "1 once this process's search index is built, 0 while it is loading.",
        if figures.dates.is_some() { 1.0 } else { 0.0 },
    );
    page.gauge(
        "commonground_search_index_dates",
        "Upcoming dates held in this process's search index.",
        figures.dates.unwrap_or(0) as f64,
    );
    if let Some(since) = figures.since_caught_up {
        page.gauge(
            "commonground_search_index_lag_seconds",
            "How long ago this process's search index last caught up with the database.",
            since.as_secs_f64(),
        );
    }
}

fn tasks(page: &mut Page, metrics: &Metrics) {
    let name = "commonground_task_last_success_timestamp_seconds";
    page.describe(
        name,
        "gauge",
        "When each background task of this process last succeeded (Unix time).",
    );
    for (task, at) in metrics.tasks.last_successes() {
        page.sample(name, &[("task", task)], at.timestamp() as f64);
    }
}

/// The page being written.
#[derive(Default)]
struct Page(String);

impl Page {
    fn describe(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.0, "# HELP {name} {help}");
        let _ = writeln!(self.0, "# TYPE {name} {kind}");
    }

    fn gauge(&mut self, name: &str, help: &str, value: f64) {
        self.describe(name, "gauge", help);
        self.sample(name, &[], value);
    }

    fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) {
        self.0.push_str(name);
        if !labels.is_empty() {
            self.0.push('{');
            for (n, (label, text)) in labels.iter().enumerate() {
                if n > 0 {
                    self.0.push(',');
                }
                let _ = write!(self.0, "{label}=\"{}\"", escaped(text));
            }
            self.0.push('}');
        }
        let _ = writeln!(self.0, " {value}");
    }
}

/// A label value as the format requires: backslash, quote and newline
/// escaped.
fn escaped(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn samples_are_written_with_their_labels_escaped() {
        let mut page = Page::default();
        page.describe("x_total", "counter", "Things.");
        page.sample(
            "x_total",
            &[("route", "/a\"b\\c\nd"), ("method", "GET")],
            3.0,
        );
        page.gauge("y", "Other things.", 0.25);
        assert_eq!(
            page.0,
            "# HELP x_total Things.\n# TYPE x_total counter\n\
             x_total{route=\"/a\\\"b\\\\c\\nd\",method=\"GET\"} 3\n\
             # HELP y Other things.\n# TYPE y gauge\ny 0.25\n"
        );
    }
}
