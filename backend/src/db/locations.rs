//! Queries on `backup_locations`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::paging::{contains_pattern, Paging};
use super::schema::{backup_locations, jobs};
use super::{DbError, PgConn};

/// A row of `backup_locations`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = backup_locations)]
pub struct LocationRow {
    pub id: i64,
    pub name: String,
    pub directory: String,
    pub max_parallel_jobs: i32,
    pub active: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Values written by create and update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = backup_locations)]
pub struct LocationForm<'a> {
    pub name: &'a str,
    pub directory: &'a str,
    pub max_parallel_jobs: i32,
    pub active: bool,
}

/// One page, filtered by name, with the total.
pub async fn list(
    c: &mut PgConn,
    q: Option<&str>,
    paging: Paging,
) -> Result<(Vec<LocationRow>, i64), DbError> {
    let filter = |query: backup_locations::BoxedQuery<'static, diesel::pg::Pg>| match q {
        Some(q) => query.filter(backup_locations::name.ilike(contains_pattern(q))),
        None => query,
    };
    let total = filter(backup_locations::table.into_boxed())
        .count()
        .get_result(c)
        .await?;
    let rows = filter(backup_locations::table.into_boxed())
        .order(backup_locations::id)
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(LocationRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// One location.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<LocationRow>, DbError> {
    Ok(backup_locations::table
        .find(id)
        .select(LocationRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a location.
pub async fn insert(c: &mut PgConn, f: &LocationForm<'_>) -> Result<LocationRow, DbError> {
    Ok(diesel::insert_into(backup_locations::table)
        .values(f)
        .returning(LocationRow::as_returning())
        .get_result(c)
        .await?)
}

/// Updates a location.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    f: &LocationForm<'_>,
) -> Result<Option<LocationRow>, DbError> {
    Ok(diesel::update(backup_locations::table.find(id))
        .set((f, backup_locations::updated_at.eq(diesel::dsl::now)))
        .returning(LocationRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a location.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(backup_locations::table.find(id))
        .execute(c)
        .await?)
}

/// Number of jobs per location, for the given ids.
pub async fn job_counts(c: &mut PgConn, ids: &[i64]) -> Result<Vec<(i64, i64)>, DbError> {
    Ok(jobs::table
        .filter(jobs::location_id.eq_any(ids))
        .group_by(jobs::location_id)
        .select((jobs::location_id, diesel::dsl::count_star()))
        .load(c)
        .await?)
}

/// Number of locations.
pub async fn count(c: &mut PgConn) -> Result<i64, DbError> {
    Ok(backup_locations::table.count().get_result(c).await?)
}
