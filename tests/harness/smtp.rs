//! A small but real SMTP server (RFC 5321 subset: EHLO/HELO, MAIL, RCPT,
//! DATA, RSET, NOOP, QUIT) that keeps every message it accepts. It can be
//! stopped and started again on the same port to test mail outages.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
    time::Duration,
};
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::JoinHandle,
};

/// One message as the SMTP server received it.
#[derive(Clone, Debug)]
pub struct CapturedEmail {
    pub from: String,
    pub to: Vec<String>,
    pub raw: Vec<u8>,
}

impl CapturedEmail {
    fn parsed(&self) -> mailparse::ParsedMail<'_> {
        mailparse::parse_mail(&self.raw).expect("captured email is valid MIME")
    }

    /// Sent to `address`.
    pub fn is_to(&self, address: &str) -> bool {
        self.to.iter().any(|to| to == address)
    }

    /// Whether its subject starts with `start`.
    pub fn subject_starts(&self, start: &str) -> bool {
        self.subject().starts_with(start)
    }

    /// The first word of its plain text that contains `needle` (a link).
    pub fn word_with(&self, needle: &str) -> Option<String> {
        self.body("text/plain")?
            .split_whitespace()
            .find(|word| word.contains(needle))
            .map(str::to_string)
    }

    pub fn subject(&self) -> String {
        use mailparse::MailHeaderMap;
        self.parsed()
            .headers
            .get_first_value("Subject")
            .unwrap_or_default()
    }

    /// The decoded body of the first part with this MIME type (`text/plain`, `text/html`).
    pub fn body(&self, mime: &str) -> Option<String> {
        fn find(part: &mailparse::ParsedMail<'_>, mime: &str) -> Option<String> {
            if part.subparts.is_empty() {
                return (part.ctype.mimetype == mime)
                    .then(|| part.get_body().ok())
                    .flatten();
            }
            part.subparts.iter().find_map(|p| find(p, mime))
        }
        find(&self.parsed(), mime)
    }
}

/// How long a test waits for an email it expects: the outbox delivers
/// within a second when rung; this leaves room for a loaded CI machine.
pub const MAIL_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a test waits after the expected emails arrived, to see that no
/// extra one follows (a duplicate would come right after the original).
pub const QUIET: Duration = Duration::from_millis(1500);

#[derive(Clone)]
pub struct SmtpCapture {
    addr: SocketAddr,
    messages: Arc<Mutex<Vec<CapturedEmail>>>,
    server: Arc<Mutex<Option<JoinHandle<()>>>>,
}

impl SmtpCapture {
    pub async fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind SMTP port");
        let addr = listener.local_addr().expect("SMTP address");
        let capture = Self {
            addr,
            messages: Arc::default(),
            server: Arc::default(),
        };
        capture.serve(listener);
        capture
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Every message accepted so far, oldest first.
    pub fn messages(&self) -> Vec<CapturedEmail> {
        self.messages.lock().unwrap().clone()
    }

    /// Waits until at least `count` messages have arrived, or panics.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<CapturedEmail> {
        self.wait_for_matching(|_| true, count, timeout).await
    }

    /// Waits until exactly `count` messages have arrived, then for `quiet`
    /// more, and panics if any extra one came: for "no more than this".
    pub async fn wait_for_exactly(
        &self,
        count: usize,
        timeout: Duration,
        quiet: Duration,
    ) -> Vec<CapturedEmail> {
        self.wait_for(count, timeout).await;
        tokio::time::sleep(quiet).await;
        let messages = self.messages();
        assert_eq!(messages.len(), count, "no more than {count} email(s)");
        messages
    }

    /// Waits until `count` messages that `matching` accepts have arrived,
    /// or panics after `timeout`; returns them, oldest first.
    pub async fn wait_for_matching(
        &self,
        matching: impl Fn(&CapturedEmail) -> bool,
        count: usize,
        timeout: Duration,
    ) -> Vec<CapturedEmail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let found: Vec<CapturedEmail> = self
                .messages()
                .into_iter()
                .filter(|m| matching(m))
                .collect();
            if found.len() >= count {
                return found;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "expected {count} matching email(s) within {timeout:?}, got {}",
                found.len()
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// [`wait_for_matching`](Self::wait_for_matching), then [`QUIET`] more,
    /// and panics if one more matching message came: for "exactly this
    /// many" (none twice, none extra).
    pub async fn expect_exactly_matching(
        &self,
        matching: impl Fn(&CapturedEmail) -> bool,
        count: usize,
    ) -> Vec<CapturedEmail> {
        self.wait_for_matching(&matching, count, MAIL_TIMEOUT).await;
        tokio::time::sleep(QUIET).await;
        let found: Vec<CapturedEmail> = self
            .messages()
            .into_iter()
            .filter(|m| matching(m))
            .collect();
        assert_eq!(found.len(), count, "exactly {count} matching email(s)");
        found
    }

    /// The first word containing `needle` (a link) in the newest message to
    /// `to` that has one, waiting for it.
    pub async fn link_to(&self, to: &str, needle: &str) -> String {
        let has_link = |m: &CapturedEmail| m.is_to(to) && m.word_with(needle).is_some();
        let found = self.wait_for_matching(has_link, 1, MAIL_TIMEOUT).await;
        found
            .last()
            .and_then(|m| m.word_with(needle))
            .expect("a link")
    }

    /// Refuses connections from now on, as a mail server outage would.
    pub fn stop(&self) {
        if let Some(handle) = self.server.lock().unwrap().take() {
            handle.abort();
        }
    }

    /// Accepts connections again on the same port.
    pub async fn restart(&self) {
        self.stop();
        let listener = TcpListener::bind(self.addr)
            .await
            .expect("rebind SMTP port");
        self.serve(listener);
    }

    fn serve(&self, listener: TcpListener) {
        let messages = self.messages.clone();
        let handle = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                tokio::spawn(session(stream, messages.clone()));
            }
        });
        *self.server.lock().unwrap() = Some(handle);
    }
}

async fn session(stream: TcpStream, messages: Arc<Mutex<Vec<CapturedEmail>>>) {
    let (reader, mut writer) = stream.into_split();
    let mut reader = BufReader::new(reader);
    if !send(&mut writer, "220 capture.test ESMTP ready\r\n").await {
        return;
    }
    let mut from = String::new();
    let mut to = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line).await.unwrap_or(0) == 0 {
            return;
        }
        let command = line.trim_end().to_string();
        let verb = command
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_ascii_uppercase();
        let answer = match verb.as_str() {
            "EHLO" => "250-capture.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n",
            "HELO" => "250 capture.test\r\n",
            "MAIL" => {
                from = address(&command);
                to.clear();
                "250 OK\r\n"
            }
            "RCPT" => {
                to.push(address(&command));
                "250 OK\r\n"
            }
            "DATA" => {
                if !send(&mut writer, "354 End data with <CR><LF>.<CR><LF>\r\n").await {
                    return;
                }
                let Some(raw) = read_data(&mut reader).await else {
                    return;
                };
                messages.lock().unwrap().push(CapturedEmail {
                    from: from.clone(),
                    to: std::mem::take(&mut to),
                    raw,
                });
                "250 OK: queued\r\n"
            }
            "RSET" => {
                from.clear();
                to.clear();
                "250 OK\r\n"
            }
            "NOOP" => "250 OK\r\n",
            "QUIT" => {
                let _ = send(&mut writer, "221 Bye\r\n").await;
                return;
            }
            _ => "502 Command not implemented\r\n",
        };
        if !send(&mut writer, answer).await {
            return;
        }
    }
}

async fn send(writer: &mut tokio::net::tcp::OwnedWriteHalf, text: &str) -> bool {
    writer.write_all(text.as_bytes()).await.is_ok()
}

/// The address between `<` and `>` in `MAIL FROM:<a@b>` or `RCPT TO:<a@b>`.
fn address(command: &str) -> String {
    command
        .split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(addr, _)| addr.to_string())
        .unwrap_or_default()
}

/// Reads the message up to the lone `.` line, undoing dot-stuffing.
async fn read_data(reader: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> Option<Vec<u8>> {
    let mut raw = Vec::new();
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line).await.ok()? == 0 {
            return None;
        }
        if line == b".\r\n" || line == b".\n" {
            return Some(raw);
        }
        let content = if line.starts_with(b"..") {
            &line[1..]
        } else {
            &line[..]
        };
        raw.extend_from_slice(content);
    }
}
