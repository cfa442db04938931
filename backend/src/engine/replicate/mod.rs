//! A replication run: copies the missing complete snapshots of one primary job onto this
//! replica, oldest first, each pulled through the primary's `rrsync -ro`, checked against
//! the primary's `snapshot.json` and published with the store code backups use. Load
//! ([`context`]) → plan ([`plan`], pure) → copy each ([`copy`]) → marks, lag and
//! retention ([`finish`], [`retention`]).

pub mod context;
pub mod copy;
pub mod finish;
pub mod plan;
pub mod retention;

use shared::common::RunResult;
use shared::events::LogLevel;
use shared::replication::CatalogSnapshot;
use shared::runs::{RunError, RunState};

use self::context::ReplicaContext;
use self::copy::Copied;
use self::plan::{in_window, lost_since_last, missing};
use crate::db::runs::{RunOutcome, RunRow};
use crate::engine::runner::{Engine, Stop};
use crate::engine::stats::RsyncStats;
use crate::replication::replica::primary_client::PrimaryClient;

/// What the copies of a run add up to.
#[derive(Debug, Default)]
struct Tally {
    stats: RsyncStats,
    copied: usize,
    /// Names pruned on the primary before they could be copied.
    pruned: Vec<String>,
    /// Something the run's result must say (a pruned snapshot, the window closing).
    warning: bool,
}

impl Engine {
    /// Runs a claimed replication run.
    pub(in crate::engine) async fn replicate(&self, run: &RunRow) -> Result<RunOutcome, Stop> {
        let ctx = self.load_replica(run).await?;
        let primary =
            PrimaryClient::new(&ctx.source.url, &ctx.source.token).map_err(|e| Stop(e.0, e.1))?;
        let listed = primary
            .snapshots(ctx.primary_job_id)
            .await
            .map_err(|e| Stop(e.0, e.1))?;
        self.set_state(run, RunState::Running).await?;
        let mut tally = Tally::default();
        self.report_lost(run, &ctx, &listed, &mut tally).await?;
        let copied = self
            .copy_missing(run, &ctx, &primary, &listed, &mut tally)
            .await;
        let still: Vec<CatalogSnapshot> = listed
            .into_iter()
            .filter(|s| !tally.pruned.contains(&s.name))
            .collect();
        // Marks and lag whatever happened; retention only after a run that went well.
        let finished = self.finish_replica(run, &ctx, &still, copied.is_ok()).await;
        copied?;
        finished?;
        let s = tally.stats;
        Ok(RunOutcome {
            result: if tally.warning {
                RunResult::Warning
            } else {
                RunResult::Ok
            },
            error_code: None,
            exit_code: Some(0),
            files_total: Some(s.files as i64),
            files_transferred: Some(s.files_transferred as i64),
            total_bytes: Some(s.total_bytes as i64),
            transferred_bytes: Some(s.transferred_bytes as i64),
            literal_bytes: Some(s.literal_bytes as i64),
        })
    }

    /// Copies every missing snapshot, oldest first, while the window is open.
    async fn copy_missing(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        primary: &PrimaryClient,
        listed: &[CatalogSnapshot],
        tally: &mut Tally,
    ) -> Result<(), Stop> {
        let here = self.here(ctx).await?;
        let todo = missing(listed, &here);
        let present = listed
            .iter()
            .filter(|s| here.iter().any(|h| h.name == s.name))
            .count();
        let unsafe_names = listed.len().saturating_sub(todo.len() + present);
        if unsafe_names > 0 {
            self.log(
                run.id,
                &format!("{unsafe_names} snapshots with unusable names skipped"),
            );
            tally.warning = true;
        }
        self.log(run.id, &format!("{} snapshots to copy", todo.len()));
        let window = ctx.source.window_start.zip(ctx.source.window_end);
        for snap in todo {
            if self.registry.aborted(run.id) {
                return Err(Stop(RunError::Aborted, String::new()));
            }
            let now = chrono::Utc::now().with_timezone(&self.config.tz).time();
            if !in_window(now, window) {
                let detail =
                    format!("transfer window closed at {now}: the rest waits for the next run");
                self.log(run.id, &detail);
                self.replica_record(run, LogLevel::Warning, "replication_window_closed", &detail)
                    .await;
                tally.warning = true;
                break;
            }
            let here = self.here(ctx).await?;
            match self.copy_snapshot(run, ctx, primary, snap, &here).await? {
                Copied::Done(st) => {
                    tally.copied += 1;
                    add(&mut tally.stats, &st);
                }
                Copied::Adopted => tally.copied += 1,
                Copied::Pruned => {
                    tally.pruned.push(snap.name.clone());
                    tally.warning = true;
                }
            }
        }
        Ok(())
    }
}

impl Engine {
    /// Reports the snapshots the last run left to copy that the primary pruned since.
    async fn report_lost(
        &self,
        run: &RunRow,
        ctx: &ReplicaContext,
        listed: &[CatalogSnapshot],
        tally: &mut Tally,
    ) -> Result<(), Stop> {
        let pending = {
            let mut c = crate::db::conn(&self.pool).await.map_err(Stop::internal)?;
            crate::db::jobs::replication_pending(&mut c, ctx.job.id)
                .await
                .map_err(Stop::internal)?
        };
        let here: Vec<String> = self.here(ctx).await?.into_iter().map(|h| h.name).collect();
        for name in lost_since_last(&pending, listed, &here) {
            let detail =
                format!("snapshot {name} was pruned on the primary before it could be copied");
            self.log(run.id, &detail);
            self.replica_record(
                run,
                LogLevel::Warning,
                "snapshot_pruned_before_copy",
                &detail,
            )
            .await;
            tally.pruned.push(name);
            tally.warning = true;
        }
        Ok(())
    }
}

fn add(sum: &mut RsyncStats, s: &RsyncStats) {
    sum.files += s.files;
    sum.files_transferred += s.files_transferred;
    sum.total_bytes += s.total_bytes;
    sum.transferred_bytes += s.transferred_bytes;
    sum.literal_bytes += s.literal_bytes;
}
