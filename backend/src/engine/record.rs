//! What a run tells the world: its log file, structured log records, state changes as
//! events; and the server identity its lease carries.

use std::path::PathBuf;

use chrono::Utc;
use shared::events::{LogLevel, LogSource};
use shared::runs::{RunError, RunState};

use super::runner::{Engine, Stop};
use crate::db::{self, clients, runs};

/// A structured log record to write (and publish).
#[derive(Debug, Clone, Copy, Default)]
pub struct Record<'a> {
    pub level: LogLevel,
    pub source: LogSource,
    pub code: &'a str,
    pub detail: &'a str,
    pub user_id: Option<i64>,
    pub client_id: Option<i64>,
    pub job_id: Option<i64>,
    pub run_id: Option<i64>,
}

/// A server identity for leases: unique per process, and naming the host and pid so that
/// a restarted server recognises runs its dead predecessor left behind.
pub fn server_identity() -> String {
    let host = nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut r = [0u8; 4];
    let _ = getrandom::fill(&mut r);
    format!("{host}:{}:{}", std::process::id(), hex::encode(r))
}

/// Whether `owner` names a process of this machine that no longer exists.
pub fn owner_is_dead_here(owner: &str) -> bool {
    let host = nix::unistd::gethostname()
        .map(|h| h.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut parts = owner.split(':');
    match (
        parts.next(),
        parts.next().and_then(|p| p.parse::<i32>().ok()),
    ) {
        (Some(h), Some(pid)) if h == host => {
            pid != std::process::id() as i32
                && !std::path::Path::new(&format!("/proc/{pid}")).exists()
        }
        _ => false,
    }
}

impl Engine {
    /// The log file of a run.
    pub fn log_path(&self, run_id: i64) -> PathBuf {
        self.data_dir
            .join("logs")
            .join("runs")
            .join(format!("{run_id}.log"))
    }

    pub(super) fn log(&self, run_id: i64, line: &str) {
        use std::io::Write;
        let path = self.log_path(run_id);
        if let Some(d) = path.parent() {
            let _ = std::fs::create_dir_all(d);
        }
        if let Ok(mut f) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
        {
            let _ = writeln!(f, "[{}] {line}", Utc::now().format("%Y-%m-%d %H:%M:%S"));
        }
    }

    /// Writes a structured log record and publishes it. Failures are only traced.
    pub async fn record(&self, r: Record<'_>) {
        let row = async {
            let mut c = db::conn(&self.pool).await?;
            // Records about a job are linked to its client too (and so reach its owner).
            let client_id = match (r.client_id, r.job_id) {
                (None, Some(job)) => db::jobs::find(&mut c, job).await?.map(|j| j.client_id),
                (c, _) => c,
            };
            let row = db::events::log(
                &mut c,
                &db::events::NewLogRecord {
                    level: r.level,
                    source: r.source,
                    code: r.code,
                    detail: r.detail,
                    user_id: r.user_id,
                    client_id,
                    job_id: r.job_id,
                    run_id: r.run_id,
                },
            )
            .await?;
            let owner = match client_id {
                Some(id) => clients::find(&mut c, id).await?.and_then(|c| c.owner_id),
                None => None,
            };
            anyhow::Ok((row, owner))
        };
        match row.await {
            Ok((row, owner)) => {
                self.events
                    .log(owner, shared::events::LogRecord::from(row))
                    .await
            }
            Err(e) => tracing::warn!("log record not written: {e}"),
        }
    }

    /// Moves a run to a new state, tells the subscribers and writes a log record.
    pub(super) async fn set_state(&self, run: &runs::RunRow, state: RunState) -> Result<(), Stop> {
        let mut c = db::conn(&self.pool)
            .await
            .map_err(|e| Stop(RunError::Internal, e.to_string()))?;
        runs::set_state(&mut c, run.id, state)
            .await
            .map_err(|e| Stop(RunError::Internal, e.to_string()))?;
        drop(c);
        self.events.run_changed(run.id).await;
        let detail = format!("run {} of job {}: {state}", run.id, run.job_id);
        self.record(Record {
            level: LogLevel::Info,
            source: LogSource::Engine,
            code: "run_state",
            detail: &detail,
            job_id: Some(run.job_id),
            run_id: Some(run.id),
            ..Default::default()
        })
        .await;
        Ok(())
    }
}
