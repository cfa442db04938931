//! Copying one primary snapshot: its staging prepared (resumed if a run was interrupted),
//! rsync through the primary's `rrsync -ro`, the exit classified (a snapshot the primary
//! pruned meanwhile is discarded, not an error), the figures checked against the
//! primary's `snapshot.json`, then published with the store code backups use.

use chrono::Utc;
use shared::events::{LogLevel, LogSource};
use shared::replication::CatalogSnapshot;
use shared::runs::RunError;

use super::context::ReplicaContext;
use super::plan::{link_dests, pull_argv, Here, Pull};
use crate::db::runs::RunRow;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, snapshots};
use crate::engine::classify::{classify, ssh_unreachable, Exit};
use crate::engine::hostkeys;
use crate::engine::runner::{Engine, Record, Stop};
use crate::engine::stats::{self, RsyncStats};
use crate::engine::store::{read_meta, ReplicatedFrom, SnapshotMeta};
use crate::replication::replica::primary_client::PrimaryClient;

/// How one snapshot's copy ended, when it did not stop the run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Copied {
    /// Copied and published, with the pull's figures.
    Done(RsyncStats),
    /// Found published already (a crash before its row was written): its row recorded.
    Adopted,
    /// The primary no longer lists it: the partial copy is discarded.
    Pruned,
}

impl Engine {
    /// Copies `snap` into the job's store; `here` are the job's local snapshots now.
    pub(super) async fn copy_snapshot(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        primary: &PrimaryClient,
        snap: &CatalogSnapshot,
        here: &[Here],
    ) -> Result<Copied, Stop> {
        let storage = |e: std::io::Error| Stop(RunError::StorageError, e.to_string());
        if self.adopt(ctx, snap).await? {
            return Ok(Copied::Adopted);
        }
        let (data, temp) = ctx
            .store
            .prepare_replica(&snap.name, run.id)
            .map_err(storage)?;
        let links = link_dests(here, snap.taken_at);
        let src = &ctx.source;
        let pull = Pull {
            ssh_user: &src.ssh_user,
            ssh_host: &src.ssh_host,
            ssh_port: src.port(),
            key_path: &ctx.key_path,
            known_hosts: &ctx.known_hosts,
            timeout_secs: self.config.timeout_secs,
            bwlimit_kib: src.bwlimit_kib,
            dest: &data,
            temp: &temp,
            link_dests: &links,
        };
        let argv = pull_argv(&pull, snap)
            .map_err(|e| Stop(RunError::InvalidConfiguration, e.to_string()))?;
        let marker = format!(
            "pulling snapshot {} of primary job {}",
            snap.name, ctx.primary_job_id
        );
        self.log(run.id, &marker);
        let shown: Vec<String> = argv
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect();
        self.log(run.id, &format!("rsync {}", shown.join(" ")));
        let (exit, output) = self
            .run_rsync(run, &ctx.client, &argv)
            .await
            .map_err(|e| Stop(RunError::RsyncNotStarted, e.to_string()))?;
        // Only this pull's output (the log holds the earlier ones too).
        let output = output
            .rsplit_once(&marker)
            .map_or(output.as_str(), |(_, o)| o);
        if self.registry.aborted(run.id) {
            return Err(Stop(RunError::Aborted, String::new()));
        }
        if exit != Exit::Code(0) {
            return self
                .failed_pull(run, ctx, primary, snap, exit, output)
                .await;
        }
        let st = stats::parse(output).unwrap_or_default();
        self.verify(run, ctx, snap, &st)?;
        self.publish_copy(run, ctx, snap, &st).await?;
        Ok(Copied::Done(st))
    }

    /// A snapshot published before a crash, before its row: recorded, not copied again.
    async fn adopt(&self, ctx: &ReplicaContext, snap: &CatalogSnapshot) -> Result<bool, Stop> {
        let dir = ctx.store.snapshots_dir().join(&snap.name);
        if !dir.exists() {
            return Ok(false);
        }
        match read_meta(&dir) {
            Some(meta) if meta.job_id == ctx.job.id && meta.replicated_from.is_some() => {
                let received = meta.replicated_from.map(|r| r.received_at);
                self.insert_row(ctx, snap, received.unwrap_or_else(Utc::now))
                    .await?;
                Ok(true)
            }
            // Not ours, or without valid metadata: never trusted; out of the way.
            _ => {
                ctx.store
                    .trash(&dir)
                    .map_err(|e| Stop(RunError::StorageError, e.to_string()))?;
                Ok(false)
            }
        }
    }

    /// rsync failed: a snapshot the primary no longer lists was pruned meanwhile (the
    /// copy is discarded, the run goes on); otherwise the run stops with the error, its
    /// staging kept for the next run to resume.
    async fn failed_pull(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        primary: &PrimaryClient,
        snap: &CatalogSnapshot,
        exit: Exit,
        output: &str,
    ) -> Result<Copied, Stop> {
        let listed = primary.snapshots(ctx.primary_job_id).await;
        if let Ok(list) = &listed {
            if !list.iter().any(|s| s.name == snap.name) {
                ctx.store
                    .discard_replica(&snap.name)
                    .map_err(|e| Stop(RunError::StorageError, e.to_string()))?;
                let detail = format!(
                    "snapshot {} was pruned on the primary before it could be copied",
                    snap.name
                );
                self.log(run.id, &detail);
                self.replica_record(
                    run,
                    LogLevel::Warning,
                    "snapshot_pruned_before_copy",
                    &detail,
                )
                .await;
                return Ok(Copied::Pruned);
            }
        }
        let code = if hostkeys::is_mismatch(output) {
            self.keep_pending_host_key(ctx).await;
            RunError::HostKeyMismatch
        } else if matches!(exit, Exit::Code(12) | Exit::Code(255)) && ssh_unreachable(output) {
            RunError::Unreachable
        } else {
            classify(exit, None)
                .error_code
                .unwrap_or(RunError::RsyncFailed)
        };
        Err(Stop(
            code,
            format!("snapshot {}: rsync {exit:?}", snap.name),
        ))
    }

    /// The primary's host key changed: the new one is kept pending for an admin to look at.
    async fn keep_pending_host_key(&self, ctx: &ReplicaContext) {
        let src = &ctx.source;
        let Some(key) = hostkeys::scan(&src.ssh_host, src.port(), self.config.timeout_secs).await
        else {
            return;
        };
        let kept = async {
            let mut c = db::conn(&self.pool).await?;
            crate::replication::replica::source::set_host_key_pending(&mut c, src.id, &key).await
        };
        if let Err(e) = kept.await {
            tracing::warn!(source = src.id, "keeping the new host key as pending: {e}");
        }
    }

    /// The pull's figures against the primary's `snapshot.json`: the same entries
    /// ("Number of files", the top directory included) and bytes ("Total file size"). A
    /// primary snapshot taken with warnings (files vanished or unreadable on its client)
    /// lists entries it does not hold, so its figures cannot be compared: only logged.
    fn verify(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        snap: &CatalogSnapshot,
        st: &RsyncStats,
    ) -> Result<(), Stop> {
        let (m, got) = (&snap.meta, (st.files, st.total_bytes));
        let line = format!(
            "snapshot {}: {} entries, {} bytes here; {} entries, {} bytes on the primary",
            snap.name, got.0, got.1, m.files, m.total_bytes
        );
        self.log(run.id, &line);
        if got == (m.files, m.total_bytes) || m.warnings {
            return Ok(());
        }
        // A copy that differs is never published (nor resumed: it is thrown away).
        if let Err(e) = ctx.store.discard_replica(&snap.name) {
            self.log(run.id, &format!("discarding the copy: {e}"));
        }
        Err(Stop(RunError::ReplicaMismatch, line))
    }

    /// Publishes the verified copy and records its row.
    async fn publish_copy(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        snap: &CatalogSnapshot,
        st: &RsyncStats,
    ) -> Result<(), Stop> {
        let m = &snap.meta;
        let received_at = Utc::now();
        let meta = SnapshotMeta {
            format: 1,
            run_id: run.id,
            job_id: ctx.job.id,
            // The primary's time: adoption after a crash takes taken_at from it.
            started_at: snap.taken_at,
            finished_at: m.finished_at,
            levels: snap.levels.clone(),
            rsync_version: m.rsync_version.clone(),
            exit_code: m.exit_code,
            warnings: m.warnings,
            files: m.files,
            files_transferred: st.files_transferred,
            total_bytes: m.total_bytes,
            transferred_bytes: m.transferred_bytes,
            literal_bytes: st.literal_bytes,
            rewritten_permissions: m.rewritten_permissions,
            replicated_from: Some(ReplicatedFrom {
                source: ctx.source.name.clone(),
                primary_job_id: ctx.primary_job_id,
                received_at,
            }),
            // The replica's copies of the primary's clients and jobs come back from its
            // catalog dump or from the primary, never as clients of its own.
            client: None,
            job: None,
        };
        let (store, name) = (ctx.store.clone(), snap.name.clone());
        tokio::task::spawn_blocking(move || store.publish_replica(&name, &meta))
            .await
            .map_err(Stop::internal)?
            .map_err(|e| {
                Stop(
                    RunError::StorageError,
                    format!("publishing {}: {e}", snap.name),
                )
            })?;
        self.insert_row(ctx, snap, received_at).await?;
        self.log(run.id, &format!("published snapshot {}", snap.name));
        Ok(())
    }

    async fn insert_row(
        &self,
        ctx: &ReplicaContext,
        snap: &CatalogSnapshot,
        received_at: chrono::DateTime<Utc>,
    ) -> Result<(), Stop> {
        let row = SnapshotRow {
            id: 0,
            job_id: ctx.job.id,
            // Unique per run, and a replication run publishes several: none.
            run_id: None,
            location_id: ctx.location.id,
            name: snap.name.clone(),
            levels: snap.levels.iter().cloned().map(Some).collect(),
            taken_at: snap.taken_at,
            files: i64::try_from(snap.meta.files).unwrap_or(i64::MAX),
            bytes: i64::try_from(snap.meta.total_bytes).unwrap_or(i64::MAX),
            new_bytes: i64::try_from(snap.meta.transferred_bytes).unwrap_or(i64::MAX),
            warnings: snap.meta.warnings,
            store_path: crate::engine::store::store_path(ctx.job.client_id, ctx.job.id),
            rewritten_permissions: snap.meta.rewritten_permissions,
            received_at: Some(received_at),
        };
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        snapshots::insert(&mut c, &row)
            .await
            .map_err(Stop::internal)?;
        crate::db::jobs::set_size(&mut c, ctx.job.id, row.bytes)
            .await
            .map_err(Stop::internal)
    }

    /// A structured log record about this run (source `replication`).
    pub(super) async fn replica_record(
        &self,
        run: &RunRow,
        level: LogLevel,
        code: &str,
        detail: &str,
    ) {
        self.record(Record {
            level,
            source: LogSource::Replication,
            code,
            detail,
            job_id: Some(run.job_id),
            run_id: Some(run.id),
            ..Default::default()
        })
        .await;
    }
}
