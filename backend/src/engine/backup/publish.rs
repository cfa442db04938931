//! After a successful transfer: the snapshot published in the store and recorded, the
//! job's size updated (rsync's figure now, a disk-usage walk later), and retention
//! applied over every store of the job.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use shared::common::RunResult;
use shared::policies::Schedule;
use shared::runs::RunError;

use super::execute::Backup;
use crate::db::jobs::JobRow;
use crate::db::runs::RunOutcome;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, jobs, snapshots};
use crate::engine::phases::Phase;
use crate::engine::places;
use crate::engine::retention::{doomed, Kept};
use crate::engine::runner::{Engine, Stop};
use crate::engine::stats::RsyncStats;
use crate::engine::store::{about, snapshot_name, JobStore, SnapshotMeta};

impl Engine {
    /// Publishes the in-progress directory as a snapshot and records it; a store that
    /// refuses fails the run with `storage_error`.
    pub(in crate::engine) async fn publish(
        &self,
        b: &Backup<'_>,
        started: DateTime<Utc>,
        warnings: bool,
        s: RsyncStats,
        mut outcome: RunOutcome,
    ) -> Result<RunOutcome, Stop> {
        let job = &b.ctx.job;
        let owner = b.ctx.owner_name.clone();
        let meta = SnapshotMeta {
            format: 1,
            run_id: b.run.id,
            job_id: job.id,
            started_at: started,
            finished_at: Utc::now(),
            levels: b.plan.levels.clone(),
            rsync_version: crate::engine::transfer::rsync_version(&self.config.rsync).await,
            exit_code: outcome.exit_code.unwrap_or(-1),
            warnings,
            files: s.files,
            files_transferred: s.files_transferred,
            total_bytes: s.total_bytes,
            transferred_bytes: s.transferred_bytes,
            literal_bytes: s.literal_bytes,
            rewritten_permissions: job.use_local_permissions,
            replicated_from: None,
            // Enough to make the client and the job again when no catalog dump survives.
            client: Some(about::client_about(&b.ctx.client, owner)),
            job: Some(about::job_about(job, &b.ctx.policy)),
        };
        let store = b.plan.store.clone();
        let name = snapshot_name(started);
        let published =
            tokio::task::spawn_blocking(move || store.publish(meta.run_id, &name, &meta))
                .await
                .map_err(Stop::internal)?;
        match published {
            Ok(name) => {
                self.record_snapshot(b, &name, started, warnings, &s)
                    .await?;
                Ok(outcome)
            }
            Err(e) => {
                outcome.result = RunResult::Failed;
                outcome.error_code = Some(RunError::StorageError);
                self.log(b.run.id, &format!("publishing failed: {e}"));
                Ok(outcome)
            }
        }
    }

    /// The snapshot's row, the job's size, and retention.
    async fn record_snapshot(
        &self,
        b: &Backup<'_>,
        name: &str,
        started: DateTime<Utc>,
        warnings: bool,
        s: &RsyncStats,
    ) -> Result<(), Stop> {
        let job = &b.ctx.job;
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        let row = SnapshotRow {
            id: 0,
            job_id: job.id,
            run_id: Some(b.run.id),
            location_id: b.ctx.location.id,
            name: name.to_owned(),
            levels: b.plan.levels.iter().cloned().map(Some).collect(),
            taken_at: started,
            files: s.files as i64,
            bytes: s.total_bytes as i64,
            new_bytes: s.transferred_bytes as i64,
            warnings,
            store_path: crate::engine::store::store_path(job.client_id, job.id),
            rewritten_permissions: job.use_local_permissions,
            received_at: None,
        };
        snapshots::insert(&mut c, &row)
            .await
            .map_err(Stop::internal)?;
        self.log(b.run.id, &format!("published snapshot {name}"));
        self.phase(b.run.id, Phase::Publish);
        // The size from rsync's figures now; the exact figure from a walk, later.
        jobs::set_size(&mut c, job.id, s.total_bytes as i64)
            .await
            .map_err(Stop::internal)?;
        // Every store of the job counts, the ones a move left behind included.
        let roots: Vec<PathBuf> = places::of_jobs(&mut c, std::slice::from_ref(job))
            .await
            .map_err(Stop::internal)?
            .into_iter()
            .map(|p| p.store.root)
            .collect();
        self.walk_usage(job.id, roots);
        self.apply_retention(&mut c, job, &b.plan.store, &b.plan.schedule)
            .await
            .map_err(Stop::internal)?;
        self.phase(b.run.id, Phase::Retention);
        Ok(())
    }

    /// Measures the job's stores in the background, one walk at a time, and records the
    /// figure (the run is over by then: a failure is traced).
    fn walk_usage(&self, job_id: i64, roots: Vec<PathBuf>) {
        let (gate, pool) = (self.usage_gate.clone(), self.pool.clone());
        tokio::spawn(async move {
            // The gate is never closed; without a permit there is nothing to do.
            let Ok(_permit) = gate.acquire().await else {
                return;
            };
            let walked =
                tokio::task::spawn_blocking(move || crate::engine::usage::disk_usage_of(&roots))
                    .await;
            let saved = async {
                let bytes = walked?;
                let mut c = db::conn(&pool).await?;
                jobs::set_size(&mut c, job_id, i64::try_from(bytes).unwrap_or(i64::MAX)).await?;
                anyhow::Ok(())
            };
            if let Err(e) = saved.await {
                tracing::warn!(job_id, "recording the job's disk usage: {e}");
            }
        });
    }

    /// Deletes what the policy no longer keeps: renamed into `.trash` of the store each
    /// snapshot lies in now, removed later. A store a moved job left behind is removed
    /// whole once its last snapshot is gone.
    async fn apply_retention(
        &self,
        c: &mut db::PgConn,
        job: &JobRow,
        current: &JobStore,
        schedule: &Schedule,
    ) -> anyhow::Result<()> {
        let rows = snapshots::of_job(c, job.id).await?;
        let kept: Vec<Kept> = rows
            .iter()
            .map(|r| Kept {
                id: r.id,
                taken_at: r.taken_at,
                levels: db::level_names(&r.levels),
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
        tokio::task::spawn_blocking(move || empty_trash(touched));
        Ok(())
    }
}

/// Empties the trash of the current store (first) and removes old stores once spent.
fn empty_trash(touched: Vec<JobStore>) {
    for (i, store) in touched.into_iter().enumerate() {
        let done = if i == 0 {
            store.empty_trash()
        } else {
            store.remove_if_spent().map(|_| ())
        };
        if let Err(e) = done {
            tracing::warn!("emptying {}: {e}", store.trash_dir().display());
        }
    }
}
