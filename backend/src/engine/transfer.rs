//! rsync for a run, backup or restore: the process in its own group (abortable), its
//! output into the run's log, its progress to subscribers and to the run's row, and its
//! exit with its statistics as the run's outcome.

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::Stdio;

use shared::common::RunResult;
use shared::runs::RunError;

use super::classify::Exit;
use super::phases::Phase;
use super::runner::Engine;
use super::stats;
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, clients};

impl Engine {
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
        let mut cmd = std::process::Command::new(&self.config.rsync);
        cmd.args(argv)
            .env("LC_ALL", "C")
            // An rsync daemon's login password, in the environment and never on the
            // command line (which every local user can read). Always set, even empty:
            // rsync must not fall back to one inherited from the server or ask a terminal.
            .env("RSYNC_PASSWORD", &client.daemon_password)
            // Its own process group: abort kills rsync and ssh together.
            .process_group(0);
        // Standard streams are set on the async command: the conversion does not keep them.
        let mut child = async_process::Command::from(cmd)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log.try_clone()?)
            .spawn()?;
        self.phase(run_id, Phase::RsyncStart);
        let pid = child.id() as i32;
        self.registry.set_group(run_id, Some(pid));
        // Also in the database: a server restarted after a crash stops what is left.
        let recorded = async {
            let mut c = db::conn(&self.pool).await?;
            crate::db::runs::set_pgid(&mut c, run_id, Some(pid)).await
        };
        if let Err(e) = recorded.await {
            self.log(run_id, &format!("recording rsync's process group: {e}"));
        }
        if let Some(stdout) = child.stdout.take() {
            self.follow_progress(run, client, stdout, log).await;
        }
        let status = child.status().await?;
        self.phase(run_id, Phase::RsyncEnd);
        self.registry.set_group(run_id, None);
        let exit = match (status.code(), status.signal()) {
            (Some(c), _) => Exit::Code(c),
            (None, Some(s)) => Exit::Signal(s),
            (None, None) => Exit::Code(-1),
        };
        // Without its output the exit is classified from the code alone: say so.
        let output = tail(&log_path, 256 * 1024).unwrap_or_else(|e| {
            self.log(run_id, &format!("reading rsync's output back: {e}"));
            String::new()
        });
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
        // The first failure to read rsync's output or to log it, told once at the end.
        let mut lost: Option<std::io::Error> = None;
        loop {
            let n = tokio::select! {
                r = stdout.read(&mut buf) => match r {
                    Ok(0) => break,
                    Err(e) => {
                        lost.get_or_insert(e);
                        break;
                    }
                    Ok(n) => n,
                },
                _ = ticker.tick() => 0,
            };
            let now = clock.elapsed();
            if n > 0 {
                for line in parser.feed(&buf[..n], now) {
                    if let Err(e) = log.write_all(&line) {
                        lost.get_or_insert(e);
                    }
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
            if let Err(e) = log.write_all(&rest).and_then(|()| log.write_all(b"\n")) {
                lost.get_or_insert(e);
            }
        }
        if let Some(e) = lost {
            tracing::warn!(run_id = run.id, "rsync's output not fully logged: {e}");
            self.log(run.id, &format!("rsync's output not fully logged: {e}"));
        }
        self.persist_progress(run.id, &parser.progress());
    }

    fn persist_progress(&self, run_id: i64, p: &shared::runs::RunProgress) {
        let Ok(value) = serde_json::to_value(p) else {
            return;
        };
        let pool = self.pool.clone();
        tokio::spawn(async move {
            let saved = async {
                let mut c = db::conn(&pool).await?;
                crate::db::queue::set_progress(&mut c, run_id, &value).await
            };
            // Progress is saved again two seconds later; a miss is only traced.
            if let Err(e) = saved.await {
                tracing::warn!(run_id, "saving progress: {e}");
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
fn tail(path: &Path, max: u64) -> std::io::Result<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path)?;
    let len = f.metadata()?.len();
    f.seek(SeekFrom::Start(len.saturating_sub(max)))?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// The first line of `rsync --version` of the program `rsync`, asked once per process and
/// program (a run used to start one more process at each publication for it).
pub(super) async fn rsync_version(rsync: &Path) -> String {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static KNOWN: Mutex<Option<HashMap<std::path::PathBuf, String>>> = Mutex::new(None);
    let lock = || KNOWN.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(v) = lock().as_ref().and_then(|m| m.get(rsync)) {
        return v.clone();
    }
    let v = ask_rsync_version(rsync).await;
    // A program that did not answer is asked again next time.
    if !v.is_empty() {
        lock()
            .get_or_insert_with(HashMap::new)
            .insert(rsync.to_owned(), v.clone());
    }
    v
}

async fn ask_rsync_version(rsync: &Path) -> String {
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
