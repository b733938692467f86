//! `GET /api/v1/docs`: the OpenAPI document as a readable page, written
//! here from the document itself (so it cannot drift from it) — no
//! third-party viewer, no script.

use super::openapi;
use crate::routes::extract::ReaderLanguage;
use app::domain::text::escape_html as escape;
use app::i18n::td_string;
use axum::response::Html;
use leptos_i18n::Locale as _;
use serde_json::Value;
use std::fmt::Write;

pub async fn page(ReaderLanguage(locale): ReaderLanguage) -> Html<String> {
    let document = serde_json::to_value(openapi()).unwrap_or(Value::Null);
    let title = td_string!(locale, api_docs_title);
    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><link rel=\"stylesheet\" href=\"/style.css\"></head>\
         <body><main class=\"stack api-docs\"><h1>{title}</h1><p>{intro}</p>\
         <p><a href=\"/api/v1/openapi.json\">openapi.json</a> (OpenAPI {version})</p>",
        lang = locale.as_str(),
        dir = locale.direction().as_str(),
        title = escape(title),
        intro = escape(td_string!(locale, api_docs_intro)),
        version = escape(document["openapi"].as_str().unwrap_or_default()),
    );
    if let Some(paths) = document["paths"].as_object() {
        for (path, operations) in paths {
            let Some(operations) = operations.as_object() else {
                continue;
            };
            for (method, operation) in operations {
                write_operation(&mut html, path, method, operation);
            }
        }
    }
    html.push_str("<h2 id=\"schemas\">Schemas</h2>");
    if let Some(schemas) = document["components"]["schemas"].as_object() {
        for (name, schema) in schemas {
            write_schema(&mut html, name, schema);
        }
    }
    html.push_str("</main></body></html>");
    Html(html)
}

fn text(value: &Value) -> String {
    escape(value.as_str().unwrap_or_default())
}

fn write_operation(html: &mut String, path: &str, method: &str, operation: &Value) {
    let _ = write!(
        html,
        "<section class=\"stack\"><h2 dir=\"ltr\"><code>{} {}</code></h2><p>{}</p>",
        escape(&method.to_uppercase()),
        escape(path),
        text(&operation["summary"]),
    );
    if let Some(parameters) = operation["parameters"].as_array() {
        html.push_str("<dl>");
        for parameter in parameters {
            let _ = write!(
                html,
                "<dt dir=\"ltr\"><code>{}</code> ({}{})</dt><dd>{}</dd>",
                text(&parameter["name"]),
                text(&parameter["in"]),
                if parameter["required"].as_bool() == Some(true) {
                    ", required"
                } else {
                    ""
                },
                text(&parameter["description"]),
            );
        }
        html.push_str("</dl>");
    }
    if let Some(responses) = operation["responses"].as_object() {
        html.push_str("<ul>");
        for (status, response) in responses {
            let schema = response["content"]
                .as_object()
                .and_then(|content| content.values().next())
                .and_then(|media| media["schema"]["$ref"].as_str())
                .and_then(|reference| reference.rsplit('/').next())
                .map(|name| format!(" → <a href=\"#{0}\">{0}</a>", escape(name)))
                .unwrap_or_default();
            let _ = write!(
                html,
                "<li><strong>{}</strong> {}{}</li>",
                escape(status),
                text(&response["description"]),
                schema
            );
        }
        html.push_str("</ul>");
    }
    html.push_str("</section>");
}

fn write_schema(html: &mut String, name: &str, schema: &Value) {
    let _ = write!(
        html,
        "<section class=\"stack\" id=\"{0}\"><h3 dir=\"ltr\">{0}</h3><p>{1}</p>",
        escape(name),
        text(&schema["description"]),
    );
    if let Some(properties) = schema["properties"].as_object() {
        html.push_str("<dl>");
        for (property, about) in properties {
            let kind = match &about["type"] {
                Value::String(kind) => kind.clone(),
                Value::Array(kinds) => kinds
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(" or "),
                _ => about["$ref"]
                    .as_str()
                    .and_then(|r| r.rsplit('/').next())
                    .unwrap_or("object")
                    .to_string(),
            };
            let _ = write!(
                html,
                "<dt dir=\"ltr\"><code>{}</code>: {}</dt><dd>{}</dd>",
                escape(property),
                escape(&kind),
                text(&about["description"]),
            );
        }
        html.push_str("</dl>");
    }
    html.push_str("</section>");
}
