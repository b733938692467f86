//! Organisers' API tokens: made on the account page and shown once, then
//! used by a program to read reply counts and to create, change and cancel
//! gatherings — only within their scopes, only for their person's hosts,
//! never with a cookie, and not at all once revoked.

use app::backend::entities::event;
use harness::organiser::{soup_night, start_date, with_gathering};
use harness::{Browser, TestApp, spawn_app};
use reqwest::{Method, StatusCode};
use sea_orm::{EntityTrait, PaginatorTrait};
use serde_json::{Value, json};

/// Makes a token on the account page with `scopes`; returns it.
async fn make_token(person: &Browser, name: &str, scopes: &[&str]) -> String {
    let mut fields = vec![("token_name", name)];
    fields.extend(scopes.iter().map(|scope| ("scope", *scope)));
    let response = person.post_form("/account/api-tokens", &fields).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let page = response.text().await.unwrap();
    let start = page.find("cgt_").expect("the token is shown");
    page[start..start + 47].to_string()
}

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let mut request = reqwest::Client::new().request(method, format!("{}{path}", app.address));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

async fn gatherings_held(app: &TestApp) -> u64 {
    event::Entity::find().count(&app.state.db).await.unwrap()
}

fn supper(title: &str) -> Value {
    let start = start_date();
    let mut body = serde_json::Map::new();
    for (name, value) in soup_night(&start, "52.52, 13.405") {
        body.insert(name.into(), json!(value));
    }
    body.insert("title_en".into(), json!(title));
    body.insert("category".into(), json!(["food", "music"]));
    Value::Object(body)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_organisers_program_manages_gatherings_within_its_tokens_scopes() {
    let app = spawn_app().await;
    let (organiser, slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let token = make_token(
        &organiser,
        "Parish <website>",
        &["replies:read", "gatherings:write"],
    )
    .await;
    let account = organiser.get("/account").await.text().await.unwrap();
    assert!(
        account.contains("Parish &lt;website&gt;"),
        "listed, escaped"
    );
    assert!(!account.contains(&token), "never shown again");

    // Without a token, with a wrong one, or with only a cookie: refused.
    let create = format!("/api/v1/hosts/{slug}/gatherings");
    let before = gatherings_held(&app).await;
    let (status, problem) = call(&app, Method::POST, &create, None, Some(supper("x"))).await;
    assert_eq!(status, 401);
    assert_eq!(problem["status"], 401);
    let wrong = format!("cgt_{}", "a".repeat(43));
    let (status, _) = call(&app, Method::POST, &create, Some(&wrong), Some(supper("x"))).await;
    assert_eq!(status, 401);
    let by_cookie = organiser
        .post_form(&create, &[("title_en", "By cookie")])
        .await;
    assert_eq!(by_cookie.status(), 401);
    assert_eq!(gatherings_held(&app).await, before);

    // A wrong form: every problem said, nothing created.
    let mut wrong_form = supper("");
    wrong_form["start_time"] = json!("25:99");
    let (status, problem) = call(&app, Method::POST, &create, Some(&token), Some(wrong_form)).await;
    assert_eq!(status, 400);
    let fields: Vec<&str> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(fields.iter().any(|f| f.starts_with("title")), "{problem}");
    assert!(fields.contains(&"start_time"), "{problem}");
    let (status, _) = call(
        &app,
        Method::POST,
        &create,
        Some(&token),
        Some(json!([1, 2])),
    )
    .await;
    assert_eq!(status, 400);
    assert_eq!(gatherings_held(&app).await, before);

    // Created, public, and changed.
    let (status, made) = call(
        &app,
        Method::POST,
        &create,
        Some(&token),
        Some(supper("Supper <made> by a program")),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    let id = made["id"].as_str().unwrap().to_string();
    assert_eq!(made["categories"], json!(["food", "music"]));
    let page = app
        .get(&format!("/events/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(page.contains("Supper &lt;made&gt; by a program"));
    // Found by a search, as one made with the form.
    let (_, found) = call(
        &app,
        Method::GET,
        "/api/v1/search?near=52.52,13.405",
        None,
        None,
    )
    .await;
    assert!(
        found["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["id"] == id.as_str()),
        "{found}"
    );
    let (status, changed) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/gatherings/{id}"),
        Some(&token),
        Some(supper("Supper, changed")),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["title"], "Supper, changed");

    // Reply counts: how many, never who.
    let guest = Browser::new(&app);
    let soup_date = call(
        &app,
        Method::GET,
        &format!("/api/v1/gatherings/{soup}"),
        None,
        None,
    )
    .await
    .1["dates"][0]["id"]
        .clone();
    let replied = guest
        .post_form(
            &format!("/events/{soup}/rsvp"),
            &[
                ("how", "anonymous"),
                ("occurrence", &soup_date.to_string()),
                ("party", "2"),
            ],
        )
        .await;
    assert_eq!(replied.status(), 303);
    let (status, counts) = call(
        &app,
        Method::GET,
        &format!("/api/v1/hosts/{slug}/replies"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200);
    let date = counts["dates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["date_id"] == soup_date)
        .unwrap();
    assert_eq!(date["going"], 2);

    // Cancelled: the page says so.
    let (status, cancelled) = call(
        &app,
        Method::POST,
        &format!("/api/v1/gatherings/{id}/cancel"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(cancelled["status"], "cancelled");

    // The person's data lists the token, never the token itself.
    let data = organiser
        .get("/account/data.json")
        .await
        .text()
        .await
        .unwrap();
    assert!(data.contains("Parish <website>"), "{data}");
    assert!(data.contains("replies:read gatherings:write"));
    assert!(!data.contains(&token));

    // Revoked: refused at once.
    let id_of_token = account
        .split("/account/api-tokens/")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap()
        .to_string();
    let revoked = organiser
        .post_form(&format!("/account/api-tokens/{id_of_token}/revoke"), &[])
        .await;
    assert_eq!(revoked.status(), 303);
    let (status, _) = call(
        &app,
        Method::GET,
        &format!("/api/v1/hosts/{slug}/replies"),
        Some(&token),
        None,
    )
    .await;
    assert_eq!(status, 401);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_token_does_no_more_than_its_scopes_and_its_person_allow() {
    let app = spawn_app().await;
    let (organiser, slug, soup) =
        with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let read_only = make_token(&organiser, "Counts only", &["replies:read"]).await;
    let create = format!("/api/v1/hosts/{slug}/gatherings");
    let (status, _) = call(
        &app,
        Method::POST,
        &create,
        Some(&read_only),
        Some(supper("x")),
    )
    .await;
    assert_eq!(status, 403);

    // Someone else's token, with every scope, on this host's things.
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    stranger.create_host(&[("name", "Other club")]).await;
    let theirs = make_token(&stranger, "Theirs", &["replies:read", "gatherings:write"]).await;
    let before = gatherings_held(&app).await;
    for (method, path, body) in [
        (Method::POST, create.clone(), Some(supper("x"))),
        (
            Method::PUT,
            format!("/api/v1/gatherings/{soup}"),
            Some(supper("x")),
        ),
        (
            Method::POST,
            format!("/api/v1/gatherings/{soup}/cancel"),
            None,
        ),
        (Method::GET, format!("/api/v1/hosts/{slug}/replies"), None),
    ] {
        let (status, problem) = call(&app, method, &path, Some(&theirs), body).await;
        assert_eq!(status, 403, "{path}: {problem}");
    }
    assert_eq!(gatherings_held(&app).await, before);
    let (_, still) = call(
        &app,
        Method::GET,
        &format!("/api/v1/gatherings/{soup}"),
        None,
        None,
    )
    .await;
    assert_eq!(still["title"], "Soup night");
    assert_eq!(still["status"], "scheduled");

    // Making a token: a name and a scope are needed; ten at most.
    let refused = organiser
        .post_form("/account/api-tokens", &[("token_name", "No scope")])
        .await;
    assert_eq!(refused.status(), 422);
    for n in 1..10 {
        make_token(&organiser, &format!("Token {n}"), &["replies:read"]).await;
    }
    let eleventh = organiser
        .post_form(
            "/account/api-tokens",
            &[("token_name", "Eleventh"), ("scope", "replies:read")],
        )
        .await;
    assert_eq!(eleventh.status(), 422);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_keeps_what_it_does_not_send_so_a_guarded_street_stays_guarded() {
    let app = spawn_app().await;
    let (organiser, slug, _) = with_gathering(&app, "host@example.org", "52.52, 13.405", &[]).await;
    let token = make_token(&organiser, "Script", &["gatherings:write"]).await;
    let mut body = supper("Guarded supper");
    body["address"] = json!("7 Hidden Lane");
    body["guests_only_address"] = json!(true);
    let (status, made) = call(
        &app,
        Method::POST,
        &format!("/api/v1/hosts/{slug}/gatherings"),
        Some(&token),
        Some(body),
    )
    .await;
    assert_eq!(status, 201, "{made}");
    assert!(made["place"]["address"].is_null(), "{made}");
    let id = made["id"].as_str().unwrap().to_string();

    // Only a new title: the street stays for guests.
    let (status, changed) = call(
        &app,
        Method::PUT,
        &format!("/api/v1/gatherings/{id}"),
        Some(&token),
        Some(json!({ "title_en": "Guarded supper, renamed" })),
    )
    .await;
    assert_eq!(status, 200, "{changed}");
    assert_eq!(changed["title"], "Guarded supper, renamed");
    assert!(changed["place"]["address"].is_null(), "{changed}");
    let page = app
        .get(&format!("/events/{id}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Hidden Lane"));

    // Unticked on purpose, with the scheme's name in small letters.
    let response = reqwest::Client::new()
        .put(format!("{}/api/v1/gatherings/{id}", app.address))
        .header("authorization", format!("bearer {token}"))
        .json(&json!({ "guests_only_address": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["cache-control"], "private, no-store");
    let public: Value = response.json().await.unwrap();
    assert_eq!(public["place"]["address"], "7 Hidden Lane");
}
