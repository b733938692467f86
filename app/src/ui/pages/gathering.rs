//! A gathering's public page: everything needed to decide to come, a
//! calendar file, a share link, and machine-readable data (schema.org
//! JSON-LD, Open Graph) so links to it preview well.

use crate::api::ApiError;
use crate::api::gathering::gathering;
use crate::backend::AppState;
use crate::domain::language::SpokenLanguage;
use crate::domain::moderation::Moderation;
use crate::i18n::{Locale, td_string};
use crate::l10n::format::{self, weekday_date_time};
use crate::l10n::labels::{access_label, category_label, moderation_label};
use crate::ui::components::{
    GuestMessages, MapCircle, MapMarker, MapPanel, PublishedStories, ReplyPanel, ReportForm,
    SponsorPanel, VolunteerPanel,
};
use crate::ui::forms::{FormState, use_form_state};
use crate::ui::islands::{ShareButton, ViewerTime};
use crate::ui::locale::{code, use_locale};
use crate::ui::pages::{Gone, NotFound};
use crate::views::gathering::GatheringDetails;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn GatheringPage() -> impl IntoView {
    let locale = use_locale();
    let public_id = use_params_map()
        .with_untracked(|p| p.get("id"))
        .unwrap_or_default();
    let language = code(locale).to_string();
    let details = Resource::new(
        || (),
        move |_| gathering(public_id.clone(), language.clone()),
    );
    // After an RSVP: what happened (`?rsvp=going`), or the form's problems.
    let outcome = use_query_map().with_untracked(|q| q.get("rsvp"));
    let form = use_form_state().unwrap_or_default();
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (outcome, form) = (outcome.clone(), form.clone());
                Suspend::new(async move {
                match details.await {
                    Ok(details) => view! { <EventView details outcome=outcome.clone() form=form.clone() /> }.into_any(),
                    Err(ApiError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(ApiError::Gone) => view! { <Gone /> }.into_any(),
                    Err(_) => view! {
                        <p class="error" role="alert">{td_string!(locale, error_unavailable)}</p>
                    }.into_any(),
                }
                })
            }}
        </Suspense>
    }
}

#[component]
fn EventView(details: GatheringDetails, outcome: Option<String>, form: FormState) -> impl IntoView {
    let locale = use_locale();
    let public_url = use_context::<AppState>()
        .map(|state| state.public_url)
        .unwrap_or_default();
    let url = format!("{public_url}/events/{}", details.public_id);
    let calendar_href = format!("/events/{}/calendar.ics", details.public_id);
    let host_url = format!("{public_url}/hosts/{}", details.host_slug);
    let drawing = crate::domain::category::illustration_path(details.categories);
    let image_url = match &details.picture {
        Some(picture) => format!("{public_url}{}", picture.largest()),
        None => format!("{public_url}{drawing}"),
    };
    let links = crate::views::schema_org::Links {
        gathering: &url,
        host: &host_url,
        image: &image_url,
    };
    // Held back by moderators (only its team sees the page): not described
    // to search engines.
    let withheld = details.moderation != Moderation::Visible;
    let json_ld = (!withheld)
        .then(|| crate::views::schema_org::json_ld_script(&details, &links))
        .flatten();
    let next = details.dates.first().cloned();
    let later: Vec<_> = details.dates.iter().skip(1).cloned().collect();
    let place = details.place.clone();
    let map_href = format!(
        "https://www.openstreetmap.org/?mlat={lat:.5}&mlon={lng:.5}#map=16/{lat:.5}/{lng:.5}",
        lat = place.latitude,
        lng = place.longitude
    );
    // The exact place as a marker, or only its neighbourhood as a circle.
    let (place_marker, place_circle) = if place.exact {
        let marker = MapMarker {
            lat: place.latitude,
            lng: place.longitude,
            title: place.name.clone(),
            href: format!("/events/{}", details.public_id),
        };
        (vec![marker], None)
    } else {
        let circle = MapCircle {
            lat: place.latitude,
            lng: place.longitude,
            radius_m: 1_000.0,
        };
        (Vec::new(), Some(circle))
    };
    let languages: Vec<_> = details
        .languages
        .iter()
        .filter_map(|code| SpokenLanguage::from_code(code))
        .collect();
    let lang = details.text_language.clone();

    view! {
        <Title text=details.title.clone() />
        <Meta name="description" content=details.description_text.clone() />
        <Meta property="og:type" content="website" />
        <Meta property="og:title" content=details.title.clone() />
        <Meta property="og:description" content=details.description_text.clone() />
        <Meta property="og:url" content=url.clone() />
        <Meta property="og:site_name" content="Common Ground" />
        <Meta property="og:image" content=image_url.clone() />
        {details.picture.as_ref().map(|picture| view! {
            <Meta property="og:image:alt" content=picture.alt.clone() />
            <Meta property="og:image:width" content=picture.width.to_string() />
            <Meta property="og:image:height" content=picture.height.to_string() />
        })}
        <link rel="canonical" href=url.clone() />
        {json_ld.map(|json| view! { <script type="application/ld+json" inner_html=json></script> })}
        <article class="event stack">
            {withheld.then(|| view! {
                <Meta name="robots" content="noindex" />
                <p class="notice" role="status">
                    {moderation_label(locale, details.moderation)} " " {td_string!(locale, moderation_team_only)}
                </p>
            })}
            {match details.picture.clone() {
                // The organisers' picture, with their description; the
                // first thing seen, so loaded at once.
                Some(picture) => view! {
                    <img class="cover photo" src=picture.largest().to_string() srcset=picture.srcset()
                        sizes="(min-width: 60rem) 57rem, 100vw" alt=picture.alt.clone()
                        width=picture.width height=picture.height fetchpriority="high" decoding="async" />
                }.into_any(),
                // Else the drawing of its kind; decorative, as the tags name
                // the kind in words.
                None => view! {
                    <img class="cover" src=drawing alt="" width="1200" height="675" decoding="async" />
                }.into_any(),
            }}
            <ul class="tags" aria-label=td_string!(locale, categories_label)>
                {details.categories.iter().map(|c| view! { <li class="tag">{category_label(locale, c)}</li> }).collect_view()}
            </ul>
            <h1 lang=lang.clone()>{details.title.clone()}</h1>
            {details.cancelled.then(|| view! {
                <p class="notice" role="status">{td_string!(locale, event_cancelled)}</p>
            })}
            {details.can_manage.then(|| view! {
                <p><a class="button" href=format!("/events/{}/manage", details.public_id)>{td_string!(locale, gathering_manage)}</a></p>
            })}
            <dl class="facts">
                <div>
                    <dt>{td_string!(locale, event_when)}</dt>
                    <dd>
                        {match next.clone() {
                            Some(date) => view! {
                                <time datetime=date.starts_at.to_rfc3339()>{weekday_date_time(locale, &date.starts_local)}</time>
                                " – "
                                <time datetime=date.ends_at.to_rfc3339()>{format::time_of_day(locale, &date.ends_local)}</time>
                                " " <abbr title=details.time_zone.clone()>{date.zone_abbreviation.clone()}</abbr>
                                <ViewerTime
                                    starts_at=date.starts_at.to_rfc3339()
                                    place_offset_minutes=date.offset_minutes
                                    label=td_string!(locale, event_your_time).to_string()
                                    language=code(locale).to_string()
                                />
                            }.into_any(),
                            None => view! { {td_string!(locale, event_no_upcoming)} }.into_any(),
                        }}
                    </dd>
                </div>
                <div>
                    <dt>{td_string!(locale, event_where)}</dt>
                    <dd>
                        {place.name.clone()}
                        {match place.address.clone() {
                            Some(address) => view! { <br /> {address} }.into_any(),
                            None => view! { <br /> <span class="muted">{td_string!(locale, event_address_hidden)}</span> }.into_any(),
                        }}
                        <br />
                        <a href=map_href rel="noopener" target="_blank">{td_string!(locale, event_open_map)}</a>
                        <MapPanel markers=place_marker circle=place_circle />
                    </dd>
                </div>
                {(!details.sponsors.is_empty()).then(|| view! {
                    <div>
                        <dt>{td_string!(locale, event_sponsors)}</dt>
                        <dd>
                            <ul class="plain-list">
                                {details.sponsors.iter().map(|sponsor| view! {
                                    <li class="sponsored-label">
                                        {td_string!(locale, sponsored_by_prefix)} " "
                                        <a href=format!("/offices/{}", sponsor.office_slug)>{sponsor.office_name.clone()}</a>
                                        {sponsor.date_local.as_ref().map(|d| format!(" · {}", weekday_date_time(locale, d)))}
                                        {(!sponsor.note.is_empty()).then(|| format!(" · {}", sponsor.note))}
                                    </li>
                                }).collect_view()}
                            </ul>
                        </dd>
                    </div>
                })}
                <div>
                    <dt>{td_string!(locale, event_host)}</dt>
                    <dd>
                        <a href=format!("/hosts/{}", details.host_slug)>{details.host_name.clone()}</a>
                        {details.partners.iter().map(|partner| view! {
                            ", " <a href=format!("/hosts/{}", partner.slug)>{partner.name.clone()}</a>
                        }).collect_view()}
                    </dd>
                </div>
                {(!languages.is_empty()).then(|| view! {
                    <div>
                        <dt>{td_string!(locale, language_spoken_label)}</dt>
                        <dd>
                            <ul class="inline-list">
                                {languages.iter().map(|l| view! { <li lang=l.code()>{l.own_name()}</li> }).collect_view()}
                            </ul>
                        </dd>
                    </div>
                })}
                {(!details.accessibility.is_empty() || details.family_friendly).then(|| view! {
                    <div>
                        <dt>{td_string!(locale, accessibility_label)}</dt>
                        <dd>
                            <ul class="inline-list">
                                {details.accessibility.iter().map(|f| view! { <li>{access_label(locale, f)}</li> }).collect_view()}
                                {details.family_friendly.then(|| view! { <li>{td_string!(locale, family_friendly)}</li> })}
                            </ul>
                        </dd>
                    </div>
                })}
                <div>
                    <dt>{td_string!(locale, event_cost)}</dt>
                    <dd>{if details.is_free { td_string!(locale, free) } else { td_string!(locale, event_not_free) }}</dd>
                </div>
                <div>
                    <dt>{td_string!(locale, event_spots)}</dt>
                    <dd>{match details.spots_left {
                        Some(spots) => td_string!(locale, event_spots_left, count = spots, places = format::number(locale, i64::from(spots))).to_string(),
                        None => td_string!(locale, event_no_limit).to_string(),
                    }}</dd>
                </div>
            </dl>
            {(!details.cancelled).then(|| view! {
                <GuestMessages messages=details.messages.clone() />
                <ReplyPanel details=details.clone() outcome form=form.clone() />
                <VolunteerPanel details=details.clone() />
            })}
            <SponsorPanel details=details.clone() form=form.clone() />
            {next.is_some().then(|| view! {
                <p class="actions">
                    <a class="button secondary" href=calendar_href download>{td_string!(locale, event_add_to_calendar)}</a>
                </p>
            })}
            <section class="description stack" aria-labelledby="about-heading">
                <h2 id="about-heading">{td_string!(locale, event_about)}</h2>
                <div lang=lang inner_html=details.description_html.clone()></div>
            </section>
            {(!later.is_empty()).then(|| view! {
                <section class="stack" aria-labelledby="dates-heading">
                    <h2 id="dates-heading">{td_string!(locale, event_more_dates)}</h2>
                    <ul class="dates">
                        {later.into_iter().map(|date| view! {
                            <li><time datetime=date.starts_at.to_rfc3339()>{weekday_date_time(locale, &date.starts_local)}</time></li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
            <PublishedStories stories=details.stories.clone() with_gathering=false />
            <section class="stack" aria-labelledby="share-heading">
                <h2 id="share-heading">{td_string!(locale, event_share)}</h2>
                <label for="share-link">{td_string!(locale, event_share_link_label)}</label>
                <input id="share-link" type="url" readonly value=url.clone() dir="ltr" />
                <p class="actions share-links">
                    <ShareButton
                        label=td_string!(locale, share_button).to_string()
                        title=details.title.clone()
                        url=url.clone()
                    />
                    {share_links(locale, &details.title, &url).into_iter().map(|(name, href)| view! {
                        <a class="button secondary" href=href rel="noopener" target="_blank">{name}</a>
                    }).collect_view()}
                    <a class="button secondary" href=format!("/events/{}/poster", details.public_id)>
                        {td_string!(locale, poster_link)}
                    </a>
                </p>
            </section>
            {(!withheld).then(|| view! {
                <ReportForm
                    action=format!("/events/{}/report", details.public_id)
                    summary=td_string!(locale, report_gathering)
                />
            })}
        </article>
    }
}

/// Plain share links for browsers without a share sheet: by email, and to
/// the two messengers most used in the neighbourhoods we serve. They are
/// ordinary links: nothing is sent anywhere until the person chooses to.
fn share_links(locale: Locale, title: &str, url: &str) -> [(&'static str, String); 3] {
    // `%20`, not `+`: mail apps show a `+` as it is.
    let encode = |text: &str| {
        form_urlencoded::byte_serialize(text.as_bytes())
            .collect::<String>()
            .replace('+', "%20")
    };
    let (title, url) = (encode(title), encode(url));
    [
        (
            td_string!(locale, share_email),
            format!("mailto:?subject={title}&body={url}"),
        ),
        ("WhatsApp", format!("https://wa.me/?text={title}%20{url}")),
        (
            "Telegram",
            format!("https://t.me/share/url?url={url}&text={title}"),
        ),
    ]
}
