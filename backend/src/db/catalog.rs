//! Queries of the catalog dumps: the catalog's identity, the locations that get a dump,
//! whose key pairs are copied beside it, and the server's version (which `pg_dump` must
//! be at least).

use diesel::prelude::*;
use diesel_async::RunQueryDsl;

use super::locations::LocationRow;
use super::schema::{backup_locations, catalog_identity, clients, replications};
use super::{DbError, PgConn};

/// This catalog's identity (one row, made by its migration).
pub async fn identity(c: &mut PgConn) -> Result<uuid::Uuid, DbError> {
    Ok(catalog_identity::table
        .select(catalog_identity::catalog_id)
        .first(c)
        .await?)
}

/// The active locations, by id.
pub async fn active_locations(c: &mut PgConn) -> Result<Vec<LocationRow>, DbError> {
    Ok(backup_locations::table
        .filter(backup_locations::active.eq(true))
        .order(backup_locations::id)
        .select(LocationRow::as_select())
        .load(c)
        .await?)
}

/// Every client's id and every replication source's id: the owners of key pairs.
pub async fn key_owners(c: &mut PgConn) -> Result<(Vec<i64>, Vec<i64>), DbError> {
    let clients = clients::table.select(clients::id).load(c).await?;
    let replications = replications::table.select(replications::id).load(c).await?;
    Ok((clients, replications))
}

#[derive(QueryableByName)]
struct Version {
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    v: i64,
}

/// The server's `server_version_num` (150020 for 15.20).
pub async fn server_version_num(c: &mut PgConn) -> Result<i64, DbError> {
    let row: Version =
        diesel::sql_query("SELECT current_setting('server_version_num')::bigint AS v")
            .get_result(c)
            .await?;
    Ok(row.v)
}
