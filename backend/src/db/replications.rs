//! Queries on `replications` (on a replica: the primaries it copies) and the take-over
//! of a copied client.

use chrono::{DateTime, NaiveTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::{clients, jobs, policies, replications};
use super::{DbError, PgConn};

/// A row of `replications`. The token is the primary's secret: never shown.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = replications)]
pub struct ReplicationRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub token: String,
    pub ssh_host: String,
    pub ssh_port: i32,
    pub ssh_user: String,
    pub public_key: String,
    pub host_key: Option<String>,
    pub host_key_pending: Option<String>,
    pub locations: serde_json::Value,
    pub all_clients: bool,
    pub client_ids: Vec<Option<i64>>,
    pub policy_id: i64,
    pub interval_minutes: Option<i32>,
    pub bwlimit_kib: Option<i32>,
    pub window_start: Option<NaiveTime>,
    pub window_end: Option<NaiveTime>,
    pub retention: String,
    pub min_age_days: i32,
    pub delete_vanished: bool,
    pub vanished_grace_days: i32,
    pub max_deletions_per_run: i32,
    pub active: bool,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Values written by create and update (what a user sets).
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = replications, treat_none_as_null = true)]
pub struct ReplicationForm<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub token: &'a str,
    pub ssh_host: &'a str,
    pub ssh_port: i32,
    pub ssh_user: &'a str,
    pub locations: serde_json::Value,
    pub all_clients: bool,
    pub client_ids: Vec<Option<i64>>,
    pub policy_id: i64,
    pub interval_minutes: Option<i32>,
    pub bwlimit_kib: Option<i32>,
    pub window_start: Option<NaiveTime>,
    pub window_end: Option<NaiveTime>,
    pub retention: &'a str,
    pub min_age_days: i32,
    pub delete_vanished: bool,
    pub vanished_grace_days: i32,
    pub max_deletions_per_run: i32,
    pub active: bool,
}

/// Every source, by name.
pub async fn list(c: &mut PgConn) -> Result<Vec<ReplicationRow>, DbError> {
    Ok(replications::table
        .order((replications::name, replications::id))
        .select(ReplicationRow::as_select())
        .load(c)
        .await?)
}

/// One source.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<ReplicationRow>, DbError> {
    Ok(replications::table
        .find(id)
        .select(ReplicationRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Inserts a source.
pub async fn insert(c: &mut PgConn, f: &ReplicationForm<'_>) -> Result<ReplicationRow, DbError> {
    Ok(diesel::insert_into(replications::table)
        .values(f)
        .returning(ReplicationRow::as_returning())
        .get_result(c)
        .await?)
}

/// Replaces a source's settings; `None` when it does not exist.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    f: &ReplicationForm<'_>,
) -> Result<Option<ReplicationRow>, DbError> {
    Ok(diesel::update(replications::table.find(id))
        .set((f, replications::updated_at.eq(diesel::dsl::now)))
        .returning(ReplicationRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Deletes a source; its copied clients stay (the foreign key sets their
/// `replication_id` to NULL, `copy_of` stays). False when it did not exist.
pub async fn delete(c: &mut PgConn, id: i64) -> Result<bool, DbError> {
    Ok(diesel::delete(replications::table.find(id))
        .execute(c)
        .await?
        == 1)
}

/// Stores the source's public key.
pub async fn set_public_key(c: &mut PgConn, id: i64, key: &str) -> Result<(), DbError> {
    diesel::update(replications::table.find(id))
        .set(replications::public_key.eq(key))
        .execute(c)
        .await?;
    Ok(())
}

/// Sets the pinned and the pending host key of the primary.
pub async fn set_host_keys(
    c: &mut PgConn,
    id: i64,
    pinned: Option<&str>,
    pending: Option<&str>,
) -> Result<(), DbError> {
    diesel::update(replications::table.find(id))
        .set((
            replications::host_key.eq(pinned),
            replications::host_key_pending.eq(pending),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Records why the last sync failed (`None`: it did not).
pub async fn set_last_error(c: &mut PgConn, id: i64, error: Option<&str>) -> Result<(), DbError> {
    diesel::update(replications::table.find(id))
        .set(replications::last_error.eq(error))
        .execute(c)
        .await?;
    Ok(())
}

/// `(source id, client id, client name)` of the clients copied from the sources `ids`.
pub async fn clients_of(
    c: &mut PgConn,
    ids: &[i64],
) -> Result<Vec<(Option<i64>, i64, String)>, DbError> {
    Ok(clients::table
        .filter(clients::replication_id.eq_any(ids))
        .order((clients::name, clients::id))
        .select((clients::replication_id, clients::id, clients::name))
        .load(c)
        .await?)
}

/// The name of a policy.
pub async fn policy_name(c: &mut PgConn, id: i64) -> Result<Option<String>, DbError> {
    Ok(policies::table
        .find(id)
        .select(policies::name)
        .first(c)
        .await
        .optional()?)
}

/// What the scheduler judges a source on: its id, interval, window, last sync and its
/// policy's schedule (active sources only).
pub type DueFacts = (
    i64,
    Option<i32>,
    Option<NaiveTime>,
    Option<NaiveTime>,
    Option<DateTime<Utc>>,
    i64,
    serde_json::Value,
);

/// The facts of every active source.
pub async fn due_facts(c: &mut PgConn) -> Result<Vec<DueFacts>, DbError> {
    Ok(replications::table
        .inner_join(policies::table)
        .filter(replications::active.eq(true))
        .order(replications::id)
        .select((
            replications::id,
            replications::interval_minutes,
            replications::window_start,
            replications::window_end,
            replications::last_sync_at,
            policies::id,
            policies::schedule,
        ))
        .load(c)
        .await?)
}

/// Turns copied client `id` into a normal one: its source, primary id and "copy of"
/// marker cleared, and those of its jobs. Call it inside a transaction.
pub async fn take_over(c: &mut PgConn, id: i64) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set((
            clients::replication_id.eq(None::<i64>),
            clients::primary_id.eq(None::<i64>),
            clients::copy_of.eq(None::<String>),
            clients::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    diesel::update(jobs::table.filter(jobs::client_id.eq(id)))
        .set((
            jobs::primary_id.eq(None::<i64>),
            jobs::replication_behind_since.eq(None::<DateTime<Utc>>),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// A copied job's replication lag facts, for `/metrics`.
#[derive(Debug, Clone, Queryable)]
pub struct LagRow {
    pub source: String,
    pub client: String,
    pub job_id: i64,
    pub job: String,
    pub behind_since: Option<DateTime<Utc>>,
}

/// The jobs of clients copied by a source (orphan copies have no lag), by source and job.
pub async fn lags(c: &mut PgConn) -> Result<Vec<LagRow>, DbError> {
    Ok(jobs::table
        .inner_join(clients::table.inner_join(replications::table))
        .order((replications::name, clients::name, jobs::name, jobs::id))
        .select((
            replications::name,
            clients::name,
            jobs::id,
            jobs::name,
            jobs::replication_behind_since,
        ))
        .load(c)
        .await?)
}

/// Every source's name and last sync, for `/metrics`.
pub async fn last_syncs(c: &mut PgConn) -> Result<Vec<(String, Option<DateTime<Utc>>)>, DbError> {
    Ok(replications::table
        .order(replications::name)
        .select((replications::name, replications::last_sync_at))
        .load(c)
        .await?)
}
