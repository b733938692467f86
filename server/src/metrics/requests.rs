//! Requests counted per route, method and status, with a latency histogram
//! per route and method. Routes are the router's patterns
//! (`/events/{id}`), never the paths asked for, so the number of series
//! stays small whatever is requested.

use axum::http::Method;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The histogram's upper bounds, in seconds.
pub const BUCKETS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// The route label of requests no route matched: static files and pages
/// not found.
pub const NO_ROUTE: &str = "(static file or not found)";

#[derive(Clone, Default)]
pub struct RequestMetrics(Arc<Mutex<Routes>>);

/// Route, then method.
type Routes = BTreeMap<String, BTreeMap<&'static str, RouteStats>>;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RouteStats {
    pub by_status: BTreeMap<u16, u64>,
    /// Requests that took at most each bound of [`BUCKETS`] (not
    /// cumulative; the page adds them up).
    pub in_bucket: [u64; BUCKETS.len()],
    pub count: u64,
    pub seconds: f64,
}

impl RequestMetrics {
    pub fn record(&self, route: &str, method: &Method, status: u16, took: Duration) {
        let seconds = took.as_secs_f64();
        let mut routes = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !routes.contains_key(route) {
            routes.insert(route.to_string(), BTreeMap::new());
        }
        let Some(methods) = routes.get_mut(route) else {
            return;
        };
        let stats = methods.entry(method_label(method)).or_default();
        *stats.by_status.entry(status).or_default() += 1;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            stats.in_bucket[bucket] += 1;
        }
        stats.count += 1;
        stats.seconds += seconds;
    }

    /// A copy of everything counted so far, by route and method.
    pub fn snapshot(&self) -> Vec<(String, &'static str, RouteStats)> {
        let routes = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        routes
            .iter()
            .flat_map(|(route, methods)| {
                methods
                    .iter()
                    .map(|(method, stats)| (route.clone(), *method, stats.clone()))
            })
            .collect()
    }
}

/// The standard methods by name; anything else as one label.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "OTHER",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_fall_in_the_first_bucket_that_holds_them_and_odd_methods_share_a_label() {
        let metrics = RequestMetrics::default();
        let route = "/events/{id}";
        metrics.record(route, &Method::GET, 200, Duration::from_micros(800));
        metrics.record(route, &Method::GET, 404, Duration::from_millis(30));
        metrics.record(route, &Method::GET, 200, Duration::from_secs(60));
        metrics.record(
            route,
            &Method::from_bytes(b"BREW").unwrap(),
            405,
            Duration::ZERO,
        );
        let seen = metrics.snapshot();
        assert_eq!(seen.len(), 2);
        let (_, method, get) = &seen[0];
        assert_eq!(*method, "GET");
        assert_eq!(get.count, 3);
        assert_eq!(get.by_status, BTreeMap::from([(200, 2), (404, 1)]));
        assert_eq!(get.in_bucket[0], 1, "0.8 ms is within 1 ms");
        assert_eq!(get.in_bucket[5], 1, "30 ms is within 50 ms");
        assert_eq!(
            get.in_bucket.iter().sum::<u64>(),
            2,
            "a minute is only in +Inf"
        );
        assert_eq!(seen[1].1, "OTHER");
    }
}
