//! Live updates: what the server pushes to the browser over server-sent events
//! (`GET /api/events`), and the queue and client-state views they carry.
//!
//! Every SSE message is one JSON `Event` in `data:`, tagged by `type`. Durable events
//! (run state changes, client states, snapshots, log records) carry an SSE `id:`; a
//! reconnecting client sends it back as `Last-Event-ID` and receives what it missed.
//! Progress events carry no id: only the latest one matters.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::runs::{Run, RunProgress};

/// A run as the queue and the Status page show it: the run with the names around it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub run: Run,
    pub job_name: String,
    pub client_id: i64,
    pub client_name: String,
    pub location_id: i64,
}

crate::text::text_enum! {
    /// What a client is doing, as in the original's client state machine.
    pub enum ClientStateName {
        /// Nothing queued or running.
        Idle => "idle",
        /// Jobs are queued; the client's batch has not started.
        Queued => "queued",
        /// The client's pre scripts are running (once for the batch).
        PreClient => "pre_client",
        /// The batch's jobs are running or waiting for a free slot.
        Running => "running",
        /// The client's post scripts are running (once, after the batch's last job).
        PostClient => "post_client",
        /// The last batch's client pre scripts failed.
        Error => "error",
    }
}

/// `GET /api/clients/{id}/state`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClientState {
    pub client_id: i64,
    pub client_name: String,
    pub state: ClientStateName,
    /// The current (or last) batch of this client's jobs.
    pub batch_id: Option<i64>,
    /// Stable code of the last batch's failure (`client_pre_script_failed`, …).
    pub error_code: Option<String>,
    /// Unfinished runs of the client.
    pub active_runs: i64,
    pub updated_at: DateTime<Utc>,
}

// Mildest first (the derived order compares severities).
crate::text::text_enum! {
    /// Severity of a log record.
    #[derive(PartialOrd, Ord, Default)]
    pub enum LogLevel {
        #[default]
        Info => "info",
        Warning => "warning",
        Error => "error",
    }
}

crate::text::text_enum! {
    /// The part of the server that wrote a log record.
    #[derive(Default)]
    pub enum LogSource {
        /// A user's request.
        Api => "api",
        /// The backup engine (runs, batches); the default, as most records are its.
        #[default]
        Engine => "run",
        /// The minute tick.
        Scheduler => "scheduler",
        /// The dispatcher (claims, recovery).
        Dispatcher => "dispatcher",
        /// Who did what, from where (logins, changes to the catalog and settings,
        /// restores, downloads, aborts).
        Audit => "audit",
        /// Delivery of e-mails and webhooks.
        Notification => "notification",
        /// The server itself (start, daily tasks such as retention).
        System => "system",
        /// Replication: catalog syncs of sources, accesses used or refused.
        Replication => "replication",
    }
}

// The server reads it straight from a row of `log_records` (diesel's `Queryable` is
// positional): the fields are that table's columns, in their order.
/// A structured log record (state changes of runs and batches, scheduler decisions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "diesel", derive(diesel::Queryable))]
pub struct LogRecord {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub level: LogLevel,
    pub source: LogSource,
    /// Stable code of what happened (`run_queued`, `run_finished`, `catch_up`, …).
    pub code: String,
    /// Technical detail (English, not shown untranslated to users).
    pub detail: String,
    pub user_id: Option<i64>,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
    /// The address a request came from (audit records).
    pub address: Option<String>,
    /// Structured detail: for audit records the object (`kind`, `id`, `name`) and the
    /// changed fields (`changes`: field → `[before, after]`, secrets redacted).
    pub data: Option<serde_json::Value>,
}

/// Live progress of one run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProgressEvent {
    pub run_id: i64,
    pub job_id: i64,
    pub client_id: i64,
    pub progress: RunProgress,
}

/// One server-sent event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// A run was queued, changed state or finished (the queue changed).
    Run { item: Box<QueueItem> },
    /// Progress of a running run (latest wins; at most four per second per run).
    Progress(ProgressEvent),
    /// A client's state changed.
    ClientState { state: ClientState },
    /// A snapshot was published.
    Snapshot { snapshot: crate::runs::Snapshot },
    /// A log record was written.
    Log { record: LogRecord },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_tagged_by_type() {
        let e = Event::Progress(ProgressEvent {
            run_id: 1,
            job_id: 2,
            client_id: 3,
            progress: RunProgress::default(),
        });
        let v = serde_json::to_value(&e).unwrap();
        assert_eq!(v["type"], "progress");
        assert_eq!(v["run_id"], 1);
        let back: Event = serde_json::from_value(v).unwrap();
        assert_eq!(back, e);
    }
}
