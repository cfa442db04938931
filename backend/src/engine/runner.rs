//! One backup run, start to end: pre-flight, host key, rsync into the in-progress
//! directory, classification, publication, retention, and the run's record. Every failure
//! ends in a finished run with a clear error code; nothing is left running.

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;
use shared::clients::Connection;
use shared::common::RunResult;
use shared::events::{LogLevel, LogSource};
use shared::policies::{LevelName, Schedule};
use shared::runs::{RunError, RunKind, RunState};
use shared::scripts::ScriptPhase;

use super::argv::{rsync_argv, RsyncPlan};
pub use super::record::{owner_is_dead_here, server_identity, Record};
use super::registry::Registry;
use super::store::JobStore;
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, clients, jobs, locations, policies, runs, DbPool};

/// What the engine needs from the server.
#[derive(Clone)]
pub struct Engine {
    pub pool: DbPool,
    pub data_dir: PathBuf,
    pub registry: Arc<Registry>,
    /// rsync I/O and ssh connect timeout.
    pub timeout_secs: u32,
    /// The rsync program (tests substitute a fake one to produce every exit code).
    pub rsync: PathBuf,
    /// Refuse to start when the location has less free space or inodes than this share.
    pub min_free_percent: u64,
    /// Longest a pre or post script may run before its process group is killed.
    pub script_timeout: std::time::Duration,
    /// One disk-usage walk at a time, whatever the number of runs.
    pub usage_gate: Arc<tokio::sync::Semaphore>,
    /// Live updates.
    pub events: Arc<crate::events::Bus>,
    /// This server's identity in leases: `host:pid:random`.
    pub owner: Arc<str>,
    /// How long a lease lasts without renewal, in seconds.
    pub lease_secs: f64,
    /// Wakes the dispatcher (a run was queued or a slot freed).
    pub wake: Arc<tokio::sync::Notify>,
    /// The time zone of the policies' times.
    pub tz: chrono_tz::Tz,
    /// Catch up missed levels after downtime.
    pub catch_up: bool,
    /// Re-queue the runs of a server that died instead of failing them.
    pub requeue_interrupted: bool,
    /// Most runs executing in this process at once.
    pub local_slots: usize,
}

/// A failure before or around rsync, with its stable code.
pub struct Stop(pub RunError, pub String);

impl Engine {
    /// Executes a claimed run to the end (the dispatcher moved it to `waiting_for_client`
    /// in its client's batch). Never panics; the outcome is in the database, the batch is
    /// closed when this was its last run, and the dispatcher is woken for the free slot.
    pub async fn execute(&self, run_id: i64) {
        self.registry.begin(run_id);
        let outcome = self.execute_inner(run_id).await;
        if let Err(e) = &outcome {
            tracing::error!(run_id, "run failed internally: {e}");
            self.log(run_id, &format!("internal error: {e}"));
            if let Ok(mut c) = db::conn(&self.pool).await {
                if let Ok(Some(run)) = runs::find(&mut c, run_id).await {
                    if run.state != RunState::Finished {
                        let _ = runs::finish(&mut c, &run, &failed(RunError::Internal)).await;
                    }
                }
            }
        }
        self.registry.end(run_id);
        self.events.run_changed(run_id).await;
        let batch = match db::conn(&self.pool).await {
            Ok(mut c) => runs::find(&mut c, run_id).await.ok().flatten(),
            Err(_) => None,
        };
        if let Some(run) = batch {
            let code = run.error_code.map_or("", RunError::as_str);
            let level = match run.result {
                Some(RunResult::Ok) => LogLevel::Info,
                Some(RunResult::Warning | RunResult::Aborted) => LogLevel::Warning,
                Some(RunResult::Failed) | None => LogLevel::Error,
            };
            let detail = format!(
                "run finished: {} {code}",
                run.result.map_or("", RunResult::as_str)
            );
            self.record(Record {
                level,
                source: LogSource::Engine,
                code: "run_finished",
                detail: &detail,
                job_id: Some(run.job_id),
                run_id: Some(run.id),
                client_id: self.client_of(run.job_id).await.ok(),
                ..Default::default()
            })
            .await;
            if let Some(b) = run.batch_id {
                self.close_batches(Some(b), Some(run_id)).await;
            }
        }
        self.wake.notify_one();
    }

    async fn execute_inner(&self, run_id: i64) -> anyhow::Result<()> {
        let mut c = db::conn(&self.pool).await?;
        let run = runs::find(&mut c, run_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("run {run_id} vanished"))?;
        drop(c);
        self.log(
            run_id,
            &format!("run {run_id} of job {} started", run.job_id),
        );
        let entered = self.enter_batch(&run).await;
        let outcome = match entered {
            Err(e) => Err(e),
            Ok(()) if run.kind == RunKind::Restore => self.restore(&run).await,
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
        let mut c = db::conn(&self.pool).await?;
        runs::finish(&mut c, &run, &outcome).await?;
        Ok(())
    }

    async fn backup(&self, run: &RunRow) -> Result<RunOutcome, Stop> {
        let internal = |e: &dyn std::fmt::Display| Stop(RunError::Internal, e.to_string());
        let mut c = db::conn(&self.pool).await.map_err(|e| internal(&e))?;
        let job = jobs::find(&mut c, run.job_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::JobDeleted, String::new()))?;
        let client = clients::find(&mut c, job.client_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::JobDeleted, String::new()))?;
        let location = locations::find(&mut c, job.location_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::LocationMissing, String::new()))?;
        let policy = policies::find(&mut c, job.policy_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::PolicyMissing, String::new()))?;
        let schedule: Schedule =
            serde_json::from_value(policy.schedule.clone()).map_err(|e| internal(&e))?;
        let connection: Connection =
            serde_json::from_value(client.connection.clone()).map_err(|e| internal(&e))?;

        // Pre-flight: the storage must be there, writable, and not nearly full.
        let loc_dir = PathBuf::from(&location.directory);
        let status = super::usage::location_status(&loc_dir);
        if !location.active || !status.online || !status.writable {
            return Err(Stop(
                RunError::LocationUnavailable,
                location.directory.clone(),
            ));
        }
        let low = |free: Option<u64>, total: Option<u64>| match (free, total) {
            (Some(f), Some(t)) if t > 0 => f.saturating_mul(100) / t < self.min_free_percent,
            _ => false,
        };
        if low(status.free_bytes, status.total_bytes)
            || low(status.free_inodes, status.total_inodes)
        {
            return Err(Stop(RunError::LocationFull, location.directory.clone()));
        }

        // The host key: pinned, or the run stops before any data moves.
        let known_hosts = self
            .pinned_known_hosts(&mut c, &client, &connection)
            .await?;

        let levels: Vec<String> = run_levels(run, &schedule)
            .iter()
            .map(|l| l.as_str().to_owned())
            .collect();
        runs::set_levels(&mut c, run.id, &levels)
            .await
            .map_err(|e| internal(&e))?;
        let store = JobStore::new(&loc_dir, client.id, job.id);
        let data_dir = store
            .prepare(run.id)
            .map_err(|e| Stop(RunError::StorageError, e.to_string()))?;
        // The newest snapshot wherever it lies (a moved job's is in its old store).
        let link_dest = super::places::link_dest(&mut c, job.id, &data_dir)
            .await
            .map_err(|e| internal(&e))?;
        let include = job
            .include_patterns
            .clone()
            .map(db::paging::strings)
            .unwrap_or_else(|| db::paging::strings(policy.include_patterns.clone()));
        let exclude = job
            .exclude_patterns
            .clone()
            .map(db::paging::strings)
            .unwrap_or_else(|| db::paging::strings(policy.exclude_patterns.clone()));
        let rsync_options = db::paging::strings(client.rsync_options.clone());
        let ssh_options = db::paging::strings(client.ssh_options.clone());
        let key_path = crate::engine::keys::private_key_path(&self.data_dir, client.id);
        let plan = RsyncPlan {
            connection: &connection,
            source_path: &job.source_path,
            dest: &data_dir,
            link_dest: link_dest.as_deref(),
            include: &include,
            exclude: &exclude,
            rsync_options: &rsync_options,
            ssh_options: &ssh_options,
            key_path: &key_path,
            known_hosts: &known_hosts,
            use_local_permissions: job.use_local_permissions,
            fake_super: !nix::unistd::Uid::effective().is_root(),
            acls_xattrs: true,
            timeout_secs: self.timeout_secs,
        };
        let argv =
            rsync_argv(&plan).map_err(|e| Stop(RunError::InvalidConfiguration, e.to_string()))?;

        // Job pre scripts; their failure stops the run (post scripts then see STATUS -1).
        let attached = crate::db::scripts::of_jobs(&mut c, &[job.id])
            .await
            .map_err(|e| internal(&e))?;
        let mut pre = Vec::new();
        let mut post = Vec::new();
        for (_, script_id, name, phase) in attached {
            if let Some((_, content)) = crate::db::scripts::content(&mut c, script_id)
                .await
                .map_err(|e| internal(&e))?
            {
                match phase {
                    ScriptPhase::Pre => pre.push((name, content)),
                    ScriptPhase::Post => post.push((name, content)),
                }
            }
        }
        let settings = crate::db::settings::get(&mut c)
            .await
            .map_err(|e| internal(&e))?;
        let owner_email = match client.owner_id {
            Some(id) => crate::db::users::find(&mut c, id)
                .await
                .map_err(|e| internal(&e))?
                .and_then(|u| u.email)
                .unwrap_or_default(),
            None => String::new(),
        };
        let client_total: i64 = jobs::of_clients(&mut c, &[client.id])
            .await
            .map_err(|e| internal(&e))?
            .iter()
            .map(|j| j.size_bytes)
            .sum();
        let recipients = db::paging::strings(job.notify_emails.clone());
        let job_start = Utc::now().timestamp();
        let context = |event, status: i64, run_size: i64, end: i64| super::scripts::JobContext {
            event,
            job_id: job.id,
            job_name: &job.name,
            client_name: &client.name,
            connection: &connection,
            source_path: &job.source_path,
            store_root: &store.root,
            status,
            owner_email: &owner_email,
            recipients: &recipients,
            client_total_size: client_total,
            job_total_size: job.size_bytes,
            job_run_size: run_size,
            job_start,
            job_end: end,
            ssh_options: &ssh_options,
        };
        // No connection is held across scripts and state changes (they take their own):
        // runs waiting for connections while holding one would starve the pool.
        drop(c);
        self.set_state(run, RunState::PreJob).await?;
        if !pre.is_empty() {
            let env = super::scripts::job_env(&context(super::scripts::Event::Pre, 0, 0, 0));
            let chain = self
                .chain(
                    run.id,
                    ScriptPhase::Pre.as_str(),
                    &super::scripts::ordered(pre, super::scripts::Event::Pre),
                    &env,
                )
                .await;
            if let Err(f) = chain {
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
                if settings.post_scripts_after_pre_failure && !post.is_empty() {
                    let status = if code == RunError::Aborted { -2 } else { -1 };
                    let env = super::scripts::job_env(&context(
                        super::scripts::Event::Post,
                        status,
                        0,
                        Utc::now().timestamp(),
                    ));
                    let _ = self
                        .chain(
                            run.id,
                            ScriptPhase::Post.as_str(),
                            &super::scripts::ordered(post, super::scripts::Event::Post),
                            &env,
                        )
                        .await;
                }
                return Err(Stop(code, f.script));
            }
        }
        if self.registry.aborted(run.id) {
            return Err(Stop(RunError::Aborted, String::new()));
        }
        self.set_state(run, RunState::Running).await?;
        let mut outcome = self
            .transfer(
                run,
                &job,
                &client,
                &location,
                &schedule,
                &connection,
                &store,
                &argv,
                &levels,
            )
            .await?;
        if !post.is_empty() {
            let _ = self.set_state(run, RunState::PostJob).await;
            let status = if outcome.result == RunResult::Aborted {
                -2
            } else {
                i64::from(outcome.exit_code.unwrap_or(-1))
            };
            let env = super::scripts::job_env(&context(
                super::scripts::Event::Post,
                status,
                outcome.transferred_bytes.unwrap_or(0),
                Utc::now().timestamp(),
            ));
            if let Err(f) = self
                .chain(
                    run.id,
                    ScriptPhase::Post.as_str(),
                    &super::scripts::ordered(post, super::scripts::Event::Post),
                    &env,
                )
                .await
            {
                self.log(
                    run.id,
                    &format!("post script {} failed ({:?})", f.script, f.code),
                );
                if matches!(outcome.result, RunResult::Ok | RunResult::Warning) {
                    outcome.result = RunResult::Failed;
                    outcome.error_code = Some(if f.timed_out {
                        RunError::PostScriptTimeout
                    } else {
                        RunError::PostScriptFailed
                    });
                }
            }
        }
        Ok(outcome)
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
            .data_dir
            .join("run-scripts")
            .join(format!("{run_id}-{phase}"));
        let registry = self.registry.clone();
        super::scripts::run_chain(
            &work,
            scripts,
            env,
            self.script_timeout,
            &self.log_path(run_id),
            move |g| registry.set_group(run_id, g),
        )
        .await
    }
}

/// The levels a run serves: those it was queued with, else (a manual run) the policy's
/// smallest enabled level.
pub fn run_levels(run: &RunRow, schedule: &Schedule) -> Vec<LevelName> {
    let given: Vec<LevelName> = run
        .levels
        .iter()
        .flatten()
        .filter_map(|l| LevelName::parse(l))
        .collect();
    if !given.is_empty() {
        return given;
    }
    schedule
        .levels()
        .iter()
        .find(|(_, l)| l.enabled)
        .map(|(n, _)| vec![*n])
        .unwrap_or_default()
}

fn failed(code: RunError) -> RunOutcome {
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
