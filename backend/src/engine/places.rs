//! Where a job's snapshots lie. A job moved to another client or location keeps its older
//! snapshots in the store they were published in (each row records its location and store
//! path), so the job's places are its current store plus every store its rows name. Runs,
//! retention, disk usage, deletion and start-up adoption all go through here.

use std::collections::HashMap;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::store::{self, JobStore};
use crate::db::jobs::JobRow;
use crate::db::snapshots::SnapshotRow;
use crate::db::{locations, snapshots, DbError, PgConn};

/// One store of a job, in a location.
#[derive(Debug, Clone)]
pub struct Place {
    pub job_id: i64,
    pub location_id: i64,
    pub store_path: String,
    pub store: JobStore,
}

/// Location directories, each read once.
#[derive(Default)]
pub struct LocationDirs(HashMap<i64, Option<PathBuf>>);

impl LocationDirs {
    /// Seeds the directory of location `id`, already read with something else.
    pub fn know(&mut self, id: i64, dir: &str) {
        self.0.insert(id, Some(PathBuf::from(dir)));
    }

    /// The directory of a location; `None` when the location no longer exists.
    pub async fn get(&mut self, c: &mut PgConn, id: i64) -> Result<Option<PathBuf>, DbError> {
        if let Some(known) = self.0.get(&id) {
            return Ok(known.clone());
        }
        let dir = locations::find(c, id)
            .await?
            .map(|l| PathBuf::from(l.directory));
        self.0.insert(id, dir.clone());
        Ok(dir)
    }

    /// The data directory of a recorded snapshot, in its own location and store; `None`
    /// when its location no longer exists (or, which the table's CHECK rules out, its
    /// store path is not one the server writes).
    pub async fn data_of(
        &mut self,
        c: &mut PgConn,
        row: &SnapshotRow,
    ) -> Result<Option<PathBuf>, DbError> {
        Ok(self
            .get(c, row.location_id)
            .await?
            .and_then(|dir| store::recorded_data(&dir, &row.store_path, &row.name)))
    }
}

/// The store a job's next run writes to.
pub fn current(job: &JobRow, location_dir: &Path) -> Place {
    Place {
        job_id: job.id,
        location_id: job.location_id,
        store_path: store::store_path(job.client_id, job.id),
        store: JobStore::new(location_dir, job.client_id, job.id),
    }
}

/// Every store of these jobs: the current one of each (first), then those their snapshot
/// rows name, without repeats. Stores in a location that no longer exists are left out.
pub async fn of_jobs(c: &mut PgConn, jobs: &[JobRow]) -> Result<Vec<Place>, DbError> {
    let mut dirs = LocationDirs::default();
    let mut out: Vec<Place> = Vec::new();
    for j in jobs {
        if let Some(dir) = dirs.get(c, j.location_id).await? {
            out.push(current(j, &dir));
        }
    }
    let ids: Vec<i64> = jobs.iter().map(|j| j.id).collect();
    for (job_id, location_id, store_path) in snapshots::stores_of_jobs(c, &ids).await? {
        let known = out
            .iter()
            .any(|p| p.location_id == location_id && p.store_path == store_path);
        if known {
            continue;
        }
        let Some(dir) = dirs.get(c, location_id).await? else {
            continue;
        };
        match JobStore::at(&dir, &store_path) {
            Some(store) => out.push(Place {
                job_id,
                location_id,
                store_path,
                store,
            }),
            None => tracing::error!(job_id, "snapshot rows name a bad store path {store_path:?}"),
        }
    }
    Ok(out)
}

/// The data of the job's newest snapshot that lies on the same filesystem as `dest`, for
/// `--link-dest`: after a move to another client the new chain still shares unchanged
/// files with the old one; after a move to another disk it starts afresh.
pub async fn link_dest(
    c: &mut PgConn,
    dirs: &mut LocationDirs,
    job_id: i64,
    dest: &Path,
) -> Result<Option<PathBuf>, DbError> {
    let Ok(dest_dev) = std::fs::metadata(dest).map(|m| m.dev()) else {
        return Ok(None);
    };
    for row in snapshots::of_job(c, job_id).await? {
        let Some(data) = dirs.data_of(c, &row).await? else {
            continue;
        };
        match std::fs::metadata(&data) {
            Ok(m) if m.is_dir() && m.dev() == dest_dev => return Ok(Some(data)),
            _ => continue,
        }
    }
    Ok(None)
}

/// Removes whole stores, off the request path (job or client deletion). Errors are
/// logged: the rows are already gone, and nothing reads these directories any more.
pub async fn remove(places: Vec<Place>) {
    for p in places {
        let shown = p.store.root.display().to_string();
        match tokio::task::spawn_blocking(move || p.store.remove_all()).await {
            Ok(Ok(())) => tracing::info!("removed backups in {shown}"),
            Ok(Err(e)) => tracing::error!("removing backups in {shown}: {e}"),
            Err(e) => tracing::error!("removing backups in {shown}: {e}"),
        }
    }
}
