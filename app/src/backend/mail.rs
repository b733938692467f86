//! Delivering email: over SMTP when it is configured, otherwise into a local
//! folder (one `.eml` file per message) so development needs no mail server.
//! A message appears in the folder whole: it is written under a name
//! readers skip, then renamed (lettre's folder transport writes the `.eml`
//! in place, so a reader could see half a message, and half a link).
//!
//! Features never call this directly: they write to the outbox, and the
//! outbox worker hands messages to the `Mailer`.

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Attachment, Mailbox, MultiPart, header::ContentType},
    transport::smtp::authentication::Credentials,
};
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
    Folder {
        from: Mailbox,
        folder: PathBuf,
    },
}

/// How to reach the SMTP server.
#[derive(Clone, Debug)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub security: SmtpSecurity,
    pub credentials: Option<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpSecurity {
    /// Plain SMTP; only for a relay on the same machine or in tests.
    None,
    StartTls,
    Tls,
}

/// One email in every form a mail client might show.
pub struct OutgoingEmail {
    pub to: Mailbox,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// An iCalendar file, attached as `invite.ics`.
    pub calendar: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid email message: {0}")]
    Message(#[from] lettre::error::Error),
    #[error("SMTP delivery failed: {0}")]
    Smtp(#[from] lettre::transport::smtp::Error),
    #[error("could not write the email to the mail folder: {0}")]
    Folder(#[from] std::io::Error),
    #[error("invalid SMTP settings: {0}")]
    Settings(String),
}

impl Mailer {
    pub fn smtp(settings: &SmtpSettings, from: Mailbox) -> Result<Self, MailError> {
        let builder = match settings.security {
            SmtpSecurity::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            SmtpSecurity::StartTls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)?
            }
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if let Some((user, password)) = &settings.credentials {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self::Smtp {
            transport: builder.build(),
            from,
        })
    }

    pub fn folder(folder: PathBuf, from: Mailbox) -> Result<Self, MailError> {
        std::fs::create_dir_all(&folder).map_err(|e| {
            MailError::Settings(format!(
                "cannot create mail folder {}: {e}",
                folder.display()
            ))
        })?;
        Ok(Self::Folder { from, folder })
    }

    /// Hands one message to the transport. Returns only when the SMTP server
    /// accepted it (or the file is written), so the caller may mark it sent.
    pub async fn send(&self, email: OutgoingEmail) -> Result<(), MailError> {
        let message = |from: &Mailbox| {
            let body = MultiPart::alternative_plain_html(email.text.clone(), email.html.clone());
            let body = match &email.calendar {
                Some(calendar) => MultiPart::mixed().multipart(body).singlepart(
                    Attachment::new("invite.ics".into()).body(
                        calendar.clone(),
                        ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                            .expect("a valid content type"),
                    ),
                ),
                None => body,
            };
            Message::builder()
                .from(from.clone())
                .to(email.to.clone())
                .subject(email.subject.clone())
                .multipart(body)
        };
        match self {
            Self::Smtp { transport, from } => {
                transport.send(message(from)?).await?;
            }
            Self::Folder { from, folder } => {
                let id = write_whole(folder, &message(from)?.formatted()).await?;
                tracing::info!(folder = %folder.display(), %id, subject = %email.subject, "email written to the mail folder");
            }
        }
        Ok(())
    }
}

/// Writes one message into `folder` as `<id>.eml`, where it appears whole:
/// first as `.<id>.eml.part`, then renamed (a rename within a folder is
/// atomic). Returns the id.
async fn write_whole(folder: &Path, message: &[u8]) -> std::io::Result<String> {
    let id = hex::encode(rand::random::<[u8; 16]>());
    let part = folder.join(format!(".{id}.eml.part"));
    let written = match tokio::fs::write(&part, message).await {
        Ok(()) => tokio::fs::rename(&part, folder.join(format!("{id}.eml"))).await,
        Err(error) => Err(error),
    };
    if written.is_err() {
        // Half a message is no use to anyone; the outbox tries again.
        let _ = tokio::fs::remove_file(&part).await;
    }
    written.map(|()| id)
}
