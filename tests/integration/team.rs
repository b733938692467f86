//! A host's team and partner hosts: invitations by email (in the
//! recipient's language), accepting with the invited address only, the last
//! owner staying, and partners named publicly only after they accept.

use harness::{Browser, TestApp, spawn_app};

async fn owner_of(app: &TestApp, email: &str, host: &str) -> (Browser, String) {
    let browser = Browser::new(app);
    browser.sign_in(app, email).await;
    let response = browser.post_form("/hosts", &[("name", host)]).await;
    assert_eq!(response.status(), 303);
    let slug = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/hosts/")
        .to_string();
    (browser, slug)
}

#[tokio::test(flavor = "multi_thread")]
async fn an_invited_organiser_joins_with_the_address_the_invitation_went_to() {
    let app = spawn_app().await;
    let (owner, slug) = owner_of(&app, "owner@example.org", "Kiezküche").await;

    // The invitee already uses Common Ground in Arabic.
    let arabic = Browser::new(&app);
    arabic.set_cookie("lang", "ar");
    arabic.sign_in(&app, "noor@example.org").await;

    let response = owner
        .post_form(
            &format!("/hosts/{slug}/team/invite"),
            &[("email", "Noor@Example.org"), ("role", "organiser")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let link = app.smtp.link_to("noor@example.org", "/invitations/").await;
    let mail = app
        .smtp
        .messages()
        .into_iter()
        .rev()
        .find(|m| m.subject().contains("Kiezküche"))
        .unwrap();
    assert!(
        mail.body("text/html").unwrap().contains("dir=\"rtl\""),
        "written in the invitee's language"
    );

    // Someone else who got the link forwarded cannot use it.
    let stranger = Browser::new(&app);
    stranger.sign_in(&app, "stranger@example.org").await;
    let page = stranger.page(&link).await;
    assert!(page.text("[role=alert]").contains("another email address"));
    let response = stranger.post_form(&format!("{link}/accept"), &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        stranger
            .get(&format!("/hosts/{slug}/gatherings/new"))
            .await
            .status(),
        403
    );

    // The invitee accepts and may now organise.
    let response = arabic.post_form(&format!("{link}/accept"), &[]).await;
    assert_eq!(
        response.headers()["location"],
        format!("/hosts/{slug}").as_str()
    );
    assert_eq!(
        arabic
            .get(&format!("/hosts/{slug}/gatherings/new"))
            .await
            .status(),
        200
    );
    // But organisers do not run the team.
    let response = arabic
        .post_form(
            &format!("/hosts/{slug}/team/invite"),
            &[("email", "x@example.org")],
        )
        .await;
    assert_eq!(response.status(), 403);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_host_always_keeps_an_owner() {
    let app = spawn_app().await;
    let (owner, slug) = owner_of(&app, "owner@example.org", "Kiezküche").await;
    let team = owner.page(&format!("/hosts/{slug}/team")).await;
    let leave = team
        .attr("form[action$='/remove']", "action")
        .expect("a leave button");
    let response = owner.post_form(&leave, &[]).await;
    assert_eq!(response.status(), 422);
    let page = harness::Page::from_response(response).await;
    assert!(page.text(".error-summary").contains("at least one owner"));
    assert_eq!(
        owner
            .get(&format!("/hosts/{slug}/gatherings/new"))
            .await
            .status(),
        200
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_host_is_named_only_after_it_accepts() {
    let app = spawn_app().await;
    let (owner, slug) = owner_of(&app, "owner@example.org", "Kiezküche").await;
    let (partner, partner_slug) = owner_of(&app, "coach@example.org", "Sportverein Nord").await;
    let start = (chrono::Utc::now() + chrono::Duration::days(10))
        .date_naive()
        .to_string();
    let response = owner
        .post_form(
            &format!("/hosts/{slug}/gatherings/new"),
            &[
                ("title_en", "Football and falafel"),
                ("category", "sport"),
                ("place_name", "Park"),
                ("location", "52.52, 13.40"),
                ("start_date", &start),
                ("start_time", "15:00"),
                ("end_time", "17:00"),
            ],
        )
        .await;
    let event = response.headers()["location"].to_str().unwrap().to_string();

    let refused = owner
        .post_form(&format!("{event}/partners"), &[("partner", "nobody-here")])
        .await;
    assert_eq!(refused.status(), 422);
    let response = owner
        .post_form(&format!("{event}/partners"), &[("partner", &partner_slug)])
        .await;
    assert_eq!(response.status(), 303);
    app.smtp
        .link_to("coach@example.org", &format!("/hosts/{partner_slug}"))
        .await;

    let public = Browser::new(&app).page(&event).await;
    assert!(
        !public.source.contains("Sportverein Nord"),
        "not named before accepting"
    );

    let host_page = partner.page(&format!("/hosts/{partner_slug}")).await;
    let accept = host_page
        .attr("form[action$='/accept']", "action")
        .expect("an accept button");
    assert_eq!(partner.post_form(&accept, &[]).await.status(), 303);

    let public = Browser::new(&app).page(&event).await;
    assert!(public.source.contains("Sportverein Nord"));
    let partner_page = Browser::new(&app)
        .page(&format!("/hosts/{partner_slug}"))
        .await;
    assert!(
        partner_page
            .texts(".card-title")
            .contains(&"Football and falafel".to_string())
    );
}
