//! What the administrators' daily digest tells (its outbox payload): the day, the last
//! day's failed and warned backups, and the late jobs.

use serde::{Deserialize, Serialize};

use crate::db::digest::{DigestLate, DigestRun};

/// The digest's facts, gathered when it is queued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestFacts {
    /// The day (in the server's time zone) it reports on, `YYYY-MM-DD`.
    pub day: String,
    /// Backups that failed or were aborted in the last day, oldest first.
    pub failures: Vec<DigestRun>,
    /// Backups that ended with warnings in the last day, oldest first.
    pub warnings: Vec<DigestRun>,
    /// Jobs that are late now.
    pub late: Vec<DigestLate>,
}
