//! Queries on the `users` table.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::{Language, Role};

use super::schema::users;
use super::{DbError, PgConn};

/// A row of `users`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub email: Option<String>,
    pub password_hash: String,
    pub role: Role,
    pub language: Option<Language>,
    pub page_size: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub protected: bool,
    /// Since when the user signs in with a second factor (`None`: password only).
    pub totp_since: Option<DateTime<Utc>>,
}

/// Values for a new user.
#[derive(Debug, Insertable)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct NewUser<'a> {
    pub username: &'a str,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
    pub role: Role,
    pub language: Option<Language>,
    pub page_size: i32,
    pub active: bool,
    pub protected: bool,
}

diesel::define_sql_function!(fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text);

/// Finds a user by name, ignoring case.
pub async fn find_by_username(c: &mut PgConn, name: &str) -> Result<Option<UserRow>, DbError> {
    Ok(users::table
        .filter(lower(users::username).eq(name.to_lowercase()))
        .select(UserRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Finds a user by id.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<UserRow>, DbError> {
    Ok(users::table
        .find(id)
        .select(UserRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a user; a duplicate name is a unique violation.
pub async fn insert(c: &mut PgConn, new: &NewUser<'_>) -> Result<UserRow, DbError> {
    Ok(diesel::insert_into(users::table)
        .values(new)
        .returning(UserRow::as_returning())
        .get_result(c)
        .await?)
}

/// Number of users.
pub async fn count(c: &mut PgConn) -> Result<i64, DbError> {
    Ok(users::table.count().get_result(c).await?)
}

/// Replaces a user's password hash.
pub async fn set_password(c: &mut PgConn, id: i64, hash: &str) -> Result<usize, DbError> {
    Ok(diesel::update(users::table.find(id))
        .set((
            users::password_hash.eq(hash),
            users::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?)
}

/// Updates language (`None`: not chosen) and page size.
pub async fn set_preferences(
    c: &mut PgConn,
    id: i64,
    language: Option<Language>,
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

/// Values written when an administrator updates a user.
#[derive(Debug, AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub struct UserUpdate<'a> {
    pub username: &'a str,
    pub email: Option<&'a str>,
    pub role: Role,
    pub language: Option<Language>,
    pub page_size: i32,
    pub active: bool,
}

/// One page of users, filtered by name, with the total.
pub async fn list(
    c: &mut PgConn,
    q: Option<&str>,
    paging: super::paging::Paging,
) -> Result<(Vec<UserRow>, i64), DbError> {
    let filter = |query: users::BoxedQuery<'static, diesel::pg::Pg>| match q {
        Some(q) => query.filter(users::username.ilike(super::paging::contains_pattern(q))),
        None => query,
    };
    let total = filter(users::table.into_boxed())
        .count()
        .get_result(c)
        .await?;
    let rows = filter(users::table.into_boxed())
        .order(users::id)
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(UserRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// Updates a user's account data.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    u: &UserUpdate<'_>,
) -> Result<Option<UserRow>, DbError> {
    Ok(diesel::update(users::table.find(id))
        .set((u, users::updated_at.eq(diesel::dsl::now)))
        .returning(UserRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a user (their sessions and tokens go with them; their clients lose the owner).
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(users::table.find(id)).execute(c).await?)
}
