//! The authorization matrix: every route that changes something, asked by
//! every kind of visitor. Those a route refuses get a refusal (sign in
//! first, 401, 403, 404 or 410) and the database is exactly as before;
//! one it allows gets through. The router's own list of form posts
//! (`server::routes::form_post_routes`) and the API's OpenAPI document are
//! read, so a new changing route without a row here fails the test.

use app::backend::entities::{
    event, event_cohost, host, host_member, moderation_case, role_signup, rsvp, sponsorship, story,
    user, volunteer_role,
};
use app::backend::moderation::roles;
use app::backend::offices::{self, jurisdiction};
use app::domain::email_address::EmailAddress;
use app::domain::follow_up::{StoryDraft, SurveyAnswers};
use app::domain::moderation::SiteRole;
use app::domain::status::{PartnerStatus, SponsorshipStatus};
use chrono::Utc;
use harness::organiser::{soup_night, start_date};
use harness::{Browser, TestApp, scan, spawn_app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, Set};
use std::collections::{BTreeMap, BTreeSet};

/// Who asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Visitor {
    Anonymous,
    NoRole,
    /// Replied to the gathering and volunteers at it.
    Guest,
    /// An organiser of the gathering's host.
    Organiser,
    /// An owner of the gathering's host.
    Owner,
    /// An organiser of a host named as the gathering's partner.
    PartnerOrganiser,
    /// A member of the city office whose area holds the gathering.
    OfficeMember,
    OtherOfficeMember,
    Moderator,
    Administrator,
    /// Signed in before a moderator suspended the account.
    Suspended,
}

use Visitor::*;

const EVERYONE: [Visitor; 11] = [
    Anonymous,
    NoRole,
    Guest,
    Organiser,
    Owner,
    PartnerOrganiser,
    OfficeMember,
    OtherOfficeMember,
    Moderator,
    Administrator,
    Suspended,
];

/// Who a route lets through; everyone else is refused.
#[derive(Clone, Copy, Debug)]
enum Allowed {
    Anyone,
    /// Anyone signed in (and not suspended).
    SignedIn,
    Only(&'static [Visitor]),
}

impl Allowed {
    fn lets(self, visitor: Visitor) -> bool {
        match self {
            Self::Anyone => true,
            Self::SignedIn => !matches!(visitor, Anonymous | Suspended),
            Self::Only(who) => who.contains(&visitor),
        }
    }
}

const TEAM: Allowed = Allowed::Only(&[Owner, Organiser]);
const OWNERS: Allowed = Allowed::Only(&[Owner]);
const MODERATORS: Allowed = Allowed::Only(&[Moderator, Administrator]);
const ADMINISTRATORS: Allowed = Allowed::Only(&[Administrator]);
const OFFICE: Allowed = Allowed::Only(&[OfficeMember]);
const THE_GUEST: Allowed = Allowed::Only(&[Guest]);

struct Row {
    /// With the world's names in braces (see `World::fill`).
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    allowed: Allowed,
}

const fn row(
    path: &'static str,
    fields: &'static [(&'static str, &'static str)],
    allowed: Allowed,
) -> Row {
    Row {
        path,
        fields,
        allowed,
    }
}

const REASON: &[(&str, &str)] = &[("reason", "checked by the matrix")];

/// Every form post.
const ROWS: &[Row] = &[
    row(
        "/sign-in",
        &[("email", "someone@example.org")],
        Allowed::Anyone,
    ),
    row("/sign-out", &[], Allowed::Anyone),
    row("/account", &[("display_name", "Sam")], Allowed::SignedIn),
    row("/account/delete", &[], Allowed::SignedIn),
    row(
        "/account/api-tokens",
        &[("token_name", "site"), ("scope", "replies:read")],
        Allowed::SignedIn,
    ),
    row(
        "/account/api-tokens/{api_token}/revoke",
        &[],
        Allowed::SignedIn,
    ),
    row("/account/calendar-link", &[], Allowed::SignedIn),
    row("/account/calendar-link/stop", &[], Allowed::SignedIn),
    row(
        "/my-data",
        &[("email", "guest@example.org")],
        Allowed::Anyone,
    ),
    row("/hosts/{host}/close", &[], OWNERS),
    row("/hosts", &[("name", "Another group")], Allowed::SignedIn),
    row("/hosts/{host}/edit", &[("name", "Renamed")], OWNERS),
    row(
        "/hosts/{host}/privacy",
        &[("forget_after_days", "3")],
        OWNERS,
    ),
    row("/hosts/{host}/logo", &[], OWNERS),
    row("/hosts/{host}/logo/remove", &[], OWNERS),
    row("/hosts/{host}/gatherings/new", &[], TEAM),
    row(
        "/hosts/{host}/team/invite",
        &[("email", "new@example.org"), ("role", "organiser")],
        OWNERS,
    ),
    // An owner removes a member; a member may leave.
    row("/hosts/{host}/team/{organiser}/remove", &[], TEAM),
    row("/invitations/{invitation}/accept", &[], Allowed::SignedIn),
    row(
        "/events/{gathering}/partners",
        &[("partner", "{partner_host}")],
        TEAM,
    ),
    row("/events/{gathering}/picture", &[], TEAM),
    row("/events/{gathering}/picture/remove", &[], TEAM),
    row(
        "/events/{gathering}/rsvp",
        &[
            ("how", "anonymous"),
            ("occurrence", "{date}"),
            ("party", "1"),
        ],
        Allowed::Anyone,
    ),
    row(
        "/events/{gathering}/report",
        &[("report_reason", "spam")],
        Allowed::Anyone,
    ),
    row(
        "/hosts/{host}/report",
        &[("report_reason", "spam")],
        Allowed::Anyone,
    ),
    row("/moderation/cases/{case}/take", &[], MODERATORS),
    row("/moderation/cases/{case}/close", &[], MODERATORS),
    row("/moderation/cases/{case}/reopen", &[], MODERATORS),
    row(
        "/moderation/cases/{case}/note",
        &[("note", "seen")],
        MODERATORS,
    ),
    row(
        "/moderation/gatherings/{gathering}/hide",
        REASON,
        MODERATORS,
    ),
    row(
        "/moderation/gatherings/{gathering}/show",
        REASON,
        MODERATORS,
    ),
    row(
        "/moderation/gatherings/{gathering}/remove",
        REASON,
        MODERATORS,
    ),
    row(
        "/moderation/gatherings/{gathering}/approve",
        &[],
        MODERATORS,
    ),
    row("/moderation/hosts/{host}/suspend", REASON, MODERATORS),
    row("/moderation/hosts/{host}/restore", REASON, MODERATORS),
    row("/moderation/hosts/{host}/approve", &[], MODERATORS),
    row(
        "/moderation/accounts/{organiser}/suspend",
        REASON,
        MODERATORS,
    ),
    row(
        "/moderation/accounts/{organiser}/restore",
        REASON,
        MODERATORS,
    ),
    row(
        "/admin/roles",
        &[("email", "new@example.org"), ("role", "moderator")],
        ADMINISTRATORS,
    ),
    row("/admin/roles/{moderator}/withdraw", &[], ADMINISTRATORS),
    row(
        "/admin/settings",
        &[("publish_policy", "approved_hosts")],
        ADMINISTRATORS,
    ),
    row(
        "/admin/offices",
        &[("slug", "new-office"), ("name", "New")],
        ADMINISTRATORS,
    ),
    row(
        "/admin/offices/{office}/members",
        &[("email", "new@example.org")],
        ADMINISTRATORS,
    ),
    row(
        "/admin/offices/{office}/members/{officer}/remove",
        &[],
        ADMINISTRATORS,
    ),
    row("/admin/offices/{office}/area", &[], ADMINISTRATORS),
    row(
        "/offices/{office}/sponsor",
        &[("event", "{gathering}"), ("scope", "series")],
        OFFICE,
    ),
    row(
        "/offices/{office}/sponsorships/{sponsorship}/end",
        &[],
        OFFICE,
    ),
    row(
        "/events/{gathering}/sponsorships/{sponsorship}/decline",
        &[],
        TEAM,
    ),
    row("/events/{gathering}/replies/{reply}/{approve}", &[], TEAM),
    row(
        "/events/{gathering}/roles",
        &[("role_name", "Welcomer"), ("role_slots", "2")],
        TEAM,
    ),
    row("/events/{gathering}/roles/{role}/remove", &[], TEAM),
    row(
        "/roles/{role}/signup",
        &[("occurrence", "{date}")],
        Allowed::SignedIn,
    ),
    row("/signups/{signup}/withdraw", &[], THE_GUEST),
    row(
        "/rsvps/cancel",
        &[("token", "{cancel_token}")],
        Allowed::Anyone,
    ),
    row("/rsvps/{reply}/cancel", &[], THE_GUEST),
    row("/rsvps/{reply}/party", &[("party", "2")], THE_GUEST),
    row(
        "/hosts/{partner_host}/cohosting/{invited_gathering}/{accept}",
        &[],
        Allowed::Only(&[PartnerOrganiser]),
    ),
    row("/events/{gathering}/manage", &[], TEAM),
    row("/events/{gathering}/cancel", &[], TEAM),
    row("/events/{gathering}/dates/{date}/cancel", &[], TEAM),
    row("/events/{gathering}/dates/{date}/move", &[], TEAM),
    // The guest volunteers in a role at the door, but no organiser let
    // them in.
    row(
        "/events/{gathering}/dates/{date}/door/check-in",
        &[("reply", "{reply}"), ("people", "1")],
        TEAM,
    ),
    row(
        "/events/{gathering}/dates/{date}/door/undo",
        &[("reply", "{reply}")],
        TEAM,
    ),
    row(
        "/events/{gathering}/dates/{date}/door/walk-ins",
        &[("key", "matrix-walk-in-key-1"), ("people", "1")],
        TEAM,
    ),
    row(
        "/events/{gathering}/door-helpers/{signup}",
        &[("allow", "1")],
        TEAM,
    ),
    // The key from the follow-up email is the only proof asked for.
    row(
        "/follow-up",
        &[("token", "{follow_up_token}"), ("come_again", "yes")],
        Allowed::Anyone,
    ),
    row(
        "/follow-up/withdraw",
        &[("token", "{story_token}")],
        Allowed::Anyone,
    ),
    row(
        "/events/{gathering}/stories/{story}",
        &[("decision", "publish")],
        TEAM,
    ),
    row(
        "/events/{gathering}/messages",
        &[
            ("occurrence", "{date}"),
            ("audience", "coming"),
            ("body", "Bring a dish"),
        ],
        TEAM,
    ),
    row("/hosts/{host}/impact", &[("public", "1")], OWNERS),
    row("/offices/{office}/impact", &[("public", "1")], OFFICE),
    // The link in a message from organisers is the only proof asked for.
    row(
        "/messages/stop",
        &[("token", "{stop_token}")],
        Allowed::Anyone,
    ),
];

/// `/a/{x}/b` → `/a/{}/b`: paths compared whatever their names.
fn shape(path: &str) -> String {
    path.split('/')
        .map(|part| if part.starts_with('{') { "{}" } else { part })
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn every_form_post_of_the_router_has_a_row_and_every_row_a_route() {
    let routes: BTreeSet<String> = server::routes::form_post_routes()
        .into_iter()
        .map(|(path, _)| shape(path))
        .collect();
    let rows: BTreeSet<String> = ROWS.iter().map(|row| shape(row.path)).collect();
    let without_row: Vec<_> = routes.difference(&rows).collect();
    let without_route: Vec<_> = rows.difference(&routes).collect();
    assert!(
        without_row.is_empty(),
        "routes without a row: {without_row:?}"
    );
    assert!(
        without_route.is_empty(),
        "rows without a route: {without_route:?}"
    );
}

/// Everything a row's path and fields name, and a browser per visitor.
struct World {
    app: TestApp,
    names: BTreeMap<&'static str, String>,
    visitors: BTreeMap<Visitor, Browser>,
}

impl World {
    fn fill(&self, text: &str) -> String {
        self.names
            .iter()
            .fold(text.to_string(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
    }
}

async fn user_id(app: &TestApp, email: &str) -> String {
    user::Entity::find()
        .filter(user::Column::Email.eq(email))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("{email} has an account"))
        .id
        .to_string()
}

async fn signed_in(app: &TestApp, email: &str) -> Browser {
    let browser = Browser::new(app);
    browser.sign_in(app, email).await;
    browser
}

async fn member(app: &TestApp, host_slug: &str, email: &str, role: &str) {
    let host = host::Entity::find()
        .filter(host::Column::Slug.eq(host_slug))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap();
    let id: app::domain::ids::UserId = user_id(app, email).await.parse().unwrap();
    host_member::Entity::insert(host_member::ActiveModel {
        host_id: Set(host.id),
        user_id: Set(id),
        role: Set(role.into()),
        created_at: Set(Utc::now()),
    })
    .exec(&app.state.db)
    .await
    .unwrap();
}

async fn gathering(app: &TestApp, owner: &Browser, host_slug: &str) -> event::Model {
    let start = start_date();
    let mut fields = soup_night(&start, "52.52, 13.405");
    fields.push(("requires_approval", "on"));
    let response = owner
        .post_form(&format!("/hosts/{host_slug}/gatherings/new"), &fields)
        .await;
    assert_eq!(response.status(), 303);
    let public_id = response.headers()["location"]
        .to_str()
        .unwrap()
        .trim_start_matches("/events/")
        .to_string();
    event::Entity::find()
        .filter(event::Column::PublicId.eq(public_id))
        .one(&app.state.db)
        .await
        .unwrap()
        .unwrap()
}

async fn world() -> World {
    let app = spawn_app().await;
    let db = &app.state.db;
    let mut names = BTreeMap::new();
    let mut visitors = BTreeMap::new();

    // The host, its team, and its gathering with one date and a role (at
    // the door).
    let owner = signed_in(&app, "owner@example.org").await;
    let host_slug = owner.create_host(&[("name", "Kiezküche")]).await;
    let organiser = signed_in(&app, "organiser@example.org").await;
    member(&app, &host_slug, "organiser@example.org", "organiser").await;
    let soup = gathering(&app, &owner, &host_slug).await;
    let date = app::backend::entities::occurrence::Entity::find()
        .filter(app::backend::entities::occurrence::Column::EventId.eq(soup.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let added = owner
        .post_form(
            &format!("/events/{}/roles", soup.public_id),
            &[
                ("role_name", "Cook"),
                ("role_slots", "3"),
                ("role_at_door", "1"),
            ],
        )
        .await;
    assert_eq!(added.status(), 303);
    let role = volunteer_role::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();

    // A partner host, named on the gathering, invited to a second one.
    let partner_owner = signed_in(&app, "partner-owner@example.org").await;
    let partner_slug = partner_owner.create_host(&[("name", "Chor")]).await;
    let partner_organiser = signed_in(&app, "partner@example.org").await;
    member(&app, &partner_slug, "partner@example.org", "organiser").await;
    let partner_id = host::Entity::find()
        .filter(host::Column::Slug.eq(&partner_slug))
        .one(db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let invited = gathering(&app, &owner, &host_slug).await;
    for (event_id, status) in [
        (soup.id, PartnerStatus::Accepted),
        (invited.id, PartnerStatus::Invited),
    ] {
        event_cohost::Entity::insert(event_cohost::ActiveModel {
            event_id: Set(event_id),
            host_id: Set(partner_id),
            status: Set(status),
            invited_by: Set(None),
            created_at: Set(Utc::now()),
            responded_at: Set(None),
        })
        .exec(db)
        .await
        .unwrap();
    }

    // The office whose area holds it, sponsoring it, and another office.
    let square = r#"{"type":"Polygon","coordinates":[[[13.3,52.4],[13.5,52.4],[13.5,52.6],[13.3,52.6],[13.3,52.4]]]}"#;
    for (slug, email, area) in [
        ("mitte", "officer@example.org", Some(square)),
        ("elsewhere", "other-officer@example.org", None),
    ] {
        let office = offices::create(db, slug, slug).await.unwrap().unwrap();
        offices::add_member(db, office.id, &EmailAddress::parse(email).unwrap())
            .await
            .unwrap();
        if let Some(area) = area {
            let area = jurisdiction::parse(area, |_, _| {}).unwrap();
            jurisdiction::store(db, office.id, &area).await.unwrap();
            let sponsored = sponsorship::Entity::insert(sponsorship::ActiveModel {
                office_id: Set(office.id),
                event_id: Set(soup.id),
                occurrence_id: Set(None),
                note: Set(String::new()),
                status: Set(SponsorshipStatus::Active),
                created_by: Set(None),
                created_at: Set(Utc::now()),
                ended_at: Set(None),
                ..Default::default()
            })
            .exec(db)
            .await
            .unwrap();
            names.insert("sponsorship", sponsored.last_insert_id.to_string());
        }
    }
    let officer = signed_in(&app, "officer@example.org").await;
    let other_officer = signed_in(&app, "other-officer@example.org").await;

    // A guest who replied (waiting for approval) and volunteers.
    let guest = signed_in(&app, "guest@example.org").await;
    let replied = guest
        .post_form(
            &format!("/events/{}/rsvp", soup.public_id),
            &[
                ("how", "account"),
                ("occurrence", &date.id.to_string()),
                ("party", "1"),
            ],
        )
        .await;
    assert_eq!(replied.status(), 303);
    let signed_up = guest
        .post_form(
            &format!("/roles/{}/signup", role.id),
            &[("occurrence", &date.id.to_string())],
        )
        .await;
    assert_eq!(signed_up.status(), 303);
    let reply = rsvp::Entity::find().one(db).await.unwrap().unwrap();
    // A reply by email, whose email holds the link that cancels it.
    let by_email = Browser::new(&app)
        .post_form(
            &format!("/events/{}/rsvp", soup.public_id),
            &[
                ("how", "email"),
                ("occurrence", &date.id.to_string()),
                ("party", "1"),
                ("email", "mail-guest@example.org"),
            ],
        )
        .await;
    assert_eq!(by_email.status(), 303);
    let cancel_link = app
        .smtp
        .link_to("mail-guest@example.org", "/rsvps/cancel")
        .await;
    let cancel_token = cancel_link
        .split("token=")
        .nth(1)
        .expect("the link carries its token")
        .to_string();
    let signup = role_signup::Entity::find().one(db).await.unwrap().unwrap();

    // Moderators, a report, a suspended account, someone with no role.
    for (email, role) in [
        ("moderator@example.org", SiteRole::Moderator),
        ("admin@example.org", SiteRole::Administrator),
    ] {
        roles::grant(db, &EmailAddress::parse(email).unwrap(), role)
            .await
            .unwrap();
    }
    let moderator = signed_in(&app, "moderator@example.org").await;
    let administrator = signed_in(&app, "admin@example.org").await;
    let reported = Browser::new(&app)
        .post_form(
            &format!("/events/{}/report", soup.public_id),
            &[("report_reason", "other")],
        )
        .await;
    assert_eq!(reported.status(), 303);
    let case = moderation_case::Entity::find()
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let suspended = signed_in(&app, "suspended@example.org").await;
    user::Entity::update_many()
        .col_expr(
            user::Column::SuspendedAt,
            sea_orm::sea_query::Expr::value(Some(Utc::now())),
        )
        .filter(user::Column::Email.eq("suspended@example.org"))
        .exec(db)
        .await
        .unwrap();
    let nobody = signed_in(&app, "nobody@example.org").await;

    // A team invitation's token, and an API token of the owner's.
    let invited_to_team = owner
        .post_form(
            &format!("/hosts/{host_slug}/team/invite"),
            &[("email", "invitee@example.org"), ("role", "organiser")],
        )
        .await;
    assert_eq!(invited_to_team.status(), 303);
    let link = app
        .smtp
        .link_to("invitee@example.org", "/invitations/")
        .await;
    let invitation = link
        .rsplit("/invitations/")
        .next()
        .unwrap()
        .trim_end_matches("/accept")
        .to_string();
    let owner_id = user_id(&app, "owner@example.org").await;
    let api_token = app::backend::auth::api_token::create(
        db,
        owner_id.parse().unwrap(),
        "site",
        &[app::domain::api_scope::ApiScope::ReadReplies],
        Utc::now(),
    )
    .await
    .unwrap()
    .unwrap();

    // Two follow-up keys of the date: one not used yet, and one that wrote
    // a story waiting for the organisers.
    let keys = app::backend::follow_up::keys::issue(
        db,
        date.id,
        2,
        Utc::now() + chrono::Duration::days(30),
    )
    .await
    .unwrap();
    let with_story = SurveyAnswers {
        story: StoryDraft::from_form("We cooked together.", "anonymous", "").unwrap(),
        ..SurveyAnswers::default()
    };
    app::backend::follow_up::survey::answer(db, &keys[1], &with_story, "en", Utc::now())
        .await
        .unwrap()
        .unwrap();
    let waiting_story = story::Entity::find().one(db).await.unwrap().unwrap();
    // A message to those coming (the guest), whose email holds the link
    // that stops such messages.
    let written = owner
        .post_form(
            &format!("/events/{}/messages", soup.public_id),
            &[
                ("occurrence", &date.id.to_string()),
                ("audience", "coming"),
                ("body", "Bring a dish"),
            ],
        )
        .await;
    assert_eq!(written.status(), 303);
    app.state.outbox.ring();
    let stop_link = app
        .smtp
        .link_to("guest@example.org", "/messages/stop?token=")
        .await;
    let stop_token = stop_link.split("token=").nth(1).unwrap().to_string();
    names.insert("stop_token", stop_token);
    names.insert("follow_up_token", keys[0].clone());
    names.insert("story_token", keys[1].clone());
    names.insert("story", waiting_story.public_id);

    names.insert("host", host_slug);
    names.insert("gathering", soup.public_id.clone());
    names.insert("invited_gathering", invited.public_id.clone());
    names.insert("partner_host", partner_slug);
    names.insert("date", date.id.to_string());
    names.insert("role", role.id.to_string());
    names.insert("reply", reply.public_id.clone());
    names.insert("signup", signup.public_id.clone());
    names.insert("approve", "approve".into());
    names.insert("cancel_token", cancel_token);
    names.insert("accept", "accept".into());
    names.insert("case", case.id.to_string());
    names.insert("office", "mitte".into());
    names.insert("organiser", user_id(&app, "organiser@example.org").await);
    names.insert("moderator", user_id(&app, "moderator@example.org").await);
    names.insert("officer", user_id(&app, "officer@example.org").await);
    names.insert("invitation", invitation);
    names.insert("api_token", api_token.id.to_string());

    visitors.insert(Anonymous, Browser::new(&app));
    visitors.insert(NoRole, nobody);
    visitors.insert(Guest, guest);
    visitors.insert(Organiser, organiser);
    visitors.insert(Owner, owner);
    visitors.insert(PartnerOrganiser, partner_organiser);
    visitors.insert(OfficeMember, officer);
    visitors.insert(OtherOfficeMember, other_officer);
    visitors.insert(Moderator, moderator);
    visitors.insert(Administrator, administrator);
    visitors.insert(Suspended, suspended);
    World {
        app,
        names,
        visitors,
    }
}

/// A refusal: 401, 403, 404 or 410; or sent to sign in first, or to the
/// page that says a reply's link or proof is not valid.
fn refused(response: &reqwest::Response) -> bool {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or_default();
    let sent_away = status == 303
        && (location.starts_with("/sign-in?next=")
            || location == "/sign-in"
            || location.starts_with("/rsvps/cancel?problem="));
    sent_away || [401, 403, 404, 410].contains(&status)
}

#[tokio::test(flavor = "multi_thread")]
async fn every_changing_route_refuses_whom_it_should_and_then_changes_nothing() {
    let mut problems = Vec::new();
    for row in ROWS {
        let world = world().await;
        let path = world.fill(row.path);
        let fields: Vec<(String, String)> = row
            .fields
            .iter()
            .map(|(name, value)| (name.to_string(), world.fill(value)))
            .collect();
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_str()))
            .collect();
        // Those refused first, each against an unchanged database; then
        // the first one allowed.
        for visitor in EVERYONE.into_iter().filter(|v| !row.allowed.lets(*v)) {
            let before = scan::snapshot(&world.app.state.db).await;
            let response = world.visitors[&visitor].post_form(&path, &fields).await;
            let status = response.status();
            if !refused(&response) {
                problems.push(format!(
                    "{} by {visitor:?}: {status}, not refused",
                    row.path
                ));
            }
            if scan::snapshot(&world.app.state.db).await != before {
                problems.push(format!("{} by {visitor:?}: refused, but changed", row.path));
            }
        }
        if let Some(visitor) = EVERYONE.into_iter().find(|v| row.allowed.lets(*v)) {
            let response = world.visitors[&visitor].post_form(&path, &fields).await;
            let status = response.status();
            if refused(&response) || status.is_server_error() {
                problems.push(format!("{} by {visitor:?}: {status}, refused", row.path));
            }
        }
        drop(world);
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_apis_changing_routes_take_no_cookie_for_a_token() {
    let world = world().await;
    let document: serde_json::Value = world
        .app
        .get("/api/v1/openapi.json")
        .await
        .json()
        .await
        .unwrap();
    let mut checked = 0;
    for (path, operations) in document["paths"].as_object().unwrap() {
        for method in ["post", "put", "patch", "delete"] {
            if operations.get(method).is_none() {
                continue;
            }
            let concrete = path
                .replace("{slug}", &world.names["host"])
                .replace("{id}", &world.names["gathering"]);
            for visitor in EVERYONE {
                let before = scan::snapshot(&world.app.state.db).await;
                let browser = &world.visitors[&visitor];
                let response = browser.request(method, &concrete, "{}").await;
                let status = response.status();
                let body = response.text().await.unwrap_or_default();
                assert_eq!(status, 401, "{method} {path} by {visitor:?}: {body}");
                assert!(
                    scan::snapshot(&world.app.state.db).await == before,
                    "{method} {path} by {visitor:?} changed something"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 3, "the API's writes are listed: {checked}");
}
