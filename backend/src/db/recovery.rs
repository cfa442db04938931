//! Queries of `elkarbackup recover`: whether the catalog is fresh, emptying it for a
//! restored dump, and making clients, jobs and locations again under their old ids.

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::locations::LocationRow;
use super::schema::{backup_locations, clients, jobs, snapshots, users};
use super::{DbError, PgConn};

/// How much the catalog holds: (users, clients, jobs, snapshots).
pub async fn counts(c: &mut PgConn) -> Result<(i64, i64, i64, i64), DbError> {
    let u = users::table.count().get_result(c).await?;
    let cl = clients::table.count().get_result(c).await?;
    let j = jobs::table.count().get_result(c).await?;
    let s = snapshots::table.count().get_result(c).await?;
    Ok((u, cl, j, s))
}

#[derive(QueryableByName)]
struct Count {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    n: i64,
}

/// Connections to this database other than this one (a running server's).
pub async fn other_sessions(c: &mut PgConn) -> Result<i64, DbError> {
    let row: Count = diesel::sql_query(
        "SELECT count(*) AS n FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .get_result(c)
    .await?;
    Ok(row.n)
}

/// Drops every table of the catalog (the `public` schema, made again empty), so that a
/// dump is restored onto nothing.
pub async fn empty_schema(c: &mut PgConn) -> Result<(), DbError> {
    diesel::sql_query("DROP SCHEMA public CASCADE")
        .execute(c)
        .await?;
    diesel::sql_query("CREATE SCHEMA public").execute(c).await?;
    Ok(())
}

/// Every location.
pub async fn locations(c: &mut PgConn) -> Result<Vec<LocationRow>, DbError> {
    Ok(backup_locations::table
        .order(backup_locations::id)
        .select(LocationRow::as_select())
        .load(c)
        .await?)
}

/// Points a location at the directory it is found in now.
pub async fn set_directory(c: &mut PgConn, id: i64, dir: &str) -> Result<(), DbError> {
    diesel::update(backup_locations::table.find(id))
        .set((
            backup_locations::directory.eq(dir),
            backup_locations::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// A location made again: under its old id when that is free (`id` given).
#[derive(Debug, Insertable)]
#[diesel(table_name = backup_locations)]
pub struct NewLocation<'a> {
    pub id: Option<i64>,
    pub name: &'a str,
    pub directory: &'a str,
    pub active: bool,
}

/// Inserts a location; returns its id.
pub async fn insert_location(c: &mut PgConn, l: &NewLocation<'_>) -> Result<i64, DbError> {
    Ok(diesel::insert_into(backup_locations::table)
        .values(l)
        .returning(backup_locations::id)
        .get_result(c)
        .await?)
}

/// Whether a location has this name (any case).
pub async fn location_name_taken(c: &mut PgConn, name: &str) -> Result<bool, DbError> {
    let n: i64 = backup_locations::table
        .filter(super::users::lower(backup_locations::name).eq(name.to_lowercase()))
        .count()
        .get_result(c)
        .await?;
    Ok(n > 0)
}

/// A client made again from a snapshot's metadata, under its old id: the columns a
/// create writes, plus the id and the keys it had.
#[derive(Debug, Insertable)]
#[diesel(table_name = clients)]
pub struct NewClient<'a> {
    pub id: i64,
    #[diesel(embed)]
    pub form: super::clients::ClientForm<'a>,
    pub public_key: &'a str,
    pub host_key: Option<&'a str>,
}

/// Inserts a client under its id.
pub async fn insert_client(c: &mut PgConn, n: &NewClient<'_>) -> Result<(), DbError> {
    diesel::insert_into(clients::table)
        .values(n)
        .execute(c)
        .await?;
    Ok(())
}

/// A job made again from a snapshot's metadata, under its old id: the columns a create
/// writes, plus the id and its priority.
#[derive(Debug, Insertable)]
#[diesel(table_name = jobs)]
pub struct NewJob<'a> {
    pub id: i64,
    #[diesel(embed)]
    pub form: super::jobs::JobForm<'a>,
    pub priority: i32,
}

/// Inserts a job under its id.
pub async fn insert_job(c: &mut PgConn, n: &NewJob<'_>) -> Result<(), DbError> {
    diesel::insert_into(jobs::table)
        .values(n)
        .execute(c)
        .await?;
    Ok(())
}

/// Whether a job with this id exists.
pub async fn job_exists(c: &mut PgConn, id: i64) -> Result<bool, DbError> {
    let n: i64 = jobs::table
        .filter(jobs::id.eq(id))
        .count()
        .get_result(c)
        .await?;
    Ok(n > 0)
}

/// The snapshots recorded in a location: (id, store path, name).
pub async fn snapshots_in(
    c: &mut PgConn,
    location_id: i64,
) -> Result<Vec<(i64, String, String)>, DbError> {
    Ok(snapshots::table
        .filter(snapshots::location_id.eq(location_id))
        .select((snapshots::id, snapshots::store_path, snapshots::name))
        .load(c)
        .await?)
}

/// Moves the id sequences of the tables given ids by hand past their largest id.
pub async fn bump_sequences(c: &mut PgConn) -> Result<(), DbError> {
    // Constant table names: no user input reaches this text.
    for table in ["backup_locations", "clients", "jobs", "policies"] {
        diesel::sql_query(format!(
            "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
             (SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
        ))
        .execute(c)
        .await?;
    }
    Ok(())
}
