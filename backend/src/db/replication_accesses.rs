//! Queries on `replication_accesses`: the replicas allowed to read this server's catalog
//! and snapshots. Only hashes of tokens are stored; revoked rows stay for the audit trail.

use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::schema::replication_accesses as ra;
use super::{DbError, PgConn};

/// A row of `replication_accesses`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = ra)]
pub struct ReplicationAccessRow {
    pub id: i64,
    pub name: String,
    pub token_prefix: String,
    pub token_hash: String,
    pub public_key: String,
    /// sshd's `from="…"` pattern list; `None`: from anywhere.
    pub from_address: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Values written on creation.
#[derive(Debug, Insertable)]
#[diesel(table_name = ra)]
pub struct NewReplicationAccess<'a> {
    pub name: &'a str,
    pub token_prefix: &'a str,
    pub token_hash: &'a str,
    pub public_key: &'a str,
    pub from_address: Option<&'a str>,
}

/// Inserts an access.
pub async fn insert(
    c: &mut PgConn,
    new: &NewReplicationAccess<'_>,
) -> Result<ReplicationAccessRow, DbError> {
    Ok(diesel::insert_into(ra::table)
        .values(new)
        .returning(ReplicationAccessRow::as_returning())
        .get_result(c)
        .await?)
}

/// Every access, revoked ones included, newest first.
pub async fn list(c: &mut PgConn) -> Result<Vec<ReplicationAccessRow>, DbError> {
    Ok(ra::table
        .order(ra::id.desc())
        .select(ReplicationAccessRow::as_select())
        .load(c)
        .await?)
}

/// The accesses not revoked, oldest first (the `authorized_keys` order).
pub async fn active(c: &mut PgConn) -> Result<Vec<ReplicationAccessRow>, DbError> {
    Ok(ra::table
        .filter(ra::revoked_at.is_null())
        .order(ra::id)
        .select(ReplicationAccessRow::as_select())
        .load(c)
        .await?)
}

/// One access.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<ReplicationAccessRow>, DbError> {
    Ok(ra::table
        .find(id)
        .select(ReplicationAccessRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// The access not revoked whose token has this hash.
pub async fn find_active_by_hash(
    c: &mut PgConn,
    token_hash: &str,
) -> Result<Option<ReplicationAccessRow>, DbError> {
    Ok(ra::table
        .filter(ra::token_hash.eq(token_hash))
        .filter(ra::revoked_at.is_null())
        .select(ReplicationAccessRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Records that an access's token was used now.
pub async fn touch(c: &mut PgConn, id: i64) -> Result<(), DbError> {
    diesel::update(ra::table.find(id))
        .set(ra::last_used_at.eq(diesel::dsl::now))
        .execute(c)
        .await?;
    Ok(())
}

/// Revokes an access not yet revoked; `None` when there is none with this id or it was
/// already revoked.
pub async fn revoke(c: &mut PgConn, id: i64) -> Result<Option<ReplicationAccessRow>, DbError> {
    Ok(
        diesel::update(ra::table.find(id).filter(ra::revoked_at.is_null()))
            .set(ra::revoked_at.eq(diesel::dsl::now))
            .returning(ReplicationAccessRow::as_returning())
            .get_result(c)
            .await
            .optional()?,
    )
}

/// The clients a replica may copy: this server's own, not those it copies itself, by id.
pub async fn original_clients(c: &mut PgConn) -> Result<Vec<super::clients::ClientRow>, DbError> {
    use super::schema::clients;
    Ok(clients::table
        .filter(clients::copy_of.is_null())
        .order(clients::id)
        .select(super::clients::ClientRow::as_select())
        .load(c)
        .await?)
}
