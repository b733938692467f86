//! `multipart/form-data` bodies, which is how a plain HTML form uploads a
//! file (a host's logo). The request-context middleware reads and bounds
//! the body, parses it whole from memory once (it needs the anti-forgery
//! field), and hands the result to the handler as a request extension.

use app::domain::text::without_control_characters;
use axum::http::{HeaderMap, header};
use bytes::Bytes;

/// The text fields and files of a multipart body, in order.
#[derive(Clone, Debug, Default)]
pub struct MultipartForm {
    pub fields: Vec<(String, String)>,
    pub files: Vec<(String, Vec<u8>)>,
}

impl MultipartForm {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The bytes of the file sent as `name`, taken out of the form (no
    /// copy of an upload of megabytes); empty when none was chosen.
    pub fn take_file(&mut self, name: &str) -> Vec<u8> {
        self.files
            .iter_mut()
            .find(|(n, _)| n == name)
            .map(|(_, bytes)| std::mem::take(bytes))
            .unwrap_or_default()
    }

    /// The bytes of the file sent as `name`; empty when none was chosen.
    pub fn file(&self, name: &str) -> &[u8] {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map_or(&[], |(_, bytes)| bytes.as_slice())
    }
}

/// The boundary, when the request is `multipart/form-data`.
pub fn boundary(headers: &HeaderMap) -> Option<String> {
    let content_type = headers.get(header::CONTENT_TYPE)?.to_str().ok()?;
    if !content_type.starts_with("multipart/form-data") {
        return None;
    }
    multer::parse_boundary(content_type).ok()
}

/// Reads every part; `None` if the body is not well-formed.
pub async fn parse(body: Bytes, boundary: &str) -> Option<MultipartForm> {
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut form = MultipartForm::default();
    while let Some(part) = multipart.next_field().await.ok()? {
        let name = part.name().unwrap_or_default().to_string();
        if part.file_name().is_some() {
            form.files.push((name, part.bytes().await.ok()?.to_vec()));
        } else {
            let text = part.text().await.ok()?;
            form.fields.push((name, without_control_characters(&text)));
        }
    }
    Some(form)
}
