//! Loading a restore's context: the snapshot, its location and job, and the target
//! client, fetched once. Errors map in one place (`LoadError`).

use shared::clients::Connection;
use shared::runs::{RestoreTarget, RunError};

use crate::db::clients::ClientRow;
use crate::db::locations::LocationRow;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, clients, jobs, locations, snapshots, PgConn};
use crate::engine::backup::Limits;
use crate::engine::runner::{found, Engine, LoadError, Stop};

/// Everything a restore's plan is made from.
#[derive(Debug, Clone)]
pub struct RestoreContext {
    pub target: RestoreTarget,
    pub snapshot: SnapshotRow,
    /// The snapshot's location (not necessarily its job's current one).
    pub location: LocationRow,
    /// The client receiving the entry.
    pub client: ClientRow,
    pub connection: Connection,
    pub limits: Limits,
}

impl Engine {
    /// Loads a restore's context; a row that is gone stops it with its code.
    pub(in crate::engine) async fn load_restore(
        &self,
        target: &RestoreTarget,
    ) -> Result<RestoreContext, Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        Ok(self.load_restore_rows(&mut c, target).await?)
    }

    async fn load_restore_rows(
        &self,
        c: &mut PgConn,
        target: &RestoreTarget,
    ) -> Result<RestoreContext, LoadError> {
        let snapshot = found(
            snapshots::find(c, target.snapshot_id).await?,
            RunError::SnapshotMissing,
        )?;
        // The job must still exist, though the restore reads only its snapshot.
        found(jobs::find(c, snapshot.job_id).await?, RunError::JobDeleted)?;
        let location = found(
            locations::find(c, snapshot.location_id).await?,
            RunError::LocationMissing,
        )?;
        let client = found(
            clients::find(c, target.client_id).await?,
            RunError::ClientDeleted,
        )?;
        let connection: Connection = serde_json::from_value(client.connection.clone())?;
        Ok(RestoreContext {
            target: target.clone(),
            snapshot,
            location,
            client,
            connection,
            limits: self.limits(),
        })
    }
}
