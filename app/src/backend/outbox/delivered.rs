//! How many emails this process has handed to the mail server since it
//! started, for `/metrics`. With several processes on one database each
//! sends a share of the outbox; this shows the share is taken.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

/// Clones share one count.
#[derive(Clone, Debug, Default)]
pub struct DeliveredCount(Arc<AtomicU64>);

impl DeliveredCount {
    pub fn add_one(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}
