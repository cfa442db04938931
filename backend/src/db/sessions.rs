//! Queries on the `sessions` table: one row per browser login, deleted at logout.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use uuid::Uuid;

use super::schema::{sessions, users};
use super::users::UserRow;
use super::{DbError, PgConn};

/// A session as its user sees it.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = sessions)]
pub struct SessionRow {
    pub id: Uuid,
    pub user_id: i64,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub address: Option<String>,
    pub user_agent: String,
}

/// Where a session was opened from: the client's address and its `User-Agent`.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub address: Option<String>,
    pub user_agent: String,
}

/// Records a new session.
pub async fn insert(
    c: &mut PgConn,
    id: Uuid,
    user_id: i64,
    expires_at: DateTime<Utc>,
    origin: &Origin,
) -> Result<(), DbError> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::user_id.eq(user_id),
            sessions::expires_at.eq(expires_at),
            sessions::address.eq(origin.address.as_deref()),
            sessions::user_agent.eq(&origin.user_agent),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// How stale `last_used_at` may get before a request refreshes it: a write per request
/// would cost more than the minute it tells.
const TOUCH_EVERY_SECONDS: i64 = 60;

/// The user of a live (unexpired) session; marks the session used.
pub async fn user_of_live(c: &mut PgConn, id: Uuid) -> Result<Option<UserRow>, DbError> {
    let found: Option<(UserRow, DateTime<Utc>)> = sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(id))
        .filter(sessions::expires_at.gt(diesel::dsl::now))
        .select((UserRow::as_select(), sessions::last_used_at))
        .first(c)
        .await
        .optional()?;
    let Some((user, last_used)) = found else {
        return Ok(None);
    };
    if Utc::now() - last_used > chrono::Duration::seconds(TOUCH_EVERY_SECONDS) {
        diesel::update(sessions::table.find(id))
            .set(sessions::last_used_at.eq(diesel::dsl::now))
            .execute(c)
            .await?;
    }
    Ok(Some(user))
}

/// The live sessions of a user, the most recently used first.
pub async fn of_user(c: &mut PgConn, user_id: i64) -> Result<Vec<SessionRow>, DbError> {
    Ok(sessions::table
        .filter(sessions::user_id.eq(user_id))
        .filter(sessions::expires_at.gt(diesel::dsl::now))
        .order((sessions::last_used_at.desc(), sessions::created_at.desc()))
        .select(SessionRow::as_select())
        .load(c)
        .await?)
}

/// Ends a session of `user_id` (none of another user's): how many ended.
pub async fn delete_of_user(c: &mut PgConn, user_id: i64, id: Uuid) -> Result<usize, DbError> {
    Ok(diesel::delete(
        sessions::table
            .filter(sessions::id.eq(id))
            .filter(sessions::user_id.eq(user_id)),
    )
    .execute(c)
    .await?)
}

/// Ends every session of a user but `keep`.
pub async fn delete_others(c: &mut PgConn, user_id: i64, keep: Uuid) -> Result<usize, DbError> {
    Ok(diesel::delete(
        sessions::table
            .filter(sessions::user_id.eq(user_id))
            .filter(sessions::id.ne(keep)),
    )
    .execute(c)
    .await?)
}

/// Ends a session.
pub async fn delete(c: &mut PgConn, id: Uuid) -> Result<usize, DbError> {
    Ok(diesel::delete(sessions::table.find(id)).execute(c).await?)
}

/// Ends every session of a user (after a password change or reset).
pub async fn delete_for_user(c: &mut PgConn, user_id: i64) -> Result<usize, DbError> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user_id)))
            .execute(c)
            .await?,
    )
}

/// Removes expired sessions.
pub async fn purge_expired(c: &mut PgConn) -> Result<usize, DbError> {
    Ok(
        diesel::delete(sessions::table.filter(sessions::expires_at.le(diesel::dsl::now)))
            .execute(c)
            .await?,
    )
}
