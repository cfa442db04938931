//! A replication run: copies the missing complete snapshots of one primary job onto this
//! replica, oldest first, each pulled through the primary's `rrsync -ro`, checked against
//! the primary's `snapshot.json` and published with the store code backups use.

use crate::db::runs::{RunOutcome, RunRow};
use crate::engine::runner::{Engine, Stop};
use shared::runs::RunError;

impl Engine {
    /// Runs a claimed replication run.
    pub(in crate::engine) async fn replicate(&self, run: &RunRow) -> Result<RunOutcome, Stop> {
        Err(Stop(
            RunError::Internal,
            format!("replication of job {} is not built yet", run.job_id),
        ))
    }
}
