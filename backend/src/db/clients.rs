//! Queries on `clients`.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use shared::clients::{ClientSort, KeyMode};

use super::paging::{contains_pattern, Paging};
use super::schema::{clients, users};
use super::{DbError, PgConn};

/// A row of `clients`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = clients)]
pub struct ClientRow {
    pub id: i64,
    pub name: String,
    pub description: String,
    pub connection: serde_json::Value,
    pub active: bool,
    pub owner_id: Option<i64>,
    pub quota_bytes: Option<i64>,
    pub max_parallel_jobs: i32,
    pub ssh_options: Vec<Option<String>>,
    pub rsync_options: Vec<Option<String>>,
    pub public_key: String,
    pub host_key: Option<String>,
    pub host_key_pending: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Copied from a primary by this replication source (read-only while set).
    pub replication_id: Option<i64>,
    /// The client's id on the primary.
    pub primary_id: Option<i64>,
    /// The primary's name, kept when the source is deleted; cleared by a take-over.
    pub copy_of: Option<String>,
    /// How the client's `authorized_keys` confines the server's keys.
    pub key_mode: KeyMode,
    /// The directory both keys are confined to (`rrsync` mode).
    pub key_root: String,
    /// The public half of the restore key, once made.
    pub restore_public_key: Option<String>,
    /// The rsync daemon login's password; empty for none. Never leaves the server
    /// except in rsync's environment.
    pub daemon_password: String,
}

/// Values written by create and update.
#[derive(Debug, Insertable, AsChangeset)]
#[diesel(table_name = clients, treat_none_as_null = true)]
pub struct ClientForm<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub connection: serde_json::Value,
    pub active: bool,
    pub owner_id: Option<i64>,
    pub quota_bytes: Option<i64>,
    pub max_parallel_jobs: i32,
    pub ssh_options: Vec<Option<String>>,
    pub rsync_options: Vec<Option<String>>,
    pub key_mode: KeyMode,
    pub key_root: &'a str,
}

/// List filters.
#[derive(Debug, Clone, Default)]
pub struct ClientFilter<'a> {
    pub q: Option<&'a str>,
    /// Only clients of this owner (operators).
    pub owner: Option<i64>,
}

fn filtered<'a>(f: &ClientFilter<'a>) -> clients::BoxedQuery<'a, diesel::pg::Pg> {
    let mut query = clients::table.into_boxed();
    if let Some(q) = f.q {
        query = query.filter(clients::name.ilike(contains_pattern(q)));
    }
    if let Some(owner) = f.owner {
        query = query.filter(clients::owner_id.eq(owner));
    }
    query
}

/// One page with the total.
pub async fn list(
    c: &mut PgConn,
    f: &ClientFilter<'_>,
    sort: ClientSort,
    paging: Paging,
) -> Result<(Vec<ClientRow>, i64), DbError> {
    let total = filtered(f).count().get_result(c).await?;
    let query = filtered(f);
    let query = match sort {
        ClientSort::Id => query.order(clients::id.asc()),
        ClientSort::IdDesc => query.order(clients::id.desc()),
        ClientSort::Name => query.order((clients::name.asc(), clients::id.asc())),
        ClientSort::NameDesc => query.order((clients::name.desc(), clients::id.asc())),
    };
    let rows = query
        .offset(paging.offset())
        .limit(paging.per_page)
        .select(ClientRow::as_select())
        .load(c)
        .await?;
    Ok((rows, total))
}

/// One client.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<ClientRow>, DbError> {
    Ok(clients::table
        .find(id)
        .select(ClientRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Whether a client with this name (any case) exists (for picking free copy names; saves
/// rely on the unique index).
pub async fn name_taken(c: &mut PgConn, name: &str) -> Result<bool, DbError> {
    let n: i64 = clients::table
        .filter(super::users::lower(clients::name).eq(name.to_lowercase()))
        .count()
        .get_result(c)
        .await?;
    Ok(n > 0)
}

/// Inserts a client.
pub async fn insert(c: &mut PgConn, f: &ClientForm<'_>) -> Result<ClientRow, DbError> {
    Ok(diesel::insert_into(clients::table)
        .values(f)
        .returning(ClientRow::as_returning())
        .get_result(c)
        .await?)
}

/// Updates a client.
pub async fn update(
    c: &mut PgConn,
    id: i64,
    f: &ClientForm<'_>,
) -> Result<Option<ClientRow>, DbError> {
    Ok(diesel::update(clients::table.find(id))
        .set((f, clients::updated_at.eq(diesel::dsl::now)))
        .returning(ClientRow::as_returning())
        .get_result(c)
        .await
        .optional()?)
}

/// Stores the client's rsync daemon password (`""`: none).
pub async fn set_daemon_password(c: &mut PgConn, id: i64, password: &str) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set(clients::daemon_password.eq(password))
        .execute(c)
        .await?;
    Ok(())
}

/// Stores the client's public key.
pub async fn set_public_key(c: &mut PgConn, id: i64, key: &str) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set((
            clients::public_key.eq(key),
            clients::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Records the public half of the client's restore key.
pub async fn set_restore_public_key(c: &mut PgConn, id: i64, key: &str) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set((
            clients::restore_public_key.eq(key),
            clients::updated_at.eq(diesel::dsl::now),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Deletes a client (its jobs go with it).
pub async fn delete(c: &mut PgConn, id: i64) -> Result<usize, DbError> {
    Ok(diesel::delete(clients::table.find(id)).execute(c).await?)
}

/// Names of the given users, for owner references.
pub async fn user_names(c: &mut PgConn, ids: &[i64]) -> Result<Vec<(i64, String)>, DbError> {
    Ok(users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::username))
        .load(c)
        .await?)
}

/// Sets the pinned and the pending host key.
pub async fn set_host_keys(
    c: &mut PgConn,
    id: i64,
    pinned: Option<&str>,
    pending: Option<&str>,
) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set((
            clients::host_key.eq(pinned),
            clients::host_key_pending.eq(pending),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Per client id, its "copy of" columns: the replication source and the primary's name
/// (only clients copied by replication are returned).
pub async fn copies(
    c: &mut PgConn,
    ids: &[i64],
) -> Result<Vec<(i64, Option<i64>, Option<String>)>, DbError> {
    Ok(clients::table
        .filter(clients::id.eq_any(ids))
        .filter(clients::copy_of.is_not_null())
        .select((clients::id, clients::replication_id, clients::copy_of))
        .load(c)
        .await?)
}

/// The clients copied by a replication source.
pub async fn of_replication(
    c: &mut PgConn,
    replication_id: i64,
) -> Result<Vec<ClientRow>, DbError> {
    Ok(clients::table
        .filter(clients::replication_id.eq(replication_id))
        .order(clients::id)
        .select(ClientRow::as_select())
        .load(c)
        .await?)
}

/// Marks a client as copied from a primary: the source, its id there, the primary's name.
pub async fn set_copy(
    c: &mut PgConn,
    id: i64,
    replication_id: i64,
    primary_id: i64,
    copy_of: &str,
) -> Result<(), DbError> {
    diesel::update(clients::table.find(id))
        .set((
            clients::replication_id.eq(replication_id),
            clients::primary_id.eq(primary_id),
            clients::copy_of.eq(copy_of),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Every client: (id, name).
pub async fn all_names(c: &mut PgConn) -> Result<Vec<(i64, String)>, DbError> {
    Ok(clients::table
        .select((clients::id, clients::name))
        .load(c)
        .await?)
}
