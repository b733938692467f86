//! When each background task last finished without an error, so that a
//! task failing over and over shows as time passing since its last success.

use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[derive(Clone, Default)]
pub struct TaskClock(Arc<Mutex<BTreeMap<&'static str, DateTime<Utc>>>>);

impl TaskClock {
    pub fn succeeded(&self, task: &'static str, at: DateTime<Utc>) {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .insert(task, at);
    }

    /// Every task that succeeded at least once, by name.
    pub fn last_successes(&self) -> Vec<(&'static str, DateTime<Utc>)> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .iter()
            .map(|(task, at)| (*task, *at))
            .collect()
    }
}
