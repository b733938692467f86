//! Every request is answered to the end in a task of its own, even when the
//! person's connection drops meanwhile.
//!
//! Without this, hyper drops a request's future when its connection
//! closes, and with it, mid-way, the page Leptos is rendering: the page's
//! reactive owner goes on the thread that noticed, while the tasks of its
//! resources still run on others. Leptos' context lookup
//! (`reactive_graph` 0.2's `Owner::with_context`, which every
//! `use_context` in a resource calls) holds its own owner's lock while it
//! lets go of the parents it looked at; when that was the last hold on
//! them, their cleanup takes the same lock, and the thread waits for
//! itself for ever. Seen once in about two thousand connections closed
//! mid-page by the `pages` benchmark (a worker thread stuck in
//! `write_contended` under `use_context`, called by `app::api::device_hash`
//! in a resource). Each such event takes one of the server's few worker
//! threads for good, and on a two-core machine two of them stop it; a
//! phone losing its network mid-page is what people here do every day.
//!
//! Finished in its own task, a page's render ends only after its
//! resources have resolved (`SsrMode::Async`), so none of them is still
//! looking up context when its owner goes. (A resource that a page starts
//! but never waits for could still meet it; reactive_graph itself would
//! have to let go of the parents after its own lock.) A change that was
//! asked for (a reply, a cancellation) is also made whole, not cut off by
//! a lost connection, so the person finds it done when they look again.
//!
//! What this costs: a request whose sender left is still worked through,
//! as it would have been had they waited; one task more per request. A
//! request whose connection is gone is not waited for at shutdown (its
//! transaction rolls back when the process ends).

use axum::{
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};
use tracing::Instrument;

pub async fn finish_even_if_the_client_leaves(request: Request, next: Next) -> Response {
    match tokio::spawn(next.run(request).in_current_span()).await {
        Ok(response) => response,
        // A handler that panicked: the same answer as an error it returned.
        Err(failed) => {
            tracing::error!(error = %failed, "a request's handler failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
