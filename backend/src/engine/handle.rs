//! The engine's handle (what it needs from the server, cheap to clone) and the failures
//! a run stops with. Below the runner and its records, which both build on it.

use std::path::PathBuf;
use std::sync::Arc;

use shared::runs::RunError;

use super::registry::Registry;
use crate::db::DbPool;

/// How the engine works: fixed at start from the server's configuration.
#[derive(Debug)]
pub struct EngineConfig {
    /// The server's data directory (keys, known hosts, run logs).
    pub data_dir: PathBuf,
    /// rsync I/O and ssh connect timeout.
    pub timeout_secs: u32,
    /// The rsync program (tests substitute a fake one to produce every exit code).
    pub rsync: PathBuf,
    /// Refuse to start when the location has less free space or inodes than this share.
    pub min_free_percent: u64,
    /// Longest a pre or post script may run before its process group is killed.
    pub script_timeout: std::time::Duration,
    /// How long a lease lasts without renewal, in seconds.
    pub lease_secs: f64,
    /// The time zone of the policies' times.
    pub tz: chrono_tz::Tz,
    /// Catch up missed levels after downtime.
    pub catch_up: bool,
    /// Re-queue the runs of a server that died instead of failing them.
    pub requeue_interrupted: bool,
    /// Most runs executing in this process at once.
    pub local_slots: usize,
}

/// What the engine needs from the server: its configuration and the handles runs share
/// (the database, the registry of running processes, the event bus, the dispatcher's
/// wake-up). Cheap to clone.
#[derive(Clone)]
pub struct Engine {
    pub pool: DbPool,
    /// The configuration.
    pub config: Arc<EngineConfig>,
    /// The runs executing in this process and their process groups.
    pub registry: Arc<Registry>,
    /// One disk-usage walk at a time, whatever the number of runs.
    pub usage_gate: Arc<tokio::sync::Semaphore>,
    /// Live updates.
    pub events: Arc<crate::events::Bus>,
    /// This server's identity in leases: `host:pid:random`.
    pub owner: Arc<str>,
    /// Wakes the dispatcher (a run was queued or a slot freed).
    pub wake: Arc<tokio::sync::Notify>,
    /// Wakes the notification sender (a commit queued notifications).
    pub outbox: Arc<tokio::sync::Notify>,
    /// Wakes every run waiting for its client's batch: a batch's pre scripts ended here.
    pub batch_opened: Arc<tokio::sync::Notify>,
}

/// A failure before or around rsync, with its stable code.
#[derive(Debug)]
pub struct Stop(pub RunError, pub String);

impl Stop {
    /// A failure of the server itself (database, decoding): `internal`, with its text.
    pub fn internal(e: impl std::fmt::Display) -> Stop {
        Stop(RunError::Internal, e.to_string())
    }
}

/// A failure while loading what a run needs: a row that is gone (with its own code), or
/// a database or decoding error (`internal`), which `?` converts: loaders map errors once.
pub enum LoadError {
    /// A row the run needs is gone: the run stops with this code.
    Gone(RunError),
    /// The database or a stored value failed: the run stops as `internal`.
    Internal(String),
}

impl<E: std::error::Error> From<E> for LoadError {
    fn from(e: E) -> Self {
        LoadError::Internal(e.to_string())
    }
}

impl From<LoadError> for Stop {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Gone(code) => Stop(code, String::new()),
            LoadError::Internal(detail) => Stop(RunError::Internal, detail),
        }
    }
}

/// The row, or the run stops with `code`.
pub fn found<T>(row: Option<T>, code: RunError) -> Result<T, LoadError> {
    row.ok_or(LoadError::Gone(code))
}
