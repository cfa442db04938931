//! After a replication run's copies: local snapshots the primary no longer lists are
//! marked vanished (and unmarked when listed again), the job's lag is recorded, and the
//! replica's own retention is applied (trash, then emptied in the background).

use std::os::unix::fs::MetadataExt;

use chrono::Utc;
use shared::replication::{CatalogSnapshot, ReplicaRetention};

use super::context::ReplicaContext;
use super::plan::{behind_since, still_pending, Here};
use super::retention::{doomed_copies, Copy, Rules};
use crate::db::runs::RunRow;
use crate::db::{self, jobs, snapshots};
use crate::engine::places::LocationDirs;
use crate::engine::runner::{Engine, Stop};
use crate::engine::store::JobStore;

impl Engine {
    /// The job's local snapshots with their data on the store's filesystem (what
    /// `--link-dest` can use).
    pub(super) async fn here(&self, ctx: &ReplicaContext) -> Result<Vec<Here>, Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        let rows = snapshots::of_job(&mut c, ctx.job.id)
            .await
            .map_err(Stop::internal)?;
        let dev = std::fs::metadata(&ctx.store.root).map(|m| m.dev()).ok();
        let mut dirs = LocationDirs::default();
        let mut out = Vec::new();
        for r in rows {
            let data = dirs.data_of(&mut c, &r).await.map_err(Stop::internal)?;
            let data = data
                .filter(|d| std::fs::metadata(d).is_ok_and(|m| m.is_dir() && Some(m.dev()) == dev));
            // A row whose data is elsewhere still counts as here (not copied again).
            out.push(Here {
                name: r.name,
                taken_at: r.taken_at,
                data,
            });
        }
        Ok(out)
    }

    /// Vanished marks, the lag, and (after a run that went well) retention.
    pub(super) async fn finish_replica(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        listed: &[CatalogSnapshot],
        retain: bool,
    ) -> Result<(), Stop> {
        let mut c = db::conn(&self.pool).await.map_err(Stop::internal)?;
        let rows = snapshots::of_job(&mut c, ctx.job.id)
            .await
            .map_err(Stop::internal)?;
        let (gone, kept): (Vec<_>, Vec<_>) = rows
            .iter()
            .partition(|r| !listed.iter().any(|s| s.name == r.name));
        let ids = |v: &[&db::snapshots::SnapshotRow]| v.iter().map(|r| r.id).collect::<Vec<_>>();
        snapshots::set_vanished(&mut c, &ids(&gone), Some(Utc::now()))
            .await
            .map_err(Stop::internal)?;
        snapshots::set_vanished(&mut c, &ids(&kept), None)
            .await
            .map_err(Stop::internal)?;
        let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
        jobs::set_behind_since(&mut c, ctx.job.id, behind_since(listed, &names))
            .await
            .map_err(Stop::internal)?;
        jobs::set_replication_pending(&mut c, ctx.job.id, &still_pending(listed, &names))
            .await
            .map_err(Stop::internal)?;
        if retain {
            self.retain_copies(&mut c, run, ctx).await?;
        }
        Ok(())
    }

    /// The replica's retention: doomed snapshots to the store's trash, rows deleted,
    /// trash emptied in the background.
    async fn retain_copies(
        &self,
        c: &mut db::PgConn,
        run: &RunRow,
        ctx: &ReplicaContext,
    ) -> Result<(), Stop> {
        let rows = snapshots::of_job(c, ctx.job.id)
            .await
            .map_err(Stop::internal)?;
        let marks = snapshots::vanished_of_job(c, ctx.job.id)
            .await
            .map_err(Stop::internal)?;
        let copies: Vec<Copy> = rows
            .iter()
            .map(|r| Copy {
                id: r.id,
                taken_at: r.taken_at,
                levels: db::level_names(&r.levels),
                received_at: r.received_at,
                vanished_at: marks.iter().find(|m| m.0 == r.id).and_then(|m| m.1),
            })
            .collect();
        let src = &ctx.source;
        let rules = Rules {
            mode: ReplicaRetention::from_wire(&src.retention).unwrap_or_default(),
            min_age_days: src.min_age_days,
            delete_vanished: src.delete_vanished,
            vanished_grace_days: src.vanished_grace_days,
            max_deletions: src.max_deletions_per_run,
            schedule: &ctx.schedule,
        };
        let doomed = doomed_copies(&copies, &rules, Utc::now());
        if doomed.is_empty() {
            return Ok(());
        }
        let mut dirs = LocationDirs::default();
        let mut touched: Vec<JobStore> = Vec::new();
        for r in rows.iter().filter(|r| doomed.contains(&r.id)) {
            let Some(dir) = dirs.get(c, r.location_id).await.map_err(Stop::internal)? else {
                continue;
            };
            if let Some(store) = JobStore::at(&dir, &r.store_path) {
                store
                    .trash_snapshot(&r.name)
                    .map_err(|e| Stop(shared::runs::RunError::StorageError, e.to_string()))?;
                self.log(run.id, &format!("retention: deleted snapshot {}", r.name));
                if !touched.iter().any(|t| t.root == store.root) {
                    touched.push(store);
                }
            }
        }
        snapshots::delete(c, &doomed)
            .await
            .map_err(Stop::internal)?;
        tokio::task::spawn_blocking(move || {
            for s in touched {
                if let Err(e) = s.empty_trash() {
                    tracing::warn!("emptying {}: {e}", s.trash_dir().display());
                }
            }
        });
        Ok(())
    }
}
