//! Start-up reconciliation of disk and database (runs left unfinished by a crash are the
//! dispatcher's recovery, see `scheduler::dispatcher::recover`): snapshots published on disk whose row was never written are
//! adopted when their `snapshot.json` is valid; trash is emptied in the background.
//! In-progress directories are kept: the job's next run resumes into them (a replicated
//! snapshot's `.inprogress/replica-<name>` too: nothing partial is ever in `snapshots/`).

use super::places::{self, Place};
use super::runner::Engine;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, jobs, runs, snapshots};

/// Kills the process group a crashed server left running for `run_id`, if that process is
/// still the run's (its command line names the run's in-progress directory: a reused pid
/// belonging to something else is left alone).
pub fn stop_orphan(pgid: i32, run_id: i64) {
    let Ok(cmdline) = std::fs::read(format!("/proc/{pgid}/cmdline")) else {
        return;
    };
    let marker = format!(".inprogress/{run_id}/");
    // A replication run's rsync names its own temp directory instead.
    let replica_marker = format!("/tmp-run-{run_id}/");
    let cmdline = String::from_utf8_lossy(&cmdline);
    if cmdline.contains(&marker) || cmdline.contains(&replica_marker) {
        tracing::warn!(
            run_id,
            pgid,
            "stopping rsync left running by a previous server"
        );
        let _ = nix::sys::signal::killpg(
            nix::unistd::Pid::from_raw(pgid),
            nix::sys::signal::Signal::SIGKILL,
        );
    }
}

/// Runs once when the server starts.
pub async fn at_start(engine: &Engine) -> anyhow::Result<()> {
    // Runs a dead server left unfinished are recovered by the dispatcher (at once when
    // that server was a previous process on this machine, else after lease expiry).
    let mut c = db::conn(&engine.pool).await?;
    // Adopt published snapshots the database does not know, and empty trash, in every
    // store of every job (a moved job's older stores included).
    let mut stores: Vec<Place> = Vec::new();
    let mut page = 1;
    loop {
        let f = jobs::JobFilter::default();
        let (rows, _) = jobs::list(
            &mut c,
            &f,
            shared::jobs::JobSort::Id,
            db::paging::Paging {
                page,
                per_page: 500,
            },
        )
        .await?;
        if rows.is_empty() {
            break;
        }
        stores.extend(places::of_jobs(&mut c, &rows).await?);
        page += 1;
    }
    for place in &stores {
        let job_id = place.job_id;
        for (name, meta) in place.store.published() {
            if meta.job_id != job_id
                || snapshots::exists(&mut c, job_id, place.location_id, &place.store_path, &name)
                    .await?
            {
                continue;
            }
            tracing::warn!(job_id, "adopting snapshot {name} published before a crash");
            // A replicated snapshot names no run (a replication run publishes several;
            // the row's run is unique) and keeps when it arrived.
            let received_at = meta.replicated_from.as_ref().map(|r| r.received_at);
            let run_known = match runs::find(&mut c, meta.run_id).await? {
                Some(r) if r.job_id == job_id && received_at.is_none() => Some(r.id),
                _ => None,
            };
            snapshots::insert(
                &mut c,
                &SnapshotRow {
                    id: 0,
                    job_id,
                    run_id: run_known,
                    location_id: place.location_id,
                    name,
                    levels: meta.levels.iter().cloned().map(Some).collect(),
                    taken_at: meta.started_at,
                    files: meta.files as i64,
                    bytes: meta.total_bytes as i64,
                    new_bytes: meta.transferred_bytes as i64,
                    warnings: meta.warnings,
                    store_path: place.store_path.clone(),
                    rewritten_permissions: meta.rewritten_permissions,
                    received_at,
                },
            )
            .await?;
        }
    }
    tokio::task::spawn_blocking(move || {
        for place in stores {
            if let Err(e) = place.store.empty_trash() {
                tracing::warn!("emptying {}: {e}", place.store.trash_dir().display());
            }
        }
    });
    Ok(())
}
