//! Queries on the `sessions` table: one row per browser login, deleted at logout.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use uuid::Uuid;

use super::schema::{sessions, users};
use super::users::UserRow;
use super::{DbError, PgConn};

/// Records a new session.
pub async fn insert(
    c: &mut PgConn,
    id: Uuid,
    user_id: i64,
    expires_at: DateTime<Utc>,
) -> Result<(), DbError> {
    diesel::insert_into(sessions::table)
        .values((
            sessions::id.eq(id),
            sessions::user_id.eq(user_id),
            sessions::expires_at.eq(expires_at),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// The user of a live (unexpired) session.
pub async fn user_of_live(c: &mut PgConn, id: Uuid) -> Result<Option<UserRow>, DbError> {
    Ok(sessions::table
        .inner_join(users::table)
        .filter(sessions::id.eq(id))
        .filter(sessions::expires_at.gt(diesel::dsl::now))
        .select(UserRow::as_select())
        .first(c)
        .await
        .optional()?)
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
