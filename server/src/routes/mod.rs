//! The HTTP surface: Leptos pages and server functions, health, static files.

pub mod admin;
pub mod api_errors;
pub mod api_tokens;
pub mod api_v1;
pub mod approval;
pub mod calendar;
pub mod door;
pub mod extract;
pub mod feeds;
pub mod follow_up;
pub mod form_page;
pub mod guard;
pub mod health;
pub mod host_settings;
pub mod hosting;
pub mod impact;
pub mod language;
pub mod messages;
pub mod metrics;
pub mod moderation;
pub mod multipart;
pub mod my_calendar;
pub mod offices;
pub mod page_compression;
pub mod pictures;
pub mod poster;
pub mod privacy;
pub mod refusal;
pub mod replies;
pub mod reports;
pub mod request_context;
pub mod request_log;
pub mod run_to_end;
pub mod security_headers;
pub mod sign_in;
pub mod static_files;
pub mod stored_file;
pub mod team;
pub mod volunteers;
pub mod widget;

use crate::metrics::{AllowList, Metrics};
use app::{App, backend::AppState, shell, ui::islands_loader::Islands};
use axum::{
    Router,
    extract::FromRef,
    middleware,
    routing::{MethodRouter, get, post},
};
use leptos::config::LeptosOptions;
use leptos_axum::{
    AxumRouteListing, LeptosRoutes, file_and_error_handler_with_context, generate_route_list,
};
use std::sync::OnceLock;
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

/// Router state: what axum handlers may extract.
#[derive(Clone, FromRef)]
pub struct HttpState {
    pub leptos: LeptosOptions,
    pub app: AppState,
    /// A header set by a trusted reverse proxy with the client's address.
    pub client_ip_header: Option<String>,
    /// This process's figures for `/metrics`, and who may read them.
    pub metrics: Metrics,
    pub metrics_allow: AllowList,
    /// Leptos' islands loader, rendered once for this bundle: each page's
    /// head names it (`IslandsLoader`, given it as context), and it is
    /// served as a file.
    pub islands: Islands,
}

impl HttpState {
    /// What every page is rendered with: the app's state and the islands'
    /// loader. One place, for the router's pages, its fallback and a page
    /// shown again after a refused form (`form_page::render_again`).
    pub fn page_context(&self) -> impl Fn() + Clone + Send + 'static {
        let (app, islands) = (self.app.clone(), self.islands.clone());
        move || {
            leptos::context::provide_context(app.clone());
            leptos::context::provide_context(islands.clone());
        }
    }
}

/// How the router is set up beyond the app: what the proxy tells it and
/// what it measures.
pub struct RouterSettings {
    pub client_ip_header: Option<String>,
    pub metrics: Metrics,
    pub metrics_allow: AllowList,
}

pub fn router(leptos: LeptosOptions, app: AppState, settings: RouterSettings) -> Router {
    let state = HttpState {
        leptos: leptos.clone(),
        app: app.clone(),
        client_ip_header: settings.client_ip_header,
        metrics: settings.metrics.clone(),
        metrics_allow: settings.metrics_allow,
        islands: Islands::render(&leptos),
    };
    let app_settings = app.clone();
    let routes = route_list();
    let islands_path = state.islands.loader_path.to_string();
    let islands_loader = static_files::islands_loader(&state.islands);
    let context = state.page_context();
    let page_shell = move || shell(leptos.clone());

    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::show))
        .route(&islands_path, islands_loader)
        .nest("/api/v1", api_v1::router())
        .route("/language", get(language::choose))
        .route("/events/{id}/calendar.ics", get(calendar::download))
        .route("/hosts/{slug}/calendar.ics", get(calendar::host))
        .route("/hosts/{slug}/feed.atom", get(feeds::host_atom))
        .route("/hosts/{slug}/feed.rss", get(feeds::host_rss))
        .route("/offices/{slug}/calendar.ics", get(calendar::office))
        .route("/offices/{slug}/feed.atom", get(feeds::office_atom))
        .route("/offices/{slug}/feed.rss", get(feeds::office_rss))
        .route("/events/{id}/poster", get(poster::show))
        .route("/widget/hosts/{slug}", get(widget::host))
        .route("/widget/offices/{slug}", get(widget::office))
        .route("/widget/search", get(widget::search))
        .route("/search.ics", get(calendar::search))
        .route("/search.atom", get(feeds::search_atom))
        .route("/search.rss", get(feeds::search_rss))
        .route("/sign-in/confirm", get(sign_in::confirm))
        .route("/account/data.json", get(privacy::account_data_json))
        .route("/my/calendar/{file}", get(my_calendar::calendar))
        .route("/my-data.json", get(privacy::guest_data_json))
        .route("/hosts/{slug}/logo", get(host_settings::serve_logo))
        .route("/events/{id}/picture/{width}", get(pictures::serve))
        .route("/offices/{slug}/overview.csv", get(offices::overview_csv))
        .route("/hosts/{slug}/impact.csv", get(impact::host_csv))
        .route("/offices/{slug}/impact.csv", get(impact::office_csv))
        .route("/rsvps/confirm", get(replies::confirm))
        .route(
            "/events/{id}/dates/{occurrence}/attendees.csv",
            get(replies::attendees_csv),
        )
        .merge(form_posts())
        .leptos_routes_with_context(&state, routes, context.clone(), page_shell)
        .route_layer(middleware::from_fn(metrics::name_route))
        // Static files from the site root; anything else renders the 404 page.
        .fallback(file_and_error_handler_with_context::<HttpState, _>(
            context, shell,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            request_context::attach,
        ))
        // What the routes do, and what the request's context does after
        // them, is finished even if the person's connection drops (a page
        // cut off mid-render could stop a worker thread for good;
        // `run_to_end`).
        .layer(middleware::from_fn(
            run_to_end::finish_even_if_the_client_leaves,
        ))
        .layer(middleware::from_fn(api_errors::with_real_status))
        .layer(middleware::from_fn(static_files::cache_headers))
        .layer(middleware::from_fn_with_state(
            security_headers::SecurityHeaders::new(
                &app_settings.map.tile_url,
                &app_settings.public_url,
            ),
            security_headers::apply,
        ))
        // Pages and JSON for a browser that prefers zstd, compressed whole.
        .layer(middleware::from_fn(page_compression::zstd_whole))
        // Compresses the rest; precompressed static files are served as they
        // are. Of what a browser accepts, zstd first (Chromium, Firefox),
        // then brotli (Safari), then gzip: zstd costs the server about a
        // fifth of brotli's time per page for a tenth more bytes
        // (ARCHITECTURE.md, "Speed of pages").
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(request_log::span))
        .layer(middleware::from_fn_with_state(
            settings.metrics,
            metrics::time_request,
        ))
        .with_state(state)
}

/// Every form post: all that changes something outside `/api/v1`. One
/// list, so that the authorization matrix test (`tests/integration/
/// authorization.rs`) can check each has a row.
pub fn form_post_routes() -> Vec<(&'static str, MethodRouter<HttpState>)> {
    vec![
        ("/sign-in", post(sign_in::request_link)),
        ("/sign-out", post(sign_in::sign_out)),
        ("/account", post(sign_in::update_account)),
        ("/account/delete", post(privacy::delete_my_account)),
        ("/account/api-tokens", post(api_tokens::create)),
        ("/account/api-tokens/{id}/revoke", post(api_tokens::revoke)),
        ("/account/calendar-link", post(my_calendar::send_link)),
        ("/account/calendar-link/stop", post(my_calendar::stop_link)),
        ("/my-data", post(privacy::request_guest_link)),
        ("/hosts/{slug}/close", post(privacy::close_host)),
        ("/hosts", post(hosting::create_host)),
        ("/hosts/{slug}/edit", post(host_settings::update_host)),
        ("/hosts/{slug}/privacy", post(host_settings::update_privacy)),
        ("/hosts/{slug}/logo", post(host_settings::upload_logo)),
        (
            "/hosts/{slug}/logo/remove",
            post(host_settings::remove_logo),
        ),
        (
            "/hosts/{slug}/gatherings/new",
            post(hosting::create_gathering),
        ),
        ("/hosts/{slug}/team/invite", post(team::invite)),
        ("/hosts/{slug}/team/{user}/remove", post(team::remove)),
        ("/invitations/{token}/accept", post(team::accept)),
        ("/events/{id}/partners", post(team::invite_partner)),
        ("/events/{id}/picture", post(pictures::upload)),
        ("/events/{id}/picture/remove", post(pictures::remove)),
        ("/events/{id}/rsvp", post(replies::join)),
        ("/events/{id}/report", post(reports::gathering)),
        ("/hosts/{slug}/report", post(reports::host)),
        ("/moderation/cases/{id}/take", post(moderation::take)),
        ("/moderation/cases/{id}/close", post(moderation::close)),
        ("/moderation/cases/{id}/reopen", post(moderation::reopen)),
        ("/moderation/cases/{id}/note", post(moderation::note)),
        (
            "/moderation/gatherings/{id}/hide",
            post(moderation::hide_gathering),
        ),
        (
            "/moderation/gatherings/{id}/show",
            post(moderation::show_gathering),
        ),
        (
            "/moderation/gatherings/{id}/remove",
            post(moderation::remove_gathering),
        ),
        (
            "/moderation/hosts/{slug}/suspend",
            post(moderation::suspend_host),
        ),
        (
            "/moderation/hosts/{slug}/restore",
            post(moderation::restore_host),
        ),
        (
            "/moderation/accounts/{user}/suspend",
            post(moderation::suspend_account),
        ),
        (
            "/moderation/accounts/{user}/restore",
            post(moderation::restore_account),
        ),
        (
            "/moderation/gatherings/{id}/approve",
            post(moderation::approve_gathering),
        ),
        (
            "/moderation/hosts/{slug}/approve",
            post(moderation::approve_host),
        ),
        ("/admin/roles", post(admin::grant_role)),
        ("/admin/roles/{user}/withdraw", post(admin::withdraw_role)),
        ("/admin/settings", post(admin::settings)),
        ("/admin/offices", post(admin::create_office)),
        ("/admin/offices/{slug}/members", post(admin::add_member)),
        (
            "/admin/offices/{slug}/members/{user}/remove",
            post(admin::remove_member),
        ),
        ("/admin/offices/{slug}/area", post(admin::import_area)),
        ("/offices/{slug}/sponsor", post(offices::sponsor)),
        ("/offices/{slug}/sponsorships/{id}/end", post(offices::end)),
        (
            "/events/{id}/sponsorships/{sponsorship}/decline",
            post(offices::decline),
        ),
        (
            "/events/{id}/replies/{rsvp}/{answer}",
            post(approval::decide),
        ),
        ("/events/{id}/roles", post(volunteers::add_role)),
        (
            "/events/{id}/roles/{role}/remove",
            post(volunteers::remove_role),
        ),
        ("/roles/{role}/signup", post(volunteers::sign_up)),
        ("/signups/{id}/withdraw", post(volunteers::withdraw)),
        ("/rsvps/cancel", post(replies::cancel_by_link)),
        ("/follow-up", post(follow_up::answer)),
        ("/follow-up/withdraw", post(follow_up::withdraw)),
        ("/messages/stop", post(messages::stop)),
        ("/rsvps/{id}/cancel", post(replies::cancel_own)),
        ("/rsvps/{id}/party", post(replies::change_party)),
        (
            "/hosts/{slug}/cohosting/{event}/{answer}",
            post(team::answer_partnership),
        ),
        ("/events/{id}/manage", post(hosting::update_gathering)),
        ("/events/{id}/cancel", post(hosting::cancel_gathering)),
        (
            "/events/{id}/dates/{occurrence}/cancel",
            post(hosting::cancel_date),
        ),
        (
            "/events/{id}/dates/{occurrence}/move",
            post(hosting::move_date),
        ),
        (
            "/events/{id}/dates/{occurrence}/door/check-in",
            post(door::check_in),
        ),
        (
            "/events/{id}/dates/{occurrence}/door/undo",
            post(door::undo),
        ),
        (
            "/events/{id}/dates/{occurrence}/door/walk-ins",
            post(door::walk_in),
        ),
        ("/events/{id}/door-helpers/{signup}", post(door::helper)),
        ("/events/{id}/stories/{story}", post(follow_up::decide)),
        ("/events/{id}/messages", post(messages::send)),
        ("/hosts/{slug}/impact", post(impact::switch_host)),
        ("/offices/{slug}/impact", post(impact::switch_office)),
    ]
}

fn form_posts() -> Router<HttpState> {
    form_post_routes()
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| {
            router.route(path, handler)
        })
}

/// The page routes, generated once per process. Generating them renders the
/// app with resource loading switched off by a process-wide flag, so doing it
/// again while another `Application` in the same process (the integration
/// tests run many) serves requests would leave that page's data unloaded.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Only paths on this site, so a `next` parameter cannot send people
/// elsewhere.
pub fn local_path(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && !path.chars().any(char::is_control) =>
        {
            path
        }
        _ => "/",
    }
}
