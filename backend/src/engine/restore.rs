//! Restore runs and their dry runs: a snapshot's file or directory pushed onto a client
//! with rsync over that client's own key and pinned host key — never to an unverified
//! host — with progress like a backup's, and nothing written by a dry run.

use std::ffi::OsString;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use shared::clients::Connection;
use shared::runs::{RestoreTarget, RunError, RunState};
use shared::snapshots::RestorePreview;

use super::classify::{classify, Exit};
use super::hostkeys;
use super::restore_plan::{preview, restore_argv, RestorePlan};
use super::runner::{Engine, Stop};
use super::store::recorded_data;
use crate::db::clients::ClientRow;
use crate::db::runs::{RunOutcome, RunRow};
use crate::db::{self, clients, jobs, locations, snapshots, PgConn};
use crate::snapfs::{open, path::RelPath};

fn internal(e: &dyn std::fmt::Display) -> Stop {
    Stop(RunError::Internal, e.to_string())
}

impl Engine {
    /// The known_hosts file holding the client's pinned host key. Without one the run
    /// stops before any data moves (a key seen for the first time waits for acceptance).
    pub(super) async fn pinned_known_hosts(
        &self,
        c: &mut PgConn,
        client: &ClientRow,
        connection: &Connection,
    ) -> Result<PathBuf, Stop> {
        let known_hosts = hostkeys::known_hosts_path(&self.data_dir, client.id);
        let Connection::Ssh { host, port, .. } = connection else {
            return Ok(known_hosts);
        };
        match (&client.host_key, &client.host_key_pending) {
            (Some(key), None) => {
                hostkeys::write_known_hosts(&self.data_dir, client.id, host, *port, key)
                    .map_err(|e| internal(&e))?;
                Ok(known_hosts)
            }
            (_, Some(_)) => Err(Stop(
                RunError::HostKeyUnverified,
                "a host key awaits acceptance".into(),
            )),
            (None, None) => match hostkeys::scan(host, *port, self.timeout_secs).await {
                Some(key) => {
                    clients::set_host_keys(c, client.id, None, Some(&key))
                        .await
                        .map_err(|e| internal(&e))?;
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

    /// Loads and checks what a restore needs and builds its argv: the snapshot and the
    /// entry in it (resolved beneath its root, no symlink on the way), the target client
    /// and its pinned host key.
    async fn plan_restore(
        &self,
        target: &RestoreTarget,
        dry_run: bool,
    ) -> Result<(Vec<OsString>, ClientRow), Stop> {
        let mut c = db::conn(&self.pool).await.map_err(|e| internal(&e))?;
        let snap = snapshots::find(&mut c, target.snapshot_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::SnapshotMissing, String::new()))?;
        jobs::find(&mut c, snap.job_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::JobDeleted, String::new()))?;
        let location = locations::find(&mut c, snap.location_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::LocationMissing, String::new()))?;
        let client = clients::find(&mut c, target.client_id)
            .await
            .map_err(|e| internal(&e))?
            .ok_or(Stop(RunError::ClientDeleted, String::new()))?;
        let connection: Connection =
            serde_json::from_value(client.connection.clone()).map_err(|e| internal(&e))?;
        // The snapshot's own place: its job may have moved to another client or location.
        let data = recorded_data(
            std::path::Path::new(&location.directory),
            &snap.store_path,
            &snap.name,
        )
        .ok_or_else(|| Stop(RunError::SnapshotMissing, snap.store_path.clone()))?;
        let rel = RelPath::decode(&target.path)
            .map_err(|_| Stop(RunError::InvalidPath, target.path.clone()))?;
        let root =
            open::open_root(&data).map_err(|e| Stop(RunError::SnapshotMissing, e.to_string()))?;
        open::lstat(&root, &rel)
            .map_err(|_| Stop(RunError::RestoreSourceMissing, target.path.clone()))?;
        let known_hosts = self
            .pinned_known_hosts(&mut c, &client, &connection)
            .await?;
        drop(c);
        let source = data.join(std::ffi::OsStr::from_bytes(&rel.to_bytes()));
        let ssh_options = db::paging::strings(client.ssh_options.clone());
        let key_path = crate::engine::keys::private_key_path(&self.data_dir, client.id);
        let argv = restore_argv(&RestorePlan {
            connection: &connection,
            source: &source,
            whole_snapshot: rel.is_root(),
            destination: &target.destination,
            delete: target.delete,
            dry_run,
            ssh_options: &ssh_options,
            key_path: &key_path,
            known_hosts: &known_hosts,
            fake_super: !nix::unistd::Uid::effective().is_root(),
            timeout_secs: self.timeout_secs,
        })
        .map_err(|e| Stop(RunError::RestoreUnsupported, e.to_string()))?;
        Ok((argv, client))
    }

    /// What a restore would change on the client: rsync's dry run, synchronously, within
    /// a few timeouts. The error is the stable code of what went wrong.
    pub async fn restore_preview(&self, target: &RestoreTarget) -> Result<RestorePreview, Stop> {
        let (argv, _) = self.plan_restore(target, true).await?;
        let mut cmd = tokio::process::Command::new(&self.rsync);
        cmd.args(&argv)
            .env("LC_ALL", "C")
            .stdin(std::process::Stdio::null())
            .kill_on_drop(true)
            .process_group(0);
        let limit = std::time::Duration::from_secs(u64::from(self.timeout_secs.max(10)) * 4);
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
            Some(v) => serde_json::from_value(v).map_err(|e| {
                Stop(
                    RunError::Internal,
                    format!("undecodable restore target: {e}"),
                )
            })?,
            None => {
                return Err(Stop(
                    RunError::Internal,
                    "restore run without its target".into(),
                ))
            }
        };
        let (argv, client) = self.plan_restore(&target, false).await?;
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
