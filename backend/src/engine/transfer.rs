//! The transfer step of a run: rsync into the in-progress directory, classification of
//! its exit, publication of the snapshot, and retention over the job's snapshots.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::Stdio;

use chrono::Utc;
use shared::clients::Connection;
use shared::common::RunResult;
use shared::policies::{LevelName, Schedule};
use shared::runs::RunError;

use super::classify::{classify, Exit, Verdict};
use super::retention::{doomed, Kept};
use super::runner::{Engine, Stop};
use super::store::{snapshot_name, JobStore, SnapshotMeta};
use super::{hostkeys, places, stats};
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::snapshots::NewSnapshot;
use crate::db::{self, clients, jobs, locations, snapshots};

impl Engine {
    /// rsync, classification, publication and retention.
    #[allow(clippy::too_many_arguments)]
    pub(super) async fn transfer(
        &self,
        run: &RunRow,
        job: &jobs::JobRow,
        client: &clients::ClientRow,
        location: &locations::LocationRow,
        schedule: &Schedule,
        connection: &Connection,
        store: &JobStore,
        argv: &[std::ffi::OsString],
        levels: &[String],
    ) -> Result<RunOutcome, Stop> {
        let internal = |e: &dyn std::fmt::Display| Stop(RunError::Internal, e.to_string());
        let started = Utc::now();
        self.log(
            run.id,
            &format!(
                "rsync {}",
                argv.iter()
                    .map(|a| a.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        let (exit, output) = self
            .run_rsync(run, client, argv)
            .await
            .map_err(|e| Stop(RunError::RsyncNotStarted, e.to_string()))?;
        let st = stats::parse(&output);
        let verdict: Verdict = classify(exit, st.map(|s| s.files_transferred));
        let mut error_code = verdict.error_code;
        if matches!(exit, Exit::Code(12) | Exit::Code(255))
            && super::classify::ssh_unreachable(&output)
        {
            error_code = Some(RunError::Unreachable);
        }
        // ssh's refusal reaches us as 255 or, when rsync notices first, as 12.
        if exit != Exit::Code(0) && hostkeys::is_mismatch(&output) {
            error_code = Some(RunError::HostKeyMismatch);
            if let Connection::Ssh { host, port, .. } = connection {
                if let Some(key) = hostkeys::scan(host, *port, self.timeout_secs).await {
                    if let Ok(mut c) = db::conn(&self.pool).await {
                        let _ = crate::db::clients::set_host_keys(
                            &mut c,
                            client.id,
                            client.host_key.as_deref(),
                            Some(&key),
                        )
                        .await;
                    }
                }
            }
        }
        let s = st.unwrap_or_default();
        let mut outcome = outcome(verdict.result, error_code, exit, st);
        if self.registry.aborted(run.id) {
            return Ok(RunOutcome {
                result: RunResult::Aborted,
                error_code: Some(RunError::Aborted),
                ..outcome
            });
        }
        if !matches!(verdict.result, RunResult::Ok | RunResult::Warning) {
            // Nothing is published; the in-progress directory stays for the next run to
            // resume into.
            return Ok(outcome);
        }
        let meta = SnapshotMeta {
            format: 1,
            run_id: run.id,
            job_id: job.id,
            started_at: started,
            finished_at: Utc::now(),
            levels: levels.to_vec(),
            rsync_version: rsync_version(&self.rsync).await,
            exit_code: outcome.exit_code.unwrap_or(-1),
            warnings: verdict.result == RunResult::Warning,
            files: s.files,
            files_transferred: s.files_transferred,
            total_bytes: s.total_bytes,
            transferred_bytes: s.transferred_bytes,
            literal_bytes: s.literal_bytes,
            rewritten_permissions: job.use_local_permissions,
        };
        let store2 = store.clone();
        let name = snapshot_name(started);
        let published =
            tokio::task::spawn_blocking(move || store2.publish(meta.run_id, &name, &meta))
                .await
                .map_err(|e| internal(&e))?;
        let name = match published {
            Ok(n) => n,
            Err(e) => {
                outcome.result = RunResult::Failed;
                outcome.error_code = Some(RunError::StorageError);
                self.log(run.id, &format!("publishing failed: {e}"));
                return Ok(outcome);
            }
        };
        let mut c = db::conn(&self.pool).await.map_err(|e| internal(&e))?;
        snapshots::insert(
            &mut c,
            &NewSnapshot {
                job_id: job.id,
                run_id: Some(run.id),
                location_id: location.id,
                name: name.clone(),
                levels: levels.iter().cloned().map(Some).collect(),
                taken_at: started,
                files: s.files as i64,
                bytes: s.total_bytes as i64,
                new_bytes: s.transferred_bytes as i64,
                warnings: verdict.result == RunResult::Warning,
                store_path: super::store::store_path(job.client_id, job.id),
                rewritten_permissions: job.use_local_permissions,
            },
        )
        .await
        .map_err(|e| internal(&e))?;
        self.log(run.id, &format!("published snapshot {name}"));
        // The size from rsync's figures now; the exact figure from a walk, later.
        jobs::set_size(&mut c, job.id, s.total_bytes as i64)
            .await
            .map_err(|e| internal(&e))?;
        // Every store of the job counts, the ones a move left behind included.
        let roots: Vec<std::path::PathBuf> = places::of_jobs(&mut c, std::slice::from_ref(job))
            .await
            .map_err(|e| internal(&e))?
            .into_iter()
            .map(|p| p.store.root)
            .collect();
        let (gate, pool, job_id) = (self.usage_gate.clone(), self.pool.clone(), job.id);
        tokio::spawn(async move {
            let Ok(_permit) = gate.acquire().await else {
                return;
            };
            let Ok(bytes) =
                tokio::task::spawn_blocking(move || super::usage::disk_usage_of(&roots)).await
            else {
                return;
            };
            if let Ok(mut c) = db::conn(&pool).await {
                let _ =
                    jobs::set_size(&mut c, job_id, i64::try_from(bytes).unwrap_or(i64::MAX)).await;
            }
        });
        self.apply_retention(&mut c, job, store, schedule)
            .await
            .map_err(|e| internal(&e))?;
        Ok(outcome)
    }

    /// Deletes what the policy no longer keeps: renamed into `.trash` of the store each
    /// snapshot lies in now, removed later. A store a moved job left behind is removed
    /// whole once its last snapshot is gone.
    async fn apply_retention(
        &self,
        c: &mut db::PgConn,
        job: &jobs::JobRow,
        current: &JobStore,
        schedule: &Schedule,
    ) -> anyhow::Result<()> {
        let rows = snapshots::of_job(c, job.id).await?;
        let kept: Vec<Kept> = rows
            .iter()
            .map(|r| Kept {
                id: r.id,
                taken_at: r.taken_at,
                levels: r
                    .levels
                    .iter()
                    .flatten()
                    .filter_map(|l| LevelName::parse(l))
                    .collect(),
            })
            .collect();
        let gone = doomed(&kept, schedule);
        let mut dirs = places::LocationDirs::default();
        let mut touched: Vec<JobStore> = vec![current.clone()];
        for r in rows.iter().filter(|r| gone.contains(&r.id)) {
            let Some(dir) = dirs.get(c, r.location_id).await? else {
                continue;
            };
            let store = JobStore::at(&dir, &r.store_path)
                .ok_or_else(|| anyhow::anyhow!("snapshot {}: bad store path", r.id))?;
            store.trash_snapshot(&r.name)?;
            if !touched.iter().any(|t| t.root == store.root) {
                touched.push(store);
            }
        }
        snapshots::delete(c, &gone).await?;
        tokio::task::spawn_blocking(move || {
            for (i, store) in touched.into_iter().enumerate() {
                // The current store (first) stays; an old one goes once it is spent.
                let done = if i == 0 {
                    store.empty_trash()
                } else {
                    store.remove_if_spent().map(|_| ())
                };
                if let Err(e) = done {
                    tracing::warn!("emptying {}: {e}", store.trash_dir().display());
                }
            }
        });
        Ok(())
    }

    pub(super) async fn run_rsync(
        &self,
        run: &RunRow,
        client: &clients::ClientRow,
        argv: &[std::ffi::OsString],
    ) -> std::io::Result<(Exit, String)> {
        let run_id = run.id;
        let log_path = self.log_path(run_id);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&log_path)?;
        let mut cmd = std::process::Command::new(&self.rsync);
        cmd.args(argv)
            .env("LC_ALL", "C")
            // Its own process group: abort kills rsync and ssh together.
            .process_group(0);
        // Standard streams are set on the async command: the conversion does not keep them.
        let mut child = async_process::Command::from(cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log.try_clone()?)
            .spawn()?;
        let pid = child.id() as i32;
        self.registry.set_group(run_id, Some(pid));
        // Also in the database: a server restarted after a crash stops what is left.
        if let Ok(mut c) = db::conn(&self.pool).await {
            let _ = crate::db::runs::set_pgid(&mut c, run_id, Some(pid)).await;
        }
        if let Some(stdout) = child.stdout.take() {
            self.follow_progress(run, client, stdout, log).await;
        }
        let status = child.status().await?;
        self.registry.set_group(run_id, None);
        let exit = match (status.code(), status.signal()) {
            (Some(c), _) => Exit::Code(c),
            (None, Some(s)) => Exit::Signal(s),
            (None, None) => Exit::Code(-1),
        };
        let output = tail(&log_path, 256 * 1024);
        Ok((exit, output))
    }

    /// Reads rsync's stdout to its end: log lines (without progress redraws) into the run's
    /// log, progress to the subscribers (at most four per second) and to the run's row
    /// (every two seconds, off the reading path so a slow database never stalls rsync).
    async fn follow_progress(
        &self,
        run: &RunRow,
        client: &clients::ClientRow,
        mut stdout: async_process::ChildStdout,
        mut log: std::fs::File,
    ) {
        use super::progress::{should_publish, ProgressParser, PERSIST_INTERVAL, PUBLISH_INTERVAL};
        use futures_util::AsyncReadExt;
        use std::io::Write;
        let clock = std::time::Instant::now();
        let mut parser = ProgressParser::new();
        let mut buf = vec![0u8; 64 * 1024];
        let (mut published, mut persisted) = (None, None);
        let mut ticker = tokio::time::interval(PUBLISH_INTERVAL);
        loop {
            let n = tokio::select! {
                r = stdout.read(&mut buf) => match r {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                },
                _ = ticker.tick() => 0,
            };
            let now = clock.elapsed();
            if n > 0 {
                for line in parser.feed(&buf[..n], now) {
                    let _ = log.write_all(&line);
                }
            } else {
                parser.tick(now);
            }
            if should_publish(published, now, PUBLISH_INTERVAL) && parser.take_changed() {
                published = Some(now);
                let progress = parser.progress();
                self.events.progress(
                    client.owner_id,
                    shared::events::ProgressEvent {
                        run_id: run.id,
                        job_id: run.job_id,
                        client_id: client.id,
                        progress: progress.clone(),
                    },
                );
                if should_publish(persisted, now, PERSIST_INTERVAL) {
                    persisted = Some(now);
                    self.persist_progress(run.id, &progress);
                }
            }
        }
        if let Some(rest) = parser.finish() {
            let _ = log.write_all(&rest);
            let _ = log.write_all(b"\n");
        }
        self.persist_progress(run.id, &parser.progress());
    }

    fn persist_progress(&self, run_id: i64, p: &shared::runs::RunProgress) {
        let Ok(value) = serde_json::to_value(p) else {
            return;
        };
        let pool = self.pool.clone();
        tokio::spawn(async move {
            if let Ok(mut c) = db::conn(&pool).await {
                let _ = crate::db::queue::set_progress(&mut c, run_id, &value).await;
            }
        });
    }
}

/// A run's outcome from rsync's exit and statistics (a signal counts as 128 + signal).
pub(super) fn outcome(
    result: RunResult,
    error_code: Option<RunError>,
    exit: Exit,
    st: Option<stats::RsyncStats>,
) -> RunOutcome {
    RunOutcome {
        result,
        error_code,
        exit_code: Some(match exit {
            Exit::Code(n) => n,
            Exit::Signal(s) => 128 + s,
        }),
        files_total: st.map(|s| s.files as i64),
        files_transferred: st.map(|s| s.files_transferred as i64),
        total_bytes: st.map(|s| s.total_bytes as i64),
        transferred_bytes: st.map(|s| s.transferred_bytes as i64),
        literal_bytes: st.map(|s| s.literal_bytes as i64),
    }
}

/// The last `max` bytes of a file, as text.
fn tail(path: &Path, max: u64) -> String {
    use std::io::{Read, Seek, SeekFrom};
    let Ok(mut f) = std::fs::File::open(path) else {
        return String::new();
    };
    let len = f.metadata().map(|m| m.len()).unwrap_or(0);
    let _ = f.seek(SeekFrom::Start(len.saturating_sub(max)));
    let mut buf = Vec::new();
    let _ = f.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

async fn rsync_version(rsync: &Path) -> String {
    match async_process::Command::new(rsync)
        .arg("--version")
        .output()
        .await
    {
        Ok(o) => String::from_utf8_lossy(&o.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
        Err(_) => String::new(),
    }
}
