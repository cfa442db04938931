//! Queries on the `users` table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::users;
use super::{DbConn, DbError};

/// A row of `users`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub password_hash: String,
    pub role: String,
    pub language: String,
    pub page_size: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Values for a new user.
#[derive(Debug, Insertable)]
#[diesel(table_name = users)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
    pub role: &'a str,
    pub language: &'a str,
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Finds a user by name, ignoring case.
pub async fn find_by_username(c: &mut DbConn, name: &str) -> Result<Option<UserRow>, DbError> {
    Ok(users::table
        .filter(lower(users::username).eq(name.to_lowercase()))
        .select(UserRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Finds a user by id.
pub async fn find(c: &mut DbConn, id: i64) -> Result<Option<UserRow>, DbError> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a user; a duplicate name is a unique violation.
pub async fn insert(c: &mut DbConn, new: &NewUser<'_>) -> Result<UserRow, DbError> {
    Ok(diesel::insert_into(users::table)
        .values(new)
        .returning(UserRow::as_returning())
        .get_result(c)
        .await?)
}

/// Number of users.
pub async fn count(c: &mut DbConn) -> Result<i64, DbError> {
    Ok(users::table.count().get_result(c).await?)
}

/// Replaces a user's password hash.
pub async fn set_password(c: &mut DbConn, id: i64, hash: &str) -> Result<usize, DbError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?)
}

/// Updates language and page size.
pub async fn set_preferences(
    c: &mut DbConn,
    id: i64,
    language: &str,
    page_size: i32,
) -> Result<UserRow, DbError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::language.eq(language),
            users::page_size.eq(page_size),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .returning(UserRow::as_returning())
        .get_result(c)
        .await?)
}
