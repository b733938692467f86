//! A gathering's cover picture: its organisers add one with a description
//! (`POST /events/<id>/picture`, a plain multipart form) or remove it, and
//! anyone who may see the gathering fetches it at one of its widths
//! (`GET /events/<id>/picture/<width>?v=<digest>`).

use super::{
    HttpState,
    extract::{FormPost, ReaderLanguage},
    form_page::{at_path, form_again, rate_limited},
    guard::managed,
    multipart::MultipartForm,
    refusal::Refusal,
    stored_file::{Caching, respond},
};
use app::backend::{
    auth::session,
    cookies,
    pictures::{
        access::{Audience, gathering_for},
        store,
    },
    rate_limit::limits,
};
use app::domain::picture::AltText;
use app::l10n::refusals::Explain;
use app::ui::components::picture_section::{ALT_FIELD, FILE_FIELD};
use axum::{
    extract::{Path, Query, State},
    http::{HeaderMap, request::Parts},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// `POST /events/<id>/picture` (multipart): sets or replaces the picture.
/// A refused file or description changes nothing and shows the manage page
/// again with the problem at its field and the description as typed.
pub async fn upload(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    mut parts: Parts,
) -> Answer {
    let (_, viewer) = managed(&state, &parts, &public_id, locale).await?;
    // Parsed by the request-context middleware; none when the body was not
    // a well-formed multipart form.
    let mut form = parts
        .extensions
        .remove::<MultipartForm>()
        .unwrap_or_default();
    let typed_alt = form.field(ALT_FIELD).unwrap_or_default().to_string();
    let typed = vec![(ALT_FIELD.to_string(), typed_alt.clone())];
    let page = at_path(parts, &format!("/events/{public_id}/manage"));
    let key = format!("pictures:{}", viewer.user_id);
    let limit = [(key, limits::PICTURES_PER_PERSON)];
    rate_limited(&state, &page, &limit, &typed, FILE_FIELD, locale).await?;
    let checked = match AltText::parse(&typed_alt) {
        Ok(alt) => state
            .app
            .pictures
            .renditions(form.take_file(FILE_FIELD))
            .await
            .map(|pictures| (alt, pictures))
            .map_err(|problem| (FILE_FIELD, problem)),
        Err(problem) => Err((ALT_FIELD, problem)),
    };
    let (alt, pictures) = match checked {
        Ok(checked) => checked,
        Err((field, problem)) => {
            let message = problem.explain(locale);
            return Err(Refusal::Page(
                form_again(&state, page, typed, field, &message).await,
            ));
        }
    };
    // Asked again: decoding may have taken a while, and the viewer may
    // have left the team meanwhile.
    let (event, _) = managed(&state, &page, &public_id, locale).await?;
    store::save(&state.app.db, event.id, alt, pictures).await?;
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

/// `POST /events/<id>/picture/remove`: back to the drawing of its kind.
pub async fn remove(
    State(state): State<HttpState>,
    ReaderLanguage(locale): ReaderLanguage,
    Path(public_id): Path<String>,
    form: FormPost,
) -> Answer {
    let (event, _) = managed(&state, &form.parts, &public_id, locale).await?;
    store::remove(&state.app.db, event.id).await?;
    Ok(Redirect::to(&format!("/events/{public_id}/manage?saved=1")).into_response())
}

#[derive(Deserialize)]
pub struct PictureQuery {
    v: Option<String>,
}

/// `GET /events/<id>/picture/<width>?v=<digest>`, only with its current
/// digest. A public gathering's picture is cached for good; a draft's or a withheld
/// gathering's goes only to its organisers (read from the session cookie
/// here: picture addresses skip the request-context middleware, so that
/// public ones set no cookie and a shared cache may keep them).
pub async fn serve(
    State(state): State<HttpState>,
    Path((public_id, width)): Path<(String, String)>,
    Query(query): Query<PictureQuery>,
    headers: HeaderMap,
) -> Answer {
    let width: i32 = width.parse().map_err(|_| Refusal::NotFound)?;
    let db = &state.app.db;
    let viewer_of = || async {
        let name = cookies::secret_name(session::COOKIE, state.app.https());
        let token = cookies::read(&headers, &name)?;
        session::viewer(db, token).await.ok().flatten()
    };
    let (event, audience) = gathering_for(db, &public_id, viewer_of)
        .await
        .map_err(|_| Refusal::NotFound)?;
    let digest = query.v.unwrap_or_default();
    let bytes = store::file(db, event.id, width, &digest)
        .await?
        .ok_or(Refusal::NotFound)?;
    let caching = match audience {
        Audience::Organisers => Caching::Private,
        Audience::Public => Caching::Immutable,
    };
    Ok(respond(&headers, bytes, "image/jpeg", &digest, caching))
}
