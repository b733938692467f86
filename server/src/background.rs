//! Tasks that run beside the HTTP server in every process: the outbox
//! worker, the search index (built at start, then kept in step with the
//! database), reminders before gatherings, the scheduler that writes the next dates of series as time
//! passes, and housekeeping that removes what can no longer be used
//! (expired sessions and sign-in links, old rate-limit windows) and forgets
//! the guests of dates whose time is up.

use crate::metrics::Metrics;
use app::backend::{
    AppState,
    auth::{session, sign_in},
    follow_up,
    gatherings::schedule,
    outbox::{
        self,
        worker::{OutboxWorker, RetryPolicy},
    },
    privacy, rate_limit,
    replies::{follow_ups, news},
};
use std::time::Duration;
use tokio::task::JoinHandle;

const HOUSEKEEPING_EVERY: Duration = Duration::from_secs(10 * 60);
const REMINDERS_EVERY: Duration = Duration::from_secs(60);
/// How often an idle process's search index catches up (searches also
/// catch up first when the index is older than allowed).
const SEARCH_INDEX_EVERY: Duration = Duration::from_secs(1);

/// Stops the tasks when dropped.
pub struct Background(Vec<JoinHandle<()>>);

impl Drop for Background {
    fn drop(&mut self) {
        for task in &self.0 {
            task.abort();
        }
    }
}

/// Starts the tasks; each records its successes on `metrics.tasks`, and
/// the outbox worker counts what it delivers (for `/metrics`).
pub fn start(state: &AppState, retry: RetryPolicy, metrics: &Metrics) -> Background {
    let clock = &metrics.tasks;
    let worker = OutboxWorker {
        db: state.db.clone(),
        mailer: state.mailer.clone(),
        policy: retry,
        doorbell: state.outbox.clone(),
        delivered: metrics.outbox_delivered.clone(),
    };
    let db = state.db.clone();
    let (reminder_db, public_url) = (state.db.clone(), state.public_url.clone());
    let doorbell = state.outbox.clone();
    let (index, index_db) = (state.search_index.clone(), state.db.clone());
    let (index_clock, reminders_clock, housekeeping_clock) =
        (clock.clone(), clock.clone(), clock.clone());
    Background(vec![
        tokio::spawn(worker.run()),
        tokio::spawn(async move {
            loop {
                if index.needs_building() {
                    match index.build(&index_db).await {
                        Ok(built) => {
                            tracing::info!(
                                dates = built.dates,
                                seconds = built.took.as_secs_f64(),
                                "search index built"
                            );
                            index_clock.succeeded("search index", chrono::Utc::now());
                        }
                        Err(error) => tracing::warn!(%error, "cannot build the search index yet"),
                    }
                } else {
                    match index.catch_up(&index_db).await {
                        Ok(()) => index_clock.succeeded("search index", chrono::Utc::now()),
                        Err(error) => {
                            tracing::warn!(%error, "search index cannot catch up; will try again");
                        }
                    }
                }
                tokio::time::sleep(SEARCH_INDEX_EVERY).await;
            }
        }),
        tokio::spawn(async move {
            loop {
                let now = chrono::Utc::now();
                let results = [
                    (
                        "reminders",
                        news::send_reminders(&reminder_db, &public_url, now).await,
                    ),
                    (
                        "follow-ups",
                        follow_ups::send_due(&reminder_db, &public_url, now).await,
                    ),
                ];
                for (what, result) in results {
                    match result {
                        Ok(written) => {
                            reminders_clock.succeeded(what, now);
                            if written > 0 {
                                doorbell.ring();
                            }
                        }
                        Err(error) => tracing::warn!(%error, what, "failed; will try again"),
                    }
                }
                tokio::time::sleep(REMINDERS_EVERY).await;
            }
        }),
        tokio::spawn(async move {
            loop {
                // Each on its own: one failing does not hold up the others.
                let now = chrono::Utc::now();
                let results = [
                    ("scheduler", schedule::extend_all(&db, now).await.map(drop)),
                    ("sessions", session::remove_expired(&db).await.map(drop)),
                    (
                        "sign-in links",
                        sign_in::remove_expired(&db).await.map(drop),
                    ),
                    ("rate limits", rate_limit::remove_old(&db).await),
                    (
                        "guest data links",
                        privacy::guest_link::remove_expired(&db, now)
                            .await
                            .map(drop),
                    ),
                    (
                        "follow-up keys",
                        follow_up::keys::remove_expired(&db, now).await.map(drop),
                    ),
                    (
                        "sent emails",
                        outbox::remove_delivered(&db, now).await.map(drop),
                    ),
                    (
                        "forgetting guests",
                        privacy::forget::forget_due(&db, now).await.map(drop),
                    ),
                ];
                for (what, result) in results {
                    match result {
                        Ok(()) => housekeeping_clock.succeeded(what, now),
                        Err(error) => {
                            tracing::warn!(%error, what, "housekeeping failed; will try again");
                        }
                    }
                }
                tokio::time::sleep(HOUSEKEEPING_EVERY).await;
            }
        }),
    ])
}
