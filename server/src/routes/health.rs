//! `/healthz` and `/readyz`, for load balancers and process supervisors.
//! Healthy means the process answers and the database answers: restart it
//! if not. Ready means it should be sent traffic: healthy, and its search
//! index built (a process that has just started is still loading it).

use app::backend::AppState;
use axum::{Json, extract::State, http::StatusCode};
use serde_json::{Value, json};

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(json!({ "status": "ok", "database": "ok" })),
        ),
        Err(error) => {
            tracing::error!(%error, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "status": "unavailable", "database": "unreachable" })),
            )
        }
    }
}

pub async fn readyz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = match state.db.ping().await {
        Ok(()) => true,
        Err(error) => {
            tracing::warn!(%error, "readiness: database unreachable");
            false
        }
    };
    let search_index = state.search_index.is_built();
    let ready = database && search_index;
    (
        if ready {
            StatusCode::OK
        } else {
            StatusCode::SERVICE_UNAVAILABLE
        },
        Json(json!({
            "status": if ready { "ready" } else { "not ready" },
            "database": if database { "ok" } else { "unreachable" },
            "search_index": if search_index { "built" } else { "building" },
        })),
    )
}
