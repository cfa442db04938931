//! Start-up reconciliation of disk and database (runs left unfinished by a crash are the
//! dispatcher's recovery, see `scheduler::dispatcher::recover`): snapshots published on disk whose row was never written are
//! adopted when their `snapshot.json` is valid; trash is emptied in the background.
//! In-progress directories are kept: the job's next run resumes into them (a replicated
//! snapshot's `.inprogress/replica-<name>` too: nothing partial is ever in `snapshots/`).

use super::places::{self, Place};
use super::runner::Engine;
use super::store::SnapshotMeta;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, jobs, runs, snapshots, DbError, PgConn};

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

/// The row of a snapshot published on disk that the database lacks (a crash between its
/// rename and its row, or a catalog rebuilt by `elkarbackup recover`), from its
/// `snapshot.json`, for job `job_id` in the store `store_path` of location `location_id`.
pub async fn adopted_row(
    c: &mut PgConn,
    job_id: i64,
    location_id: i64,
    store_path: &str,
    name: String,
    meta: &SnapshotMeta,
) -> Result<SnapshotRow, DbError> {
    // A replicated snapshot names no run (a replication run publishes several; the row's
    // run is unique) and keeps when it arrived.
    let received_at = meta.replicated_from.as_ref().map(|r| r.received_at);
    let run_known = match runs::find(c, meta.run_id).await? {
        Some(r) if r.job_id == job_id && received_at.is_none() => Some(r.id),
        _ => None,
    };
    let fit = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
    Ok(SnapshotRow {
        id: 0,
        job_id,
        run_id: run_known,
        location_id,
        name,
        levels: meta.levels.iter().cloned().map(Some).collect(),
        taken_at: meta.started_at,
        files: fit(meta.files),
        bytes: fit(meta.total_bytes),
        new_bytes: fit(meta.transferred_bytes),
        warnings: meta.warnings,
        store_path: store_path.to_owned(),
        rewritten_permissions: meta.rewritten_permissions,
        received_at,
    })
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
            let row = adopted_row(
                &mut c,
                job_id,
                place.location_id,
                &place.store_path,
                name,
                &meta,
            )
            .await?;
            snapshots::insert(&mut c, &row).await?;
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
