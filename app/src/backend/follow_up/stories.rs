//! Guests' stories: the organisers of a gathering publish or decline the
//! ones their authors let be published; everyone reads the published ones
//! on the gathering's and its host's pages, in the language they were
//! written in. A story of a gathering moderators hid is hidden with it.

use crate::backend::entities::{event, story};
use crate::backend::{event_texts, gatherings::visibility};
use crate::domain::follow_up::{ShownAs, StoryStatus};
use crate::domain::ids::HostId;
use crate::views::follow_up::{PublishedStory, StoriesView, StoryForOrganisers};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, Query, SelectStatement},
};

/// The most stories a public page shows, newest first.
pub const SHOWN_ON_A_PAGE: u64 = 20;

/// What organisers may do with a story.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Publish,
    /// Not published, or taken down.
    Decline,
}

impl Decision {
    pub fn from_form(value: &str) -> Option<Self> {
        match value {
            "publish" => Some(Self::Publish),
            "decline" => Some(Self::Decline),
            _ => None,
        }
    }
}

/// Every story of the gathering `event` (the caller checked that the viewer
/// organises it), newest first.
pub async fn for_organisers<C: ConnectionTrait>(
    db: &C,
    event: &event::Model,
    reader_language: &str,
) -> Result<StoriesView, DbErr> {
    let stories = story::Entity::find()
        .filter(story::Column::EventId.eq(event.id))
        .order_by_desc(story::Column::Id)
        .all(db)
        .await?;
    let title = event_texts::for_reader(db, event, reader_language)
        .await?
        .map(|text| text.title)
        .unwrap_or_default();
    Ok(StoriesView {
        event_public_id: event.public_id.clone(),
        title,
        stories: stories
            .into_iter()
            .map(|story| StoryForOrganisers {
                public_id: story.public_id,
                body: story.body,
                language: story.language,
                shown_as: ShownAs::parse(&story.shown_as).unwrap_or(ShownAs::NotPublished),
                first_name: story.first_name,
                status: StoryStatus::parse(&story.status).unwrap_or(StoryStatus::Private),
            })
            .collect(),
    })
}

/// Publishes or declines the story `story_public_id` of the gathering
/// `event` (the caller checked that the viewer organises it). `false` when
/// there is no such story or it is private (its author chose that).
pub async fn decide<C: ConnectionTrait>(
    db: &C,
    event: &event::Model,
    story_public_id: &str,
    decision: Decision,
) -> Result<bool, DbErr> {
    let status = match decision {
        Decision::Publish => StoryStatus::Published,
        Decision::Decline => StoryStatus::Declined,
    };
    Ok(story::Entity::update_many()
        .col_expr(story::Column::Status, Expr::value(status.as_str()))
        .filter(story::Column::EventId.eq(event.id))
        .filter(story::Column::PublicId.eq(story_public_id))
        .filter(story::Column::Status.ne(StoryStatus::Private.as_str()))
        .exec(db)
        .await?
        .rows_affected
        == 1)
}

/// The published stories of the gathering `event`, newest first; none
/// while the gathering is not public.
pub async fn of_gathering<C: ConnectionTrait>(
    db: &C,
    event: &event::Model,
) -> Result<Vec<PublishedStory>, DbErr> {
    if !visibility::is_public(event) {
        return Ok(Vec::new());
    }
    published(db, std::slice::from_ref(event), "").await
}

/// Rows of a published story of the gathering `event` (a bound id, or the
/// column of an outer statement), for a page to ask [`of_gathering`] only
/// when there is one.
pub fn any_published_of(event: impl Into<Expr>) -> SelectStatement {
    use sea_orm::sea_query::ExprTrait;
    Query::select()
        .expr(Expr::val(1))
        .from(story::Entity)
        .and_where(Expr::col((story::Entity, story::Column::EventId)).eq(event))
        .and_where(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .to_owned()
}

/// The published stories of the public gatherings of `host_id`, newest
/// first, each with its gathering's title in `reader_language`.
pub async fn of_host<C: ConnectionTrait>(
    db: &C,
    host_id: HostId,
    reader_language: &str,
) -> Result<Vec<PublishedStory>, DbErr> {
    let with_stories = event::Entity::find()
        .filter(event::Column::HostId.eq(host_id))
        .filter(
            event::Column::Id.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(story::Column::EventId)
                    .from(story::Entity)
                    .and_where(story::Column::Status.eq(StoryStatus::Published.as_str()))
                    .to_owned(),
            ),
        )
        .all(db)
        .await?;
    let public: Vec<event::Model> = with_stories
        .into_iter()
        .filter(visibility::is_public)
        .collect();
    published(db, &public, reader_language).await
}

/// The published stories of `events`, newest first, titled in
/// `reader_language` (none when empty).
async fn published<C: ConnectionTrait>(
    db: &C,
    events: &[event::Model],
    reader_language: &str,
) -> Result<Vec<PublishedStory>, DbErr> {
    if events.is_empty() {
        return Ok(Vec::new());
    }
    let stories = story::Entity::find()
        .filter(story::Column::EventId.is_in(events.iter().map(|e| e.id)))
        .filter(story::Column::Status.eq(StoryStatus::Published.as_str()))
        .order_by_desc(story::Column::Id)
        .limit(SHOWN_ON_A_PAGE)
        .all(db)
        .await?;
    let mut titles = Vec::new();
    if !reader_language.is_empty() {
        let told = events
            .iter()
            .filter(|e| stories.iter().any(|story| story.event_id == e.id));
        for event in told {
            let title = event_texts::for_reader(db, event, reader_language)
                .await?
                .map(|text| text.title)
                .unwrap_or_default();
            titles.push((event.id, title));
        }
    }
    Ok(stories
        .into_iter()
        .map(|story| {
            let event = events.iter().find(|e| e.id == story.event_id);
            PublishedStory {
                body: story.body,
                language: story.language,
                first_name: story.first_name,
                event_public_id: event.map(|e| e.public_id.clone()).unwrap_or_default(),
                event_title: titles
                    .iter()
                    .find(|(id, _)| *id == story.event_id)
                    .map(|(_, title)| title.clone())
                    .unwrap_or_default(),
            }
        })
        .collect())
}
