//! Queries on the `api_tokens` table. Only hashes of tokens are stored.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{api_tokens, users};
use super::users::UserRow;
use super::{DbError, PgConn};

/// A row of `api_tokens`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = api_tokens)]
pub struct TokenRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub prefix: String,
    pub token_hash: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// Stores a new token hash.
pub async fn insert(
    c: &mut PgConn,
    user_id: i64,
    name: &str,
    prefix: &str,
    token_hash: &str,
) -> Result<TokenRow, DbError> {
    Ok(diesel::insert_into(api_tokens::table)
        .values((
            api_tokens::user_id.eq(user_id),
            api_tokens::name.eq(name),
            api_tokens::prefix.eq(prefix),
            api_tokens::token_hash.eq(token_hash),
        ))
        .returning(TokenRow::as_returning())
        .get_result(c)
        .await?)
}

/// A user's tokens, newest first.
pub async fn list_for_user(c: &mut PgConn, user_id: i64) -> Result<Vec<TokenRow>, DbError> {
    Ok(api_tokens::table
        .filter(api_tokens::user_id.eq(user_id))
        .order(api_tokens::id.desc())
        .select(TokenRow::as_select())
        .load(c)
        .await?)
}

/// Deletes one of a user's tokens; 0 when it is not theirs or does not exist.
pub async fn delete_for_user(c: &mut PgConn, user_id: i64, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(
        api_tokens::table
            .filter(api_tokens::id.eq(id))
            .filter(api_tokens::user_id.eq(user_id)),
    )
    .execute(c)
    .await?)
}

/// Finds the token with this hash and its user, and records its use.
pub async fn use_token(
    c: &mut PgConn,
    token_hash: &str,
) -> Result<Option<(TokenRow, UserRow)>, DbError> {
    let found = api_tokens::table
        .inner_join(users::table)
        .filter(api_tokens::token_hash.eq(token_hash))
        .select((TokenRow::as_select(), UserRow::as_select()))
        .first::<(TokenRow, UserRow)>(c)
        .await
        .optional()?;
    if let Some((t, _)) = &found {
        diesel::update(api_tokens::table.find(t.id))
            .set(api_tokens::last_used_at.eq(diesel::dsl::now))
            .execute(c)
            .await?;
    }
    Ok(found)
}
