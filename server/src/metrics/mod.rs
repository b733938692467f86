//! What the operator's Prometheus scrapes from `/metrics`: requests and
//! their latency per route, the database pool, the outbox, the search index,
//! and when each background task last succeeded. Each process keeps and
//! shows its own (scrape every process). The page itself and who may read
//! it are in `routes::metrics`.

mod access;
mod exposition;
mod requests;
mod tasks;

pub use access::AllowList;
pub use exposition::render;
pub use requests::{NO_ROUTE, RequestMetrics};
pub use tasks::TaskClock;

/// This process's figures; clones share them.
#[derive(Clone, Default)]
pub struct Metrics {
    pub requests: RequestMetrics,
    pub tasks: TaskClock,
    /// Emails this process's outbox worker delivered.
    pub outbox_delivered: app::backend::outbox::delivered::DeliveredCount,
}
