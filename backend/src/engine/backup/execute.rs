//! Executing a backup plan: the host key, the in-progress directory, pre scripts, the
//! transfer, post scripts. Every failure is logged on the run and reflected in its
//! outcome, or returned as the run's stop.

use std::ffi::OsString;

use chrono::Utc;
use shared::common::RunResult;
use shared::runs::{RunError, RunState};
use shared::scripts::ScriptPhase;

use super::context::JobContext;
use super::plan::{BackupPlan, Script};
use crate::db;
use crate::db::runs::{RunOutcome, RunRow};
use crate::engine::phases::Phase;
use crate::engine::runner::{Engine, Stop};
use crate::engine::scripts::{job_env, Event, JobEnv, RemoteShell};

/// One backup under way: what the transfer step needs.
pub struct Backup<'a> {
    pub run: &'a RunRow,
    pub ctx: &'a JobContext,
    pub plan: &'a BackupPlan,
    /// rsync's argv, complete.
    pub argv: &'a [OsString],
}

/// When in the run a job script's environment is made.
struct Moment {
    event: Event,
    /// `STATUS`: rsync's exit code, -1 when it did not run, -2 when aborted.
    status: i64,
    run_size: i64,
    end: i64,
}

impl Engine {
    /// Runs a planned backup to its outcome.
    pub(in crate::engine) async fn execute_backup(
        &self,
        run: &RunRow,
        ctx: &JobContext,
        plan: &BackupPlan,
    ) -> Result<RunOutcome, Stop> {
        let argv = self.prepare_backup(run, ctx, plan).await?;
        let job_start = Utc::now().timestamp();
        // No connection is held across scripts and state changes (they take their own):
        // runs waiting for connections while holding one would starve the pool.
        let known = (ctx.client.id, ctx.client.owner_id);
        let levels = Some(plan.levels.as_slice());
        if plan.pre.is_empty() {
            if self.registry.aborted(run.id) {
                return Err(Stop(RunError::Aborted, String::new()));
            }
            // Nothing runs in between: both states (and the levels) in one transaction.
            let states = [RunState::PreJob, RunState::Running];
            self.set_states_known(run, known, levels, &states).await?;
            self.phase(run.id, Phase::Scripts);
        } else {
            self.set_states_known(run, known, levels, &[RunState::PreJob])
                .await?;
            self.pre_scripts(run, ctx, plan, job_start).await?;
            self.phase(run.id, Phase::Scripts);
            if self.registry.aborted(run.id) {
                return Err(Stop(RunError::Aborted, String::new()));
            }
            self.set_states_known(run, known, None, &[RunState::Running])
                .await?;
        }
        let b = Backup {
            run,
            ctx,
            plan,
            argv: &argv,
        };
        let mut outcome = self.transfer(&b).await?;
        self.post_scripts(run, ctx, plan, job_start, &mut outcome)
            .await;
        Ok(outcome)
    }

    /// The host key pinned, the levels recorded, the in-progress directory made, and
    /// rsync's argv with the newest snapshot to link to.
    async fn prepare_backup(
        &self,
        run: &RunRow,
        ctx: &JobContext,
        plan: &BackupPlan,
    ) -> Result<Vec<OsString>, Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        // The host key: pinned, or the run stops before any data moves.
        self.pin_host_key(&mut c, &ctx.client, &ctx.connection)
            .await?;
        self.phase(run.id, Phase::HostKey);
        let data_dir = plan
            .store
            .prepare(run.id)
            .map_err(|e| Stop(RunError::StorageError, e.to_string()))?;
        // The newest snapshot wherever it lies (a moved job's is in its old store).
        let mut dirs = crate::engine::places::LocationDirs::default();
        dirs.know(ctx.location.id, &ctx.location.directory);
        let link_dest = crate::engine::places::link_dest(&mut c, &mut dirs, ctx.job.id, &data_dir)
            .await
            .map_err(Stop::internal)?;
        plan.rsync.argv(&data_dir, link_dest.as_deref())
    }

    /// Pre scripts; their failure stops the run (post scripts then see STATUS -1, or -2
    /// when aborted, if the settings say they run).
    async fn pre_scripts(
        &self,
        run: &RunRow,
        ctx: &JobContext,
        plan: &BackupPlan,
        start: i64,
    ) -> Result<(), Stop> {
        if plan.pre.is_empty() {
            return Ok(());
        }
        let env = script_env(ctx, plan, start, Moment::before(Event::Pre, 0, 0));
        let Err(f) = self
            .chain(run.id, ScriptPhase::Pre.as_str(), &plan.pre, &env)
            .await
        else {
            return Ok(());
        };
        let code = if self.registry.aborted(run.id) {
            RunError::Aborted
        } else if f.timed_out {
            RunError::PreScriptTimeout
        } else {
            RunError::PreScriptFailed
        };
        self.log(
            run.id,
            &format!("pre script {} failed ({:?})", f.script, f.code),
        );
        if plan.post_after_pre_failure && !plan.post.is_empty() {
            let status = if code == RunError::Aborted { -2 } else { -1 };
            let end = Utc::now().timestamp();
            let env = script_env(ctx, plan, start, Moment::before(Event::Post, status, end));
            // The run has already failed; a post script's failure only adds to its log.
            self.post_chain(run.id, &plan.post, &env).await;
        }
        Err(Stop(code, f.script))
    }

    /// Post scripts after the transfer; their failure fails a run that succeeded.
    async fn post_scripts(
        &self,
        run: &RunRow,
        ctx: &JobContext,
        plan: &BackupPlan,
        start: i64,
        outcome: &mut RunOutcome,
    ) {
        if plan.post.is_empty() {
            return;
        }
        if let Err(Stop(code, detail)) = self.set_state(run, RunState::PostJob).await {
            // Only the state shown while they run is lost: the scripts still run.
            self.log(
                run.id,
                &format!("recording state post_job: {code}: {detail}"),
            );
        }
        let status = if outcome.result == RunResult::Aborted {
            -2
        } else {
            i64::from(outcome.exit_code.unwrap_or(-1))
        };
        let moment = Moment {
            event: Event::Post,
            status,
            run_size: outcome.transferred_bytes.unwrap_or(0),
            end: Utc::now().timestamp(),
        };
        let env = script_env(ctx, plan, start, moment);
        if let Some(timed_out) = self.post_chain(run.id, &plan.post, &env).await {
            if matches!(outcome.result, RunResult::Ok | RunResult::Warning) {
                outcome.result = RunResult::Failed;
                outcome.error_code = Some(if timed_out {
                    RunError::PostScriptTimeout
                } else {
                    RunError::PostScriptFailed
                });
            }
        }
    }

    /// Runs the post scripts and logs a failure; `Some(timed_out)` when one failed.
    async fn post_chain(
        &self,
        run_id: i64,
        post: &[Script],
        env: &[(String, String)],
    ) -> Option<bool> {
        let f = self
            .chain(run_id, ScriptPhase::Post.as_str(), post, env)
            .await
            .err()?;
        self.log(
            run_id,
            &format!("post script {} failed ({:?})", f.script, f.code),
        );
        Some(f.timed_out)
    }
}

impl Moment {
    /// A moment before rsync's figures exist.
    fn before(event: Event, status: i64, end: i64) -> Self {
        Moment {
            event,
            status,
            run_size: 0,
            end,
        }
    }
}

/// The environment of the job's scripts at a moment of the run.
fn script_env(ctx: &JobContext, plan: &BackupPlan, start: i64, m: Moment) -> Vec<(String, String)> {
    let r = &plan.rsync;
    let remote = RemoteShell::of(
        &r.connection,
        &r.key_path,
        &r.known_hosts,
        &r.ssh_options,
        r.timeout_secs,
    );
    let rsync_source = crate::engine::argv::source(&r.connection, &r.source_path);
    job_env(&JobEnv {
        event: m.event,
        job_id: ctx.job.id,
        job_name: &ctx.job.name,
        client_name: &ctx.client.name,
        connection: &ctx.connection,
        source_path: &ctx.job.source_path,
        store_root: &plan.store.root,
        status: m.status,
        owner_email: &ctx.owner_email,
        recipients: &plan.recipients,
        client_total_size: ctx.client_total,
        job_total_size: ctx.job.size_bytes,
        job_run_size: m.run_size,
        job_start: start,
        job_end: m.end,
        ssh_options: &plan.rsync.ssh_options,
        remote: &remote,
        rsync_source: &rsync_source,
    })
}
