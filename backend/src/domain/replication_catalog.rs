//! What a replica may read of this server (its replication access token only): the
//! catalog of locations, own clients and their jobs (no secrets, scripts or users), and a
//! job's complete snapshots with the figures of their `snapshot.json`, oldest first.

use std::collections::HashMap;
use std::path::Path;

use shared::clients::Connection;
use shared::replication::{
    Catalog, CatalogClient, CatalogJob, CatalogLocation, CatalogSnapshot, ReplicaMeta,
};

use super::DomainError;
use crate::db::clients::ClientRow;
use crate::db::jobs::JobRow;
use crate::db::paging::Paging;
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, DbPool};
use crate::engine::store::{read_meta, SnapshotMeta};

fn texts(v: Vec<Option<String>>) -> Vec<String> {
    v.into_iter().flatten().collect()
}

fn client_of(r: ClientRow) -> Result<CatalogClient, DomainError> {
    let connection: Connection = serde_json::from_value(r.connection)
        .map_err(|e| DomainError::Internal(format!("client {} connection: {e}", r.id)))?;
    Ok(CatalogClient {
        id: r.id,
        name: r.name,
        description: r.description,
        connection,
        ssh_options: texts(r.ssh_options),
        rsync_options: texts(r.rsync_options),
    })
}

fn job_of(r: JobRow) -> CatalogJob {
    CatalogJob {
        id: r.id,
        client_id: r.client_id,
        name: r.name,
        description: r.description,
        source_path: r.source_path,
        include: r.include_patterns.map(texts),
        exclude: r.exclude_patterns.map(texts),
        use_local_permissions: r.use_local_permissions,
        location_id: Some(r.location_id),
    }
}

/// The catalog: locations, the clients not copied from elsewhere, and their jobs.
pub async fn catalog(pool: &DbPool) -> Result<Catalog, DomainError> {
    let mut c = db::conn(pool).await?;
    let settings = db::settings::get(&mut c).await?;
    let all = Paging {
        page: 1,
        per_page: i64::MAX,
    };
    let (locations, _) = db::locations::list(&mut c, None, all).await?;
    let clients = db::replication_accesses::original_clients(&mut c).await?;
    let ids: Vec<i64> = clients.iter().map(|r| r.id).collect();
    let jobs = db::jobs::of_clients(&mut c, &ids).await?;
    Ok(Catalog {
        instance_url: settings.instance_url,
        locations: locations
            .into_iter()
            .map(|l| CatalogLocation {
                id: l.id,
                name: l.name,
            })
            .collect(),
        clients: clients
            .into_iter()
            .map(client_of)
            .collect::<Result<_, _>>()?,
        jobs: jobs.into_iter().map(job_of).collect(),
    })
}

/// The figures a replica checks its copy against.
pub fn replica_meta(m: &SnapshotMeta) -> ReplicaMeta {
    ReplicaMeta {
        started_at: m.started_at,
        finished_at: m.finished_at,
        rsync_version: m.rsync_version.clone(),
        exit_code: m.exit_code,
        warnings: m.warnings,
        files: m.files,
        total_bytes: m.total_bytes,
        transferred_bytes: m.transferred_bytes,
        rewritten_permissions: m.rewritten_permissions,
    }
}

/// A snapshot with its metadata, or `None` (traced) when `snapshot.json` cannot be read:
/// a replica must not copy what it cannot check.
fn catalog_snapshot(s: SnapshotRow, location_dir: &Path) -> Option<CatalogSnapshot> {
    let dir = location_dir
        .join(&s.store_path)
        .join("snapshots")
        .join(&s.name);
    let Some(meta) = read_meta(&dir) else {
        tracing::warn!(
            "snapshot {} of job {}: {} unreadable, left out of the replication catalog",
            s.id,
            s.job_id,
            dir.join("snapshot.json").display()
        );
        return None;
    };
    Some(CatalogSnapshot {
        id: s.id,
        levels: texts(s.levels),
        taken_at: s.taken_at,
        location_id: s.location_id,
        store_path: s.store_path,
        meta: replica_meta(&meta),
        name: s.name,
    })
}

/// A job's complete snapshots, oldest first; `NotFound` for an unknown job or one of a
/// copied client (a replica copies only what this server backs up itself).
pub async fn snapshots(pool: &DbPool, job_id: i64) -> Result<Vec<CatalogSnapshot>, DomainError> {
    let mut c = db::conn(pool).await?;
    let job = db::jobs::find(&mut c, job_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let client = db::clients::find(&mut c, job.client_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    if client.copy_of.is_some() {
        return Err(DomainError::NotFound);
    }
    let mut rows = db::snapshots::of_job(&mut c, job_id).await?;
    rows.reverse();
    let mut dirs: HashMap<i64, Option<String>> = HashMap::new();
    for id in rows.iter().map(|s| s.location_id) {
        if let std::collections::hash_map::Entry::Vacant(e) = dirs.entry(id) {
            e.insert(db::locations::find(&mut c, id).await?.map(|l| l.directory));
        }
    }
    drop(c);
    tokio::task::spawn_blocking(move || {
        rows.into_iter()
            .filter_map(|s| {
                let dir = dirs.get(&s.location_id).cloned().flatten()?;
                catalog_snapshot(s, Path::new(&dir))
            })
            .collect()
    })
    .await
    .map_err(|e| DomainError::Internal(e.to_string()))
}
