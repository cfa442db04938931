//! One run, start to end: the run's bookkeeping (its batch, its outcome, its record)
//! around a backup (`engine::backup`) or a restore
//! (`engine::restore`). Every failure ends in a finished run with a clear error code;
//! nothing is left running.

use chrono::Utc;
use shared::common::RunResult;
use shared::events::{LogLevel, LogSource};
use shared::runs::{RunError, RunKind, RunState};

pub use super::handle::{found, Engine, LoadError, Stop};
use super::phases::Phase;
pub use super::record::{owner_is_dead_here, server_identity, Record};
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, runs};

impl Engine {
    /// Executes a claimed run to the end (the dispatcher moved it to `waiting_for_client`
    /// in its client's batch). Never panics; the outcome is in the database, the batch is
    /// closed when this was its last run, and the dispatcher is woken for the free slot.
    /// A failure of this bookkeeping itself is logged on the run and traced.
    pub async fn execute(&self, run_id: i64) {
        self.registry.begin(run_id);
        if let Err(e) = self.execute_inner(run_id).await {
            tracing::error!(run_id, "run failed internally: {e}");
            self.log(run_id, &format!("internal error: {e}"));
            if let Err(e) = self.finish_failed(run_id).await {
                tracing::error!(run_id, "recording the internal failure: {e}");
                self.log(
                    run_id,
                    &format!("internal error: recording the failure: {e}"),
                );
            }
        }
        self.registry.end(run_id);
        // The slot is free once the run is finished: the dispatcher need not wait for the
        // batch's post scripts below (it is woken again after them: a closed batch may
        // let its client's next runs go).
        self.wake.notify_one();
        match self.find_run(run_id).await {
            Ok(Some(run)) => {
                if let Some(b) = run.batch_id {
                    self.close_batches(Some(b), Some(run.id)).await;
                }
            }
            // Deleted with its job meanwhile: nothing is left to announce or close.
            Ok(None) => tracing::info!(run_id, "run gone before its batch was closed"),
            Err(e) => {
                tracing::error!(run_id, "reading the finished run: {e}");
                self.log(
                    run_id,
                    &format!("internal error: reading the finished run: {e}"),
                );
            }
        }
        self.wake.notify_one();
    }

    /// Finishes a run as `failed: internal` unless it is finished already.
    async fn finish_failed(&self, run_id: i64) -> anyhow::Result<()> {
        let mut c = db::conn(&self.pool).await?;
        if let Some(run) = runs::find(&mut c, run_id).await? {
            if run.state != RunState::Finished {
                drop(c);
                self.finish_run(&run, &failed(RunError::Internal)).await?;
                return Ok(());
            }
        }
        Ok(())
    }

    async fn find_run(&self, run_id: i64) -> anyhow::Result<Option<RunRow>> {
        let mut c = db::conn(&self.pool).await?;
        Ok(runs::find(&mut c, run_id).await?)
    }

    /// Finishes the run with `outcome`, its log record (linked to its job's client), its
    /// events and its notifications, in one transaction: a run never ends without them,
    /// and its notifications are queued exactly once. Delivery is the sender's, after the
    /// commit: a mail server never delays a run.
    async fn finish_run(&self, run: &RunRow, outcome: &RunOutcome) -> Result<(), db::DbError> {
        let code = outcome.error_code.map_or("", RunError::as_str);
        let level = match outcome.result {
            RunResult::Ok => LogLevel::Info,
            RunResult::Warning | RunResult::Aborted => LogLevel::Warning,
            RunResult::Failed => LogLevel::Error,
        };
        let detail = format!("run finished: {} {code}", outcome.result.as_str());
        let record = Record {
            level,
            source: LogSource::Engine,
            code: "run_finished",
            detail: &detail,
            job_id: Some(run.job_id),
            run_id: Some(run.id),
            ..Default::default()
        };
        let mut c = db::conn(&self.pool).await?;
        let queued = db::transaction(&mut c, async |t| {
            runs::finish(t, run, outcome).await?;
            let queued = crate::notify::outbox::queue_run(t, run, outcome, Utc::now()).await?;
            // Events last: their lock is held until the commit.
            self.run_changed_in(t, run.id, record).await?;
            Ok::<_, db::DbError>(queued)
        })
        .await?;
        drop(c);
        self.events.committed();
        if queued > 0 {
            self.outbox.notify_one();
        }
        Ok(())
    }

    async fn execute_inner(&self, run_id: i64) -> anyhow::Result<()> {
        let mut c = db::conn(&self.pool).await?;
        let (run, lang) = runs::find_with_language(&mut c, run_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("run {run_id} vanished"))?;
        drop(c);
        self.registry.set_lang(run_id, lang);
        self.log(
            run_id,
            &format!("run {run_id} of job {} started", run.job_id),
        );
        self.phase(run_id, Phase::Claim);
        let entered = self.enter_batch(&run).await;
        let outcome = match entered {
            Err(e) => Err(e),
            Ok(()) if run.kind == RunKind::Restore => self.restore(&run).await,
            Ok(()) if run.kind == RunKind::Replicate => self.replicate(&run).await,
            Ok(()) => self.backup(&run).await,
        };
        let outcome = match outcome {
            Ok(o) => o,
            Err(Stop(code, detail)) => {
                self.log(run_id, &format!("failed: {code}: {detail}"));
                failed(code)
            }
        };
        let outcome = if self.registry.aborted(run_id) && outcome.result != RunResult::Ok {
            RunOutcome {
                result: RunResult::Aborted,
                error_code: Some(RunError::Aborted),
                ..outcome
            }
        } else {
            outcome
        };
        self.log(
            run_id,
            &format!(
                "finished: {} {}",
                outcome.result,
                outcome.error_code.map_or("", RunError::as_str)
            ),
        );
        self.finish_run(&run, &outcome).await?;
        self.phase(run_id, Phase::Finish);
        Ok(())
    }

    /// Runs a chain of scripts of this run, abortable, output into the run's log.
    pub(super) async fn chain(
        &self,
        run_id: i64,
        phase: &str,
        scripts: &[(String, Vec<u8>)],
        env: &[(String, String)],
    ) -> Result<(), super::scripts::ScriptFailure> {
        let work = self
            .config
            .data_dir
            .join("run-scripts")
            .join(format!("{run_id}-{phase}"));
        let registry = self.registry.clone();
        super::scripts::run_chain(
            &work,
            scripts,
            env,
            self.config.script_timeout,
            &self.log_path(run_id),
            move |g| registry.set_group(run_id, g),
        )
        .await
    }
}

/// The outcome of a run that failed with `code` before it transferred anything.
pub fn failed(code: RunError) -> RunOutcome {
    RunOutcome {
        result: RunResult::Failed,
        error_code: Some(code),
        exit_code: None,
        files_total: None,
        files_transferred: None,
        total_bytes: None,
        transferred_bytes: None,
        literal_bytes: None,
    }
}
