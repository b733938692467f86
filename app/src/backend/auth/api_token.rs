//! Organisers' API tokens: made on the account page (the token is shown
//! once; only its hash is stored), listed there with when each was last
//! used, and revoked there; one unused for 180 days stops working. A token
//! acts as its person — the same permission checks as the forms — within
//! its scopes.

use super::Viewer;
use crate::backend::entities::{api_token, user};
use crate::backend::secret::{self, Secret};
use crate::domain::api_scope::ApiScope;
use crate::domain::ids::UserId;
use crate::views::api_tokens::ApiTokenView;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, sea_query::Expr,
};

/// What starts every token, so that secret scanners recognise one pasted
/// where it should not be.
pub const PREFIX: &str = "cgt_";
/// The most tokens one person keeps.
pub const MOST_PER_PERSON: u64 = 10;
/// The longest name.
pub const NAME_MAX: usize = 80;
/// "Last used" is written at most this often per token.
const TOUCH_EVERY: Duration = Duration::minutes(5);
/// A token unused this long stops working (a forgotten one is a risk);
/// its person makes a new one.
pub const EXPIRES_UNUSED_FOR: Duration = Duration::days(180);

/// Why a token was not made.
#[derive(Debug, PartialEq, Eq)]
pub enum TokenProblem {
    NameMissing,
    NameTooLong,
    NoScope,
    TooMany,
}

/// A token made: its id and the secret, to show once.
pub struct NewToken {
    pub id: i64,
    pub token: String,
}

pub async fn create<C: ConnectionTrait>(
    db: &C,
    user_id: UserId,
    name: &str,
    scopes: &[ApiScope],
    now: DateTime<Utc>,
) -> Result<Result<NewToken, TokenProblem>, DbErr> {
    let name = crate::domain::text::one_line(name);
    if name.is_empty() {
        return Ok(Err(TokenProblem::NameMissing));
    }
    if name.chars().count() > NAME_MAX {
        return Ok(Err(TokenProblem::NameTooLong));
    }
    if scopes.is_empty() {
        return Ok(Err(TokenProblem::NoScope));
    }
    let held = api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .count(db)
        .await?;
    if held >= MOST_PER_PERSON {
        return Ok(Err(TokenProblem::TooMany));
    }
    let secret = Secret::generate();
    let token = format!("{PREFIX}{}", secret.token);
    let row = api_token::ActiveModel {
        user_id: Set(user_id),
        name: Set(name),
        token_hash: Set(secret::hash(&token)),
        scopes: Set(ApiScope::join(scopes)),
        created_at: Set(now),
        last_used_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(Ok(NewToken { id: row.id, token }))
}

/// The person's tokens, newest first.
pub async fn list<C: ConnectionTrait>(db: &C, user_id: UserId) -> Result<Vec<ApiTokenView>, DbErr> {
    Ok(api_token::Entity::find()
        .filter(api_token::Column::UserId.eq(user_id))
        .order_by_desc(api_token::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|row| ApiTokenView {
            id: row.id,
            name: row.name,
            scopes: ApiScope::parse_list(&row.scopes)
                .into_iter()
                .map(|s| s.as_str().to_string())
                .collect(),
            created_on: row.created_at.date_naive(),
            last_used_on: row.last_used_at.map(|at| at.date_naive()),
        })
        .collect())
}

/// Revokes the person's token `id`; someone else's is left alone.
pub async fn revoke<C: ConnectionTrait>(db: &C, user_id: UserId, id: i64) -> Result<(), DbErr> {
    api_token::Entity::delete_many()
        .filter(api_token::Column::Id.eq(id))
        .filter(api_token::Column::UserId.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Who a token acts for, its id and its scopes, while it exists.
pub struct Caller {
    pub viewer: Viewer,
    pub token_id: i64,
    pub scopes: Vec<ApiScope>,
}

pub async fn authenticate<C: ConnectionTrait>(
    db: &C,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, DbErr> {
    // Only tokens we could have made are looked up.
    if !token.starts_with(PREFIX) || token.len() != PREFIX.len() + 43 {
        return Ok(None);
    }
    let Some(row) = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(secret::hash(token)))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if now - row.last_used_at.unwrap_or(row.created_at) > EXPIRES_UNUSED_FOR {
        return Ok(None);
    }
    let Some(person) = user::Entity::find_by_id(row.user_id)
        .one(db)
        .await?
        .filter(|person| person.suspended_at.is_none())
    else {
        return Ok(None);
    };
    if row.last_used_at.is_none_or(|at| now - at > TOUCH_EVERY) {
        api_token::Entity::update_many()
            .col_expr(api_token::Column::LastUsedAt, Expr::value(now))
            .filter(api_token::Column::Id.eq(row.id))
            .exec(db)
            .await?;
    }
    Ok(Some(Caller {
        viewer: Viewer {
            user_id: person.id,
            email: person.email,
            display_name: person.display_name,
        },
        token_id: row.id,
        scopes: ApiScope::parse_list(&row.scopes),
    }))
}
