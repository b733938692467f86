//! Which of a gathering's texts a reader sees: their own language when the
//! organisers wrote one, else the gathering's own language, else any.

use super::entities::{event, event_text};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};

/// The text of `texts` for a reader of `reader_language`.
pub fn pick<'a>(
    texts: &'a [event_text::Model],
    reader_language: &str,
    default_language: &str,
) -> Option<&'a event_text::Model> {
    [reader_language, default_language]
        .iter()
        .find_map(|language| texts.iter().find(|t| t.language == *language))
        .or(texts.first())
}

/// Loads the gathering's texts and picks the one for `reader_language`.
pub async fn for_reader<C: ConnectionTrait>(
    conn: &C,
    event: &event::Model,
    reader_language: &str,
) -> Result<Option<event_text::Model>, DbErr> {
    let texts = event_text::Entity::find()
        .filter(event_text::Column::EventId.eq(event.id))
        .all(conn)
        .await?;
    Ok(pick(&texts, reader_language, &event.default_language).cloned())
}
