//! `GET /events/{id}/poster`: a gathering's printable poster
//! (`app::ui::poster`), in the reader's language, for anyone who may see
//! its page.

use super::{extract::ReaderLanguage, refusal::Refusal};
use app::backend::{AppState, gatherings};
use app::l10n::language;
use app::ui::poster;
use axum::{
    extract::{Path, State},
    response::{Html, IntoResponse, Response},
};
use chrono::Utc;

pub async fn show(
    State(state): State<AppState>,
    ReaderLanguage(reader): ReaderLanguage,
    Path(public_id): Path<String>,
) -> Result<Response, Refusal> {
    let view = gatherings::poster::load(&state.db, &public_id, language::code(reader), Utc::now())
        .await?
        .ok_or(Refusal::NotFound)?;
    let page_url = format!("{}/events/{}", state.public_url, view.details.public_id);
    Ok(Html(poster::render(&view, reader, &page_url)).into_response())
}
