//! Runs (executions of a job) and snapshots (what successful runs publish).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::common::RunResult;
use crate::policies::LevelName;
pub use crate::run_error::RunError;
use crate::text::{text_enum, TextEnum};

/// Where a run is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum RunState {
    Queued,
    WaitingForClient,
    PreJob,
    Running,
    PostJob,
    Aborting,
    Finished,
}

impl RunState {
    /// Every state, in the order a run goes through them.
    pub const ALL: [RunState; 7] = [
        RunState::Queued,
        RunState::WaitingForClient,
        RunState::PreJob,
        RunState::Running,
        RunState::PostJob,
        RunState::Aborting,
        RunState::Finished,
    ];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RunState::Queued => "queued",
            RunState::WaitingForClient => "waiting_for_client",
            RunState::PreJob => "pre_job",
            RunState::Running => "running",
            RunState::PostJob => "post_job",
            RunState::Aborting => "aborting",
            RunState::Finished => "finished",
        }
    }

    /// Parses the wire name.
    pub fn parse(s: &str) -> Option<RunState> {
        <RunState as TextEnum>::from_wire(s)
    }
}
text_enum!(RunState);

/// What a run does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum RunKind {
    #[default]
    Backup,
    Restore,
}

impl RunKind {
    /// Both kinds.
    pub const ALL: [RunKind; 2] = [RunKind::Backup, RunKind::Restore];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RunKind::Backup => "backup",
            RunKind::Restore => "restore",
        }
    }
}
text_enum!(RunKind);

/// What started a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum RunTrigger {
    /// The job's policy was due.
    Schedule,
    /// A user started it from the web app (cookie session).
    Manual,
    /// The job's trigger token.
    Token,
    /// An API client (bearer token).
    Api,
}

impl RunTrigger {
    /// Every trigger.
    pub const ALL: [RunTrigger; 4] = [
        RunTrigger::Schedule,
        RunTrigger::Manual,
        RunTrigger::Token,
        RunTrigger::Api,
    ];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            RunTrigger::Schedule => "schedule",
            RunTrigger::Manual => "manual",
            RunTrigger::Token => "token",
            RunTrigger::Api => "api",
        }
    }
}
text_enum!(RunTrigger);

/// Where a client batch (the client's pre and post scripts around its jobs) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
pub enum BatchState {
    /// The client's pre scripts run (or wait to).
    PreClient,
    /// The batch's jobs run.
    Running,
    /// The client's post scripts run.
    PostClient,
    /// Done (see its result).
    Finished,
}

impl BatchState {
    /// Every state, in order.
    pub const ALL: [BatchState; 4] = [
        BatchState::PreClient,
        BatchState::Running,
        BatchState::PostClient,
        BatchState::Finished,
    ];

    /// Wire and database name.
    pub const fn as_str(self) -> &'static str {
        match self {
            BatchState::PreClient => "pre_client",
            BatchState::Running => "running",
            BatchState::PostClient => "post_client",
            BatchState::Finished => "finished",
        }
    }
}
text_enum!(BatchState);

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
