//! `Browser`: one visitor with their own cookies, who fills in forms the way
//! a browser without JavaScript does (url-encoded POST with the page's
//! anti-forgery token), and signs in through the emailed link.

use crate::{
    TestApp,
    page::Page,
    smtp::{CapturedEmail, SmtpCapture},
};
use reqwest::{Url, cookie::CookieStore, cookie::Jar};
use std::{net::IpAddr, sync::Arc, time::Duration};

pub struct Browser {
    pub client: reqwest::Client,
    jar: Arc<Jar>,
    address: String,
}

impl Browser {
    pub fn new(app: &TestApp) -> Self {
        Self::at(&app.address)
    }

    pub fn at(address: &str) -> Self {
        Self::with_headers(address, reqwest::header::HeaderMap::new(), None)
    }

    /// A visitor whose connections leave from `source` (on Linux, any
    /// address of 127.0.0.0/8 is this machine): behind a real reverse
    /// proxy, which names the address it saw, each source is a network of
    /// its own to per-network limits.
    pub fn at_from(address: &str, source: IpAddr) -> Self {
        Self::with_headers(address, reqwest::header::HeaderMap::new(), Some(source))
    }

    /// A visitor on a network of their own (`network`, an address), as a
    /// reverse proxy would name it: per-network limits count them apart.
    pub fn on_network(app: &TestApp, network: &str) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(
            crate::NETWORK_HEADER,
            reqwest::header::HeaderValue::from_str(network).expect("a header value"),
        );
        Self::with_headers(&app.address, headers, None)
    }

    fn with_headers(
        address: &str,
        mut headers: reqwest::header::HeaderMap,
        source: Option<IpAddr>,
    ) -> Self {
        let jar = Arc::new(Jar::default());
        // As browsers send it: pages answer a redirect to sign in with 302
        // only to requests that accept HTML.
        headers.insert(
            reqwest::header::ACCEPT,
            reqwest::header::HeaderValue::from_static("text/html,application/xhtml+xml,*/*;q=0.8"),
        );
        let client = reqwest::Client::builder()
            .default_headers(headers)
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(30))
            .local_address(source)
            .build()
            .expect("HTTP client");
        Self {
            client,
            jar,
            address: address.to_string(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.address)
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request reaches the test server")
    }

    pub async fn page(&self, path: &str) -> Page {
        Page::from_response(self.get(path).await).await
    }

    /// The value of one of this browser's cookies for the site.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url: Url = self.address.parse().expect("URL");
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_string())
    }

    /// Sets a cookie as if the site had (e.g. to replay an old session).
    pub fn set_cookie(&self, name: &str, value: &str) {
        let url: Url = self.address.parse().expect("URL");
        self.jar
            .add_cookie_str(&format!("{name}={value}; Path=/"), &url);
    }

    /// The anti-forgery token a page of the site would put in its forms.
    pub async fn csrf_token(&self) -> String {
        if let Some(token) = self.cookie("cg_csrf") {
            return token;
        }
        let page = self.page("/sign-in").await;
        page.attr("input[name=csrf]", "value")
            .expect("forms carry the anti-forgery token")
    }

    /// Posts a form as a browser would, with the anti-forgery token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf_token().await;
        self.post_form_raw(path, fields, Some(&token)).await
    }

    /// Says "I'm coming" to `occurrence` of the gathering `event` for a party
    /// of `party`, on this device (no name, no address), as the reply form
    /// does by default.
    pub async fn reply_on_this_device(
        &self,
        event: &str,
        occurrence: app::domain::ids::OccurrenceId,
        party: &str,
    ) -> reqwest::Response {
        let occurrence = occurrence.to_string();
        let fields = [
            ("how", "anonymous"),
            ("occurrence", occurrence.as_str()),
            ("party", party),
        ];
        self.post_form(&format!("/events/{event}/rsvp"), &fields)
            .await
    }

    /// Sends `json` with `method` (`post`, `put`, `delete`…) and this
    /// browser's cookies, as a script on a page could.
    pub async fn request(&self, method: &str, path: &str, json: &str) -> reqwest::Response {
        let method =
            reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("an HTTP method");
        self.client
            .request(method, self.url(path))
            .header("content-type", "application/json")
            .body(json.to_string())
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// Posts a form with the given token, or none.
    pub async fn post_form_raw(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        csrf: Option<&str>,
    ) -> reqwest::Response {
        let mut body = form_urlencoded::Serializer::new(String::new());
        if let Some(token) = csrf {
            body.append_pair("csrf", token);
        }
        for (name, value) in fields {
            body.append_pair(name, value);
        }
        self.client
            .post(self.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.finish())
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// Creates a host page with the form's `fields` (at least its name) and
    /// returns its slug.
    pub async fn create_host(&self, fields: &[(&str, &str)]) -> String {
        let response = self.post_form("/hosts", fields).await;
        assert_eq!(response.status(), 303, "the host page is created");
        response.headers()["location"]
            .to_str()
            .unwrap()
            .trim_start_matches("/hosts/")
            .to_string()
    }

    /// Uploads `bytes` as the file field `name` of a multipart form, as a
    /// browser does with `<input type=file>`, with the given token or none.
    pub async fn post_file(
        &self,
        path: &str,
        name: &'static str,
        bytes: Vec<u8>,
        csrf: Option<&str>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new();
        if let Some(token) = csrf {
            form = form.text("csrf", token.to_string());
        }
        self.send_with_file(path, form, name, bytes).await
    }

    /// Posts a multipart form as a browser does with `<input type=file>`:
    /// this browser's anti-forgery token, the text `fields`, and `bytes` as
    /// the file field `file_field`.
    pub async fn post_upload(
        &self,
        path: &str,
        fields: &[(&str, &str)],
        file_field: &'static str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new().text("csrf", self.csrf_token().await);
        for (name, value) in fields {
            form = form.text(name.to_string(), value.to_string());
        }
        self.send_with_file(path, form, file_field, bytes).await
    }

    /// Sends `form` with `bytes` added as the file field `file_field`.
    async fn send_with_file(
        &self,
        path: &str,
        form: reqwest::multipart::Form,
        file_field: &'static str,
        bytes: Vec<u8>,
    ) -> reqwest::Response {
        let file = reqwest::multipart::Part::bytes(bytes).file_name("upload");
        self.client
            .post(self.url(path))
            .multipart(form.part(file_field, file))
            .send()
            .await
            .expect("request reaches the test server")
    }

    /// Asks for a sign-in link for `email`; returns the link from the email.
    pub async fn request_sign_in_link(&self, app: &TestApp, email: &str) -> String {
        self.request_sign_in_link_from(&app.smtp, email).await
    }

    /// [`Self::request_sign_in_link`], the email caught by `smtp`.
    pub async fn request_sign_in_link_from(&self, smtp: &SmtpCapture, email: &str) -> String {
        let before = smtp.messages().len();
        let response = self.post_form("/sign-in", &[("email", email)]).await;
        assert_eq!(response.status(), 303, "asking for a link redirects");
        // Other mail may arrive meanwhile: wait for this address's.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let mail = loop {
            let found = smtp.messages().into_iter().skip(before).find(|m| {
                m.to.iter().any(|to| to == &email.to_lowercase())
                    && m.body("text/plain")
                        .is_some_and(|b| b.contains("/sign-in/confirm?token="))
            });
            match found {
                Some(mail) => break mail,
                None if std::time::Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                None => panic!("the sign-in email to {email} does not arrive"),
            }
        };
        sign_in_link(&mail)
    }

    /// Signs in as `email` through the emailed link.
    pub async fn sign_in(&self, app: &TestApp, email: &str) {
        self.sign_in_from(&app.smtp, email).await;
    }

    /// [`Self::sign_in`], the email caught by `smtp`.
    pub async fn sign_in_from(&self, smtp: &SmtpCapture, email: &str) {
        let link = self.request_sign_in_link_from(smtp, email).await;
        let response = self.get(&link).await;
        assert_eq!(response.status(), 303);
        assert!(
            self.cookie("cg_session").is_some(),
            "signing in sets the session cookie"
        );
    }
}

/// The sign-in link in an email's plain-text part.
pub fn sign_in_link(mail: &CapturedEmail) -> String {
    let text = mail.body("text/plain").expect("a plain-text part");
    text.split_whitespace()
        .find(|word| word.contains("/sign-in/confirm?token="))
        .expect("the email contains the sign-in link")
        .to_string()
}
