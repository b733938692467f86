//! Pages and JSON in zstd, compressed whole by a context each thread keeps.
//!
//! tower-http's `CompressionLayer` (outside this) starts a new zstd stream
//! for every response. Not knowing the response's size, the stream sets up
//! the level's full tables, about a megabyte allocated and zeroed per page:
//! a near-me page (21.7 KB) took 59 µs that way and 30 µs compressed whole
//! by a context used again, for the same bytes (measured alone, the `zstd`
//! crate, level 3). Pages are rendered whole before they are sent
//! (`SsrMode::Async`), so waiting for the whole body costs nothing.
//!
//! Only for pages and JSON, to a browser that prefers zstd (Chromium and
//! Firefox say so); everything else passes through to `CompressionLayer`
//! (brotli for Safari, gzip, and other types), as does a body larger than
//! `LARGEST`, which it compresses as a stream, so that no response is held
//! whole beyond that.

use axum::{
    body::{Body, Bytes, HttpBody},
    extract::Request,
    http::{HeaderMap, HeaderValue, Method, Response, StatusCode, header},
    middleware::Next,
};
use futures_util::stream::{self, StreamExt};
use http_body_util::BodyExt;
use std::cell::RefCell;

/// zstd's level, the same as `CompressionLayer`'s default.
const LEVEL: i32 = 3;
/// Bodies smaller than this are sent as they are (`CompressionLayer`'s
/// own threshold).
const SMALLEST: usize = 32;
/// Bodies larger than this are left to `CompressionLayer`'s stream (a page
/// is tens of kilobytes; an export can be more).
const LARGEST: usize = 1 << 20;

thread_local! {
    /// This thread's compression context, used again for every response.
    static COMPRESSOR: RefCell<Option<zstd::bulk::Compressor<'static>>> =
        RefCell::new(zstd::bulk::Compressor::new(LEVEL).ok());
}

pub async fn zstd_whole(request: Request, next: Next) -> Response<Body> {
    if request.method() == Method::HEAD || !prefers_zstd(request.headers()) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK
        || !is_page_or_json(response.headers())
        || response.body().size_hint().lower() > LARGEST as u64
    {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let whole = match whole_or_as_is(body).await {
        Ok(whole) => whole,
        Err(as_is) => return Response::from_parts(parts, as_is),
    };
    let compressed = (whole.len() >= SMALLEST)
        .then(|| {
            COMPRESSOR.with_borrow_mut(|compressor| compressor.as_mut()?.compress(&whole).ok())
        })
        .flatten();
    let Some(compressed) = compressed else {
        return Response::from_parts(parts, Body::from(whole));
    };
    let headers = &mut parts.headers;
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static("zstd"));
    headers.remove(header::CONTENT_LENGTH);
    headers.remove(header::ACCEPT_RANGES);
    let varies = headers.get_all(header::VARY).iter().any(|value| {
        value
            .to_str()
            .is_ok_and(|names| names.to_ascii_lowercase().contains("accept-encoding"))
    });
    if !varies {
        headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    }
    Response::from_parts(parts, Body::from(compressed))
}

/// Whether the request accepts zstd at least as gladly as any other
/// encoding the server speaks (`CompressionLayer` would choose it then).
/// An item with a quality that is not a number from 0 to 1 is ignored, as
/// `CompressionLayer` ignores it.
fn prefers_zstd(headers: &HeaderMap) -> bool {
    let mut zstd_quality: f32 = 0.0;
    let mut others: f32 = 0.0;
    for value in headers.get_all(header::ACCEPT_ENCODING) {
        let Ok(value) = value.to_str() else { continue };
        for item in value.split(',') {
            let mut pieces = item.split(';');
            let name = pieces.next().unwrap_or_default().trim();
            let Some(quality) = quality(pieces.next()) else {
                continue;
            };
            if name.eq_ignore_ascii_case("zstd") {
                zstd_quality = zstd_quality.max(quality);
            } else if ["br", "gzip", "deflate"]
                .iter()
                .any(|other| name.eq_ignore_ascii_case(other))
            {
                others = others.max(quality);
            }
        }
    }
    zstd_quality > 0.0 && zstd_quality >= others
}

/// An item's quality: 1 without one, `None` when it is not `q=` and a
/// number from 0 to 1.
fn quality(parameter: Option<&str>) -> Option<f32> {
    let Some(parameter) = parameter else {
        return Some(1.0);
    };
    let (name, value) = parameter.trim().split_once('=')?;
    let value: f32 = value.trim().parse().ok()?;
    (name.eq_ignore_ascii_case("q") && (0.0..=1.0).contains(&value)).then_some(value)
}

/// An HTML page or JSON, whole (not a range) and not already encoded.
fn is_page_or_json(headers: &HeaderMap) -> bool {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    !headers.contains_key(header::CONTENT_ENCODING)
        && !headers.contains_key(header::CONTENT_RANGE)
        && (kind.starts_with("text/html") || kind.starts_with("application/json"))
}

/// The body whole, or, when it is larger than `LARGEST` or fails on the
/// way, a body that sends what was read and then the rest as it comes.
async fn whole_or_as_is(mut body: Body) -> Result<Bytes, Body> {
    let mut read = Vec::new();
    loop {
        match body.frame().await {
            None => return Ok(Bytes::from(read)),
            Some(Ok(frame)) => match frame.into_data() {
                Ok(data) => {
                    read.extend_from_slice(&data);
                    if read.len() > LARGEST {
                        break;
                    }
                }
                // Trailers: pages and JSON have none (they would be
                // dropped); the body is sent on as it comes.
                Err(_) => break,
            },
            Some(Err(error)) => {
                let parts = [Ok(Bytes::from(read)), Err(error)];
                return Err(Body::from_stream(stream::iter(parts)));
            }
        }
    }
    let read = stream::once(async move { Ok::<_, axum::Error>(Bytes::from(read)) });
    Err(Body::from_stream(read.chain(body.into_data_stream())))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn accepting(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT_ENCODING, value.parse().unwrap());
        headers
    }

    #[test]
    fn zstd_is_chosen_only_when_preferred() {
        for value in [
            "gzip, deflate, br, zstd",
            "zstd",
            "br;q=0.5, zstd",
            "ZSTD;Q=1",
            "zstd;q=0.2, zstd, br",
            "zstd, br;q=2",
        ] {
            assert!(prefers_zstd(&accepting(value)), "{value}");
        }
        for value in [
            "gzip, deflate, br",
            "zstd;q=0",
            "zstd;q=0.000, br",
            "br, zstd;q=0.5",
            "zstd;q=nonsense",
            "zstd;Q=0",
            "zstd;q=1.5",
            "",
        ] {
            assert!(!prefers_zstd(&accepting(value)), "{value}");
        }
        assert!(!prefers_zstd(&HeaderMap::new()));
    }
}
