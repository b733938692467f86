//! What a gathering's printable poster shows: its public page's details
//! and its title in every language the organisers wrote it in.

use crate::backend::entities::{event, event_text};
use crate::views::gathering::{PosterView, TitleInLanguage};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Query,
};

/// The poster of the gathering `public_id`, `None` for a draft or an
/// unknown id (as its page).
pub async fn load<C: ConnectionTrait>(
    db: &C,
    public_id: &str,
    reader_language: &str,
    now: DateTime<Utc>,
) -> Result<Option<PosterView>, DbErr> {
    let Some(details) = super::page::load(db, public_id, reader_language, now).await? else {
        return Ok(None);
    };
    let texts: Vec<(String, String)> = event_text::Entity::find()
        .select_only()
        .column(event_text::Column::Language)
        .column(event_text::Column::Title)
        .filter(
            event_text::Column::EventId.in_subquery(
                Query::select()
                    .column(event::Column::Id)
                    .from(event::Entity)
                    .and_where(event::Column::PublicId.eq(public_id))
                    .to_owned(),
            ),
        )
        .order_by_asc(event_text::Column::Language)
        .into_tuple()
        .all(db)
        .await?;
    // The reader's title is the heading; the others follow it.
    let other_titles = texts
        .into_iter()
        .filter(|(language, _)| *language != details.text_language)
        .map(|(language, title)| TitleInLanguage { language, title })
        .collect();
    Ok(Some(PosterView {
        details,
        other_titles,
    }))
}
