use app::backend::mail::OutgoingEmail;
use harness::spawn_app;
use std::time::Duration;

#[tokio::test(flavor = "multi_thread")]
async fn mail_is_delivered_over_smtp_with_text_and_html_parts() {
    let app = spawn_app().await;

    app.state
        .mailer
        .send(OutgoingEmail {
            to: "Amira <amira@example.org>".parse().unwrap(),
            subject: "Welcome to the Friday supper".into(),
            text: "See you at 18:00.".into(),
            html: "<p>See you at <b>18:00</b>.</p>".into(),
            calendar: None,
        })
        .await
        .expect("the SMTP server accepts the message");

    let mails = app.smtp.wait_for(1, Duration::from_secs(5)).await;
    assert_eq!(mails[0].to, vec!["amira@example.org".to_string()]);
    assert_eq!(mails[0].subject(), "Welcome to the Friday supper");
    assert_eq!(
        mails[0].body("text/plain").unwrap().trim(),
        "See you at 18:00."
    );
    assert!(mails[0].body("text/html").unwrap().contains("<b>18:00</b>"));
}

#[tokio::test(flavor = "multi_thread")]
async fn sending_fails_visibly_while_the_mail_server_is_down() {
    let app = spawn_app().await;
    app.smtp.stop();

    let result = app
        .state
        .mailer
        .send(OutgoingEmail {
            to: "someone@example.org".parse().unwrap(),
            subject: "Reminder".into(),
            text: "Tomorrow!".into(),
            html: "<p>Tomorrow!</p>".into(),
            calendar: None,
        })
        .await;

    assert!(
        result.is_err(),
        "a refused connection must not count as sent"
    );
    assert!(app.smtp.messages().is_empty());
}
