//! A replication source as the data path reads it (the row of `replications`), and the
//! few writes the sync makes to it. The CRUD of sources lives elsewhere.

use chrono::{DateTime, NaiveTime, Utc};
use diesel::prelude::*;
use diesel_async::RunQueryDsl;
use shared::replication::LocationMapping;

use crate::db::schema::replications;
use crate::db::{DbError, PgConn};

/// A row of `replications`, without its timestamps of creation and change.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = replications)]
pub struct SourceRow {
    pub id: i64,
    pub name: String,
    pub url: String,
    pub token: String,
    pub ssh_host: String,
    pub ssh_port: i32,
    pub ssh_user: String,
    pub host_key: Option<String>,
    pub locations: serde_json::Value,
    pub all_clients: bool,
    pub client_ids: Vec<Option<i64>>,
    pub policy_id: i64,
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
}

impl SourceRow {
    /// The location mapping (an unreadable value maps nothing).
    pub fn mapping(&self) -> Vec<LocationMapping> {
        serde_json::from_value(self.locations.clone()).unwrap_or_default()
    }

    /// The selected primary client ids.
    pub fn selected(&self) -> Vec<i64> {
        self.client_ids.iter().flatten().copied().collect()
    }

    /// The ssh port (the table's CHECK keeps it in range).
    pub fn port(&self) -> u16 {
        u16::try_from(self.ssh_port).unwrap_or(22)
    }
}

/// One source.
pub async fn find(c: &mut PgConn, id: i64) -> Result<Option<SourceRow>, DbError> {
    Ok(replications::table
        .find(id)
        .select(SourceRow::as_select())
        .first(c)
        .await
        .optional()?)
}

/// Records the end of a catalog sync: when, and why it failed (`None`: it did not).
pub async fn set_synced(c: &mut PgConn, id: i64, error: Option<&str>) -> Result<(), DbError> {
    diesel::update(replications::table.find(id))
        .set((
            replications::last_sync_at.eq(Utc::now()),
            replications::last_error.eq(error),
        ))
        .execute(c)
        .await?;
    Ok(())
}

/// Keeps a host key the primary now presents, for an admin to accept or refuse.
pub async fn set_host_key_pending(c: &mut PgConn, id: i64, key: &str) -> Result<(), DbError> {
    diesel::update(replications::table.find(id))
        .set(replications::host_key_pending.eq(key))
        .execute(c)
        .await?;
    Ok(())
}
