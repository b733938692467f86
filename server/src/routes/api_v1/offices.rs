//! `GET /api/v1/offices/{slug}/area`: the area a city office covers, as a
//! GeoJSON geometry (a MultiPolygon), for maps and other apps.

use super::{Problem, etagged_as};
use app::backend::{AppState, offices};
use axum::{
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};

#[utoipa::path(
    get,
    path = "/api/v1/offices/{slug}/area",
    tag = "offices",
    params(("slug" = String, Path, description = "The office's slug, as in `/offices/{slug}`", example = "demo-district")),
    responses(
        (status = 200, description = "The office's area as a GeoJSON MultiPolygon geometry", body = Object, content_type = "application/geo+json"),
        (status = 304, description = "Unchanged since the ETag sent in If-None-Match"),
        (status = 404, description = "No such office, or it has no area yet", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn area(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Response, Problem> {
    let office = offices::by_slug(&state.db, &slug)
        .await?
        .ok_or_else(Problem::not_found)?;
    let area = offices::jurisdiction::of_office(&state.db, office.id)
        .await?
        .ok_or_else(Problem::not_found)?;
    let geometry = offices::jurisdiction::to_geojson(&area);
    Ok(etagged_as(&headers, geometry, "application/geo+json"))
}
