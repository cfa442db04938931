//! Runs (executions of a job) and snapshots (what successful runs publish).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::RunResult;
use crate::policies::LevelName;
pub use crate::run_error::RunError;

// In the order a run goes through them (the web app ranks states by it).
crate::text::text_enum! {
    /// Where a run is in its life.
    pub enum RunState {
        Queued => "queued",
        WaitingForClient => "waiting_for_client",
        PreJob => "pre_job",
        Running => "running",
        PostJob => "post_job",
        Aborting => "aborting",
        Finished => "finished",
    }
}

crate::text::text_enum! {
    /// What a run does.
    #[derive(Default)]
    pub enum RunKind {
        #[default]
        Backup => "backup",
        Restore => "restore",
        /// Copies a primary job's missing snapshots onto this replica.
        Replicate => "replicate",
    }
}

crate::text::text_enum! {
    /// What started a run.
    pub enum RunTrigger {
        /// The job's policy was due.
        Schedule => "schedule",
        /// A user started it from the web app (cookie session).
        Manual => "manual",
        /// The job's trigger token.
        Token => "token",
        /// An API client (bearer token).
        Api => "api",
    }
}

// In the order a batch goes through them.
crate::text::text_enum! {
    /// Where a client batch (the client's pre and post scripts around its jobs) is.
    pub enum BatchState {
        /// The client's pre scripts run (or wait to).
        PreClient => "pre_client",
        /// The batch's jobs run.
        Running => "running",
        /// The client's post scripts run.
        PostClient => "post_client",
        /// Done (see its result).
        Finished => "finished",
    }
}

/// The source and destination of a restore run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RestoreTarget {
    pub snapshot_id: i64,
    /// The restored path, percent-encoded from the snapshot root (empty: all of it).
    pub path: String,
    /// The client written to.
    pub client_id: i64,
    /// The directory on the client that receives the restored entry.
    pub destination: String,
    /// Files in the destination that the snapshot lacks are deleted.
    pub delete: bool,
}

/// rsync's figures for a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunStats {
    pub files: i64,
    pub files_transferred: i64,
    pub total_bytes: i64,
    pub transferred_bytes: i64,
    pub literal_bytes: i64,
}

/// A run as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Run {
    pub id: i64,
    pub job_id: i64,
    /// A backup of the job, or a restore of one of its snapshots.
    pub kind: RunKind,
    /// What a restore run restores, and where.
    pub restore: Option<RestoreTarget>,
    pub trigger: RunTrigger,
    pub levels: Vec<LevelName>,
    pub state: RunState,
    pub result: Option<RunResult>,
    /// Stable code of what went wrong (`unreachable`, `host_key_unverified`, …), one of
    /// the engine's `RunError` codes (a string, so codes of other server versions survive).
    pub error_code: Option<String>,
    pub exit_code: Option<i32>,
    pub queued_at: DateTime<Utc>,
    pub started_at: Option<DateTime<Utc>>,
    pub finished_at: Option<DateTime<Utc>>,
    pub stats: Option<RunStats>,
    /// Live progress while running (the last figures once finished).
    pub progress: Option<RunProgress>,
    /// The client batch the run belongs to (client pre/post scripts run once per batch).
    pub batch_id: Option<i64>,
}

/// Live progress of a run, parsed from rsync's output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RunProgress {
    /// Bytes of the files processed so far (rsync's running total).
    pub bytes_done: i64,
    /// Files checked so far.
    pub files_done: i64,
    /// Files rsync will check in all (from `to-chk`); unknown until the file list is built.
    pub files_total: Option<i64>,
    /// The file being transferred.
    pub current_file: Option<String>,
    /// Bytes per second, averaged over the last seconds.
    pub rate_bytes_per_second: Option<i64>,
    /// Seconds left, estimated from the files still to check.
    pub eta_seconds: Option<i64>,
}

/// A snapshot as returned by the API.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Snapshot {
    pub id: i64,
    pub job_id: i64,
    pub run_id: Option<i64>,
    pub location_id: i64,
    /// Directory name, the UTC time it was taken (`2026-11-22T210000Z`).
    pub name: String,
    pub levels: Vec<LevelName>,
    pub taken_at: DateTime<Utc>,
    pub files: i64,
    pub bytes: i64,
    pub new_bytes: i64,
    /// The run ended with warnings (e.g. files vanished during the transfer).
    pub warnings: bool,
    /// Taken with the job's `use_local_permissions`: permissions were rewritten, so a
    /// restore will not give files their original permissions.
    pub rewritten_permissions: bool,
}
