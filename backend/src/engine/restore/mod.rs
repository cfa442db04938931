//! Restore runs and their dry runs: a snapshot's file or directory pushed onto a client
//! with rsync over that client's own key and pinned host key — never to an unverified
//! host — with progress like a backup's, and nothing written by a dry run. Like a backup:
//! load ([`context`]), plan without I/O ([`plan`]), execute (here).

pub mod context;
pub mod plan;
pub mod preview;

use std::ffi::OsString;

use shared::clients::Connection;
use shared::runs::{RestoreTarget, RunError, RunState};
use shared::snapshots::RestorePreview;

use super::classify::{classify, Exit};
use super::hostkeys;
use super::runner::{Engine, Stop};
use crate::db::clients::ClientRow;
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, clients, PgConn};
use crate::snapfs::open;
use plan::PlannedRestore;
use preview::preview;

impl Engine {
    /// Writes the client's pinned host key into its known_hosts file (the one rsync's ssh
    /// is given). Without one the run stops before any data moves (a key seen for the
    /// first time waits for acceptance). Backups pin it the same way.
    pub(super) async fn pin_host_key(
        &self,
        c: &mut PgConn,
        client: &ClientRow,
        connection: &Connection,
    ) -> Result<(), Stop> {
        let Connection::Ssh { host, port, .. } = connection else {
            return Ok(());
        };
        match (&client.host_key, &client.host_key_pending) {
            (Some(key), None) => {
                hostkeys::write_known_hosts(&self.config.data_dir, client.id, host, *port, key)
                    .map_err(Stop::internal)?;
                Ok(())
            }
            (_, Some(_)) => Err(Stop(
                RunError::HostKeyUnverified,
                "a host key awaits acceptance".into(),
            )),
            (None, None) => match hostkeys::scan(host, *port, self.config.timeout_secs).await {
                Some(key) => {
                    clients::set_host_keys(c, client.id, None, Some(&key))
                        .await
                        .map_err(Stop::internal)?;
                    Err(Stop(
                        RunError::HostKeyUnverified,
                        format!("new host key {}", hostkeys::fingerprint(&key)),
                    ))
                }
                None => Err(Stop(
                    RunError::Unreachable,
                    format!("no ssh answer from {host}:{port}"),
                )),
            },
        }
    }

    /// Loads, plans and checks a restore, and gives rsync's argv: the entry must exist in
    /// the snapshot (resolved beneath its root, no symlink on the way) and the target
    /// client's host key must be pinned.
    async fn prepare_restore(
        &self,
        target: &RestoreTarget,
        dry_run: bool,
    ) -> Result<(Vec<OsString>, ClientRow, bool), Stop> {
        let ctx = self.load_restore(target).await?;
        let planned = plan::plan(&ctx, dry_run)?;
        entry_exists(&planned, &target.path)?;
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        self.pin_host_key(&mut c, &ctx.client, &ctx.connection)
            .await?;
        drop(c);
        Ok((planned.argv()?, ctx.client, planned.confined))
    }

    /// What a restore would change on the client: rsync's dry run, synchronously, within
    /// a few timeouts. The error is the stable code of what went wrong.
    pub async fn restore_preview(&self, target: &RestoreTarget) -> Result<RestorePreview, Stop> {
        let (argv, _, confined) = self.prepare_restore(target, true).await?;
        let mut cmd = tokio::process::Command::new(&self.config.rsync);
        cmd.args(&argv)
            .env("LC_ALL", "C")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .process_group(0);
        let limit = std::time::Duration::from_secs(u64::from(self.config.timeout_secs.max(10)) * 4);
        let out = tokio::time::timeout(limit, cmd.output())
            .await
            .map_err(|_| Stop(RunError::PreviewTimeout, String::new()))?
            .map_err(|e| Stop(RunError::RsyncNotStarted, e.to_string()))?;
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let exit = Exit::Code(out.status.code().unwrap_or(-1));
        let verdict = classify(exit, Some(1));
        if verdict.result == shared::common::RunResult::Failed {
            let code = if hostkeys::is_mismatch(&stderr) {
                RunError::HostKeyMismatch
            } else if confined && key_refused(&stderr) {
                RunError::RestoreKeyMissing
            } else if super::classify::ssh_unreachable(&stderr) {
                RunError::Unreachable
            } else {
                verdict.error_code.unwrap_or(RunError::RsyncFailed)
            };
            tracing::warn!("restore preview failed ({code}): {}", stderr.trim());
            return Err(Stop(code, stderr.into_owned()));
        }
        Ok(preview(&target.destination, &stdout))
    }

    /// Executes a claimed restore run: rsync pushes the entry, progress is published like
    /// a backup's, and the exit is classified the same way.
    pub(super) async fn restore(&self, run: &RunRow) -> Result<RunOutcome, Stop> {
        let target: RestoreTarget = match run.restore.clone() {
            Some(v) => serde_json::from_value(v)
                .map_err(|e| Stop::internal(format!("undecodable restore target: {e}")))?,
            None => return Err(Stop::internal("restore run without its target")),
        };
        let (argv, client, confined) = self.prepare_restore(&target, false).await?;
        self.set_state(run, RunState::Running).await?;
        self.log(
            run.id,
            &format!(
                "restore to client {} into {}: rsync {}",
                client.id,
                target.destination,
                argv.iter()
                    .map(|a| a.to_string_lossy())
                    .collect::<Vec<_>>()
                    .join(" ")
            ),
        );
        let (exit, output) = self
            .run_rsync(run, &client, &argv)
            .await
            .map_err(|e| Stop(RunError::RsyncNotStarted, e.to_string()))?;
        let st = super::stats::parse(&output);
        let verdict = classify(exit, st.map(|s| s.files_transferred));
        let mut error_code = verdict.error_code;
        if exit != Exit::Code(0) && hostkeys::is_mismatch(&output) {
            error_code = Some(RunError::HostKeyMismatch);
        } else if exit != Exit::Code(0) && confined && key_refused(&output) {
            error_code = Some(RunError::RestoreKeyMissing);
        } else if matches!(exit, Exit::Code(12) | Exit::Code(255))
            && super::classify::ssh_unreachable(&output)
        {
            error_code = Some(RunError::Unreachable);
        }
        Ok(super::transfer::outcome(
            verdict.result,
            error_code,
            exit,
            st,
        ))
    }
}

/// Whether ssh's output says the client refused the key (for a restore over the restore
/// key: its line is not installed there).
fn key_refused(output: &str) -> bool {
    output.contains("Permission denied (publickey")
}

/// The planned entry exists in the snapshot, reached beneath its root without following
/// a symlink.
fn entry_exists(p: &PlannedRestore, shown: &str) -> Result<(), Stop> {
    let root =
        open::open_root(&p.data).map_err(|e| Stop(RunError::SnapshotMissing, e.to_string()))?;
    open::lstat(&root, &p.rel)
        .map_err(|_| Stop(RunError::RestoreSourceMissing, shown.to_owned()))?;
    Ok(())
}
