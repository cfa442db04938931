//! What a run tells the world: its log file, structured log records, state changes as
//! events; and the server identity its lease carries.

use std::path::PathBuf;

use chrono::Utc;
use shared::events::{LogLevel, LogRecord, LogSource};
use shared::runs::RunState;

use super::handle::{Engine, Stop};
use crate::db::{self, clients, runs, DbError, PgConn};

/// A structured log record to write (and publish): the row `db` inserts, so that what a
/// caller says is what is stored.
pub type Record<'a> = db::events::NewLogRecord<'a>;

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
    /// The directory of the runs' log files.
    pub fn run_logs_dir(&self) -> PathBuf {
        self.config.data_dir.join("logs").join("runs")
    }

    /// The log file of a run.
    pub fn log_path(&self, run_id: i64) -> PathBuf {
        self.run_logs_dir().join(format!("{run_id}.log"))
    }

    pub(super) fn log(&self, run_id: i64, line: &str) {
        let stamp = Utc::now().format("%Y-%m-%d %H:%M:%S");
        self.log_raw(run_id, &format!("[{stamp}] {line}"));
    }

    /// Appends `line` as it is (with its own time stamp) to the run's log.
    pub(super) fn log_raw(&self, run_id: i64, line: &str) {
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
            let _ = writeln!(f, "{line}");
        }
    }

    /// Writes a structured log record and publishes it, in one transaction. Failures are
    /// only traced.
    pub async fn record(&self, r: Record<'_>) {
        let stored = async {
            let mut c = db::conn(&self.pool).await?;
            db::transaction(&mut c, async |t| self.record_in(t, r).await).await
        };
        match stored.await {
            Ok(()) => self.events.committed(),
            Err(e) => tracing::warn!("log record not written: {e}"),
        }
    }

    /// Writes a structured log record and its event on `c`, in the caller's transaction
    /// (call `self.events.committed()` after the commit).
    pub async fn record_in(&self, c: &mut PgConn, r: Record<'_>) -> Result<(), DbError> {
        let (row, owner) = self.log_row(c, r).await?;
        self.events.store_log(c, owner, row).await
    }

    /// Writes a structured log record on `c`; returns it with the owner of its client
    /// (who may see its event).
    pub(super) async fn log_row(
        &self,
        c: &mut PgConn,
        r: Record<'_>,
    ) -> Result<(LogRecord, Option<i64>), DbError> {
        // Records about a job are linked to its client too (and so reach its owner).
        let client_id = match (r.client_id, r.job_id) {
            (None, Some(job)) => db::jobs::find(c, job).await?.map(|j| j.client_id),
            (c, _) => c,
        };
        let row = db::events::log(c, &Record { client_id, ..r }).await?;
        let owner = match client_id {
            Some(id) => clients::find(c, id).await?.and_then(|c| c.owner_id),
            None => None,
        };
        Ok((row, owner))
    }

    /// Writes what tells the world about a change of run `run_id` made on `c`, in the
    /// same transaction: the log record `r`, the run's new state as an event, and the
    /// record's event (events last, see [`crate::events::Bus::store`]). Call
    /// `self.events.committed()` after the commit.
    pub async fn run_changed_in(
        &self,
        c: &mut PgConn,
        run_id: i64,
        r: Record<'_>,
    ) -> Result<(), DbError> {
        let (row, owner) = self.log_row(c, r).await?;
        let log = crate::events::log_event(owner, row)?;
        self.events
            .store_run_steps(c, run_id, vec![(None, vec![log])])
            .await
    }

    /// Records the levels of a backup run (when given) and moves it through `states`, each
    /// with its log record and events, in one transaction and without looking up the client and its owner (the caller knows
    /// them): the round trips between a claim and rsync's start are the dispatcher's
    /// latency.
    pub(super) async fn set_states_known(
        &self,
        run: &runs::RunRow,
        (client_id, owner): (i64, Option<i64>),
        levels: Option<&[String]>,
        states: &[RunState],
    ) -> Result<(), Stop> {
        let details: Vec<String> = states
            .iter()
            .map(|s| format!("run {} of job {}: {s}", run.id, run.job_id))
            .collect();
        let records: Vec<Record> = details
            .iter()
            .map(|detail| Record {
                level: LogLevel::Info,
                source: LogSource::Engine,
                code: "run_state",
                detail,
                job_id: Some(run.job_id),
                client_id: Some(client_id),
                run_id: Some(run.id),
                ..Default::default()
            })
            .collect();
        let changed = async {
            let mut c = db::conn(&self.pool).await?;
            db::transaction(&mut c, async |t| {
                if let Some(levels) = levels {
                    runs::set_levels(t, run.id, levels).await?;
                }
                for state in states {
                    runs::set_state(t, run.id, *state).await?;
                }
                // Per state, the run's event in that state, then its record's event.
                let mut steps = Vec::with_capacity(records.len());
                let rows = db::events::log_many(t, &records).await?;
                for (state, row) in states.iter().zip(rows) {
                    let log = crate::events::log_event(owner, row)?;
                    steps.push((Some(*state), vec![log]));
                }
                self.events.store_run_steps(t, run.id, steps).await
            })
            .await
        };
        let changed: Result<(), DbError> = changed.await;
        changed.map_err(Stop::internal)?;
        self.events.committed();
        Ok(())
    }

    /// Moves a run to a new state and writes its log record and events, in one
    /// transaction: the state never changes without them.
    pub(super) async fn set_state(&self, run: &runs::RunRow, state: RunState) -> Result<(), Stop> {
        let detail = format!("run {} of job {}: {state}", run.id, run.job_id);
        let record = Record {
            level: LogLevel::Info,
            source: LogSource::Engine,
            code: "run_state",
            detail: &detail,
            job_id: Some(run.job_id),
            run_id: Some(run.id),
            ..Default::default()
        };
        let changed = async {
            let mut c = db::conn(&self.pool).await?;
            db::transaction(&mut c, async |t| {
                runs::set_state(t, run.id, state).await?;
                self.run_changed_in(t, run.id, record).await
            })
            .await
        };
        let changed: Result<(), DbError> = changed.await;
        changed.map_err(Stop::internal)?;
        self.events.committed();
        Ok(())
    }
}
