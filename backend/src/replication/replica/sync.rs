//! A replication source's sync: fetch the primary's catalog, create or update the copied
//! clients and jobs, queue a replication run for each copied job.

use shared::replication::ReplicationStarted;
use shared::runs::{RunError, RunTrigger};

use crate::db::DbError;
use crate::engine::runner::Engine;

/// Why a sync did not queue anything.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// No such replication source.
    #[error("no such replication source")]
    NotFound,
    /// The primary did not answer or refused (`PrimaryUnreachable`, `PrimaryRefused`),
    /// with the detail for the log.
    #[error("{0}: {1}")]
    Primary(RunError, String),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("{0}")]
    Internal(String),
}

/// Syncs source `replication_id` now: the copied clients and jobs follow the primary's
/// catalog, and a replication run is queued (or kept, when one is queued already) for
/// every copied job.
pub async fn sync(
    engine: &Engine,
    replication_id: i64,
    trigger: RunTrigger,
    requested_by: Option<i64>,
) -> Result<ReplicationStarted, SyncError> {
    let _ = (engine, trigger, requested_by);
    Err(SyncError::Internal(format!(
        "replication source {replication_id}: sync is not built yet"
    )))
}
