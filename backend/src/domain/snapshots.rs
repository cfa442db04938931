//! Browsing snapshots: which snapshot a user may read, its directories, name searches,
//! the versions of a path across the job's snapshots, and what a download opens. The
//! filesystem work runs on blocking threads, through `snapfs` only.

use std::fs::File;
use std::os::fd::OwnedFd;
use std::path::PathBuf;

use shared::runs::Snapshot;
use shared::snapshots::{EntryKind, EntryPage, EntrySort, Version};
use shared::ErrorCode;

use super::{Actor, DomainError, PageRequest};
use crate::db::snapshots::SnapshotRow;
use crate::db::{self, locations, snapshots, DbPool};
use crate::engine::places::LocationDirs;
use crate::engine::runner::Engine;
use crate::engine::store;
use crate::snapfs::list;
use crate::snapfs::open::{self, FsError};
use crate::snapfs::path::RelPath;

/// A snapshot the actor may read, and its data directory on disk.
pub struct Readable {
    pub row: SnapshotRow,
    pub data: PathBuf,
}

/// Decodes an API path, or the `invalid_path` error.
pub fn rel_path(encoded: &str) -> Result<RelPath, DomainError> {
    RelPath::decode(encoded).map_err(|_| DomainError::Code(ErrorCode::InvalidPath))
}

fn fs_error(e: FsError) -> DomainError {
    match e {
        FsError::NotFound | FsError::NotADirectory => DomainError::NotFound,
        FsError::NotRegular(_) => DomainError::Code(ErrorCode::NotRegularFile),
        FsError::Io(e) => DomainError::Internal(e.to_string()),
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, DomainError> + Send + 'static,
) -> Result<T, DomainError> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| DomainError::Internal(e.to_string()))?
}

/// The snapshot if the actor may see its job (others' snapshots are "not found").
pub async fn readable(pool: &DbPool, actor: Actor, id: i64) -> Result<Readable, DomainError> {
    let mut c = db::conn(pool).await?;
    let row = snapshots::find(&mut c, id)
        .await?
        .ok_or(DomainError::NotFound)?;
    super::access::job(&mut c, actor, row.job_id).await?;
    let location = locations::find(&mut c, row.location_id)
        .await?
        .ok_or(DomainError::NotFound)?;
    let data = data_of(&location.directory, &row)?;
    Ok(Readable { row, data })
}

/// Where a snapshot's data lies: its own location and store, whatever client and location
/// its job has now.
pub fn data_of(location_dir: &str, row: &SnapshotRow) -> Result<PathBuf, DomainError> {
    store::recorded_data(
        std::path::Path::new(location_dir),
        &row.store_path,
        &row.name,
    )
    .ok_or_else(|| DomainError::Internal(format!("snapshot {}: bad store path", row.id)))
}

fn root_of(r: &Readable) -> Result<OwnedFd, DomainError> {
    open::open_root(&r.data).map_err(|e| {
        tracing::warn!("snapshot {} unreadable: {e}", r.row.id);
        DomainError::NotFound
    })
}

/// `NotFound` unless the path exists in the snapshot (no symlink followed on the way).
pub async fn ensure_exists(r: &Readable, rel: &RelPath) -> Result<(), DomainError> {
    let rel = rel.clone();
    let data = r.data.clone();
    blocking(move || {
        let root = open::open_root(&data).map_err(|_| DomainError::NotFound)?;
        open::lstat(&root, &rel).map(|_| ()).map_err(fs_error)
    })
    .await
}

/// One snapshot.
pub async fn get(pool: &DbPool, actor: Actor, id: i64) -> Result<Snapshot, DomainError> {
    Ok(Snapshot::from(readable(pool, actor, id).await?.row))
}

/// One page of a directory, or with `q` of the entries beneath it whose name contains
/// `q` (case-insensitive).
pub async fn entries(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    path: &str,
    sort: EntrySort,
    q: Option<String>,
    page: PageRequest,
) -> Result<EntryPage, DomainError> {
    let rel = rel_path(path)?;
    let r = readable(pool, actor, id).await?;
    let paging = page.paging();
    blocking(move || {
        let root = root_of(&r)?;
        let (items, total, truncated) = match q.filter(|q| !q.trim().is_empty()) {
            Some(q) => {
                let (hits, truncated) = list::search(&root, &rel, q.trim()).map_err(fs_error)?;
                let total = hits.len() as i64;
                let skip = usize::try_from(paging.offset()).unwrap_or(usize::MAX);
                let items = hits
                    .into_iter()
                    .skip(skip)
                    .take(paging.per_page as usize)
                    .collect();
                (items, total, truncated)
            }
            None => {
                let (items, total) = list::list(&root, &rel, sort, paging.page, paging.per_page)
                    .map_err(fs_error)?;
                (items, total, false)
            }
        };
        Ok(EntryPage {
            path: rel.encode(),
            items,
            total,
            page: paging.page,
            per_page: paging.per_page,
            truncated,
        })
    })
    .await
}

/// The path in each of the job's snapshots that has it, newest first.
pub async fn versions(
    pool: &DbPool,
    actor: Actor,
    id: i64,
    path: &str,
) -> Result<Vec<Version>, DomainError> {
    let rel = rel_path(path)?;
    if rel.is_root() {
        return Err(DomainError::Code(ErrorCode::InvalidPath));
    }
    let r = readable(pool, actor, id).await?;
    // The path must exist in the snapshot asked about.
    ensure_exists(&r, &rel).await?;
    let mut c = db::conn(pool).await?;
    let all = snapshots::of_job(&mut c, r.row.job_id).await?;
    // Snapshots share a handful of locations: each is read once.
    let mut dirs = LocationDirs::default();
    let mut places = Vec::with_capacity(all.len());
    for s in all {
        if let Some(data) = dirs.data_of(&mut c, &s).await? {
            places.push((s, data));
        }
    }
    drop(c);
    blocking(move || {
        let mut found: Vec<(Version, (u64, u64))> = Vec::new();
        for (s, data) in places {
            let Ok(root) = open::open_root(&data) else {
                continue;
            };
            let Ok((_, st)) = open::lstat(&root, &rel) else {
                continue;
            };
            let kind = open::kind_of(&st);
            found.push((
                Version {
                    snapshot_id: s.id,
                    snapshot_name: s.name,
                    taken_at: s.taken_at,
                    kind,
                    size: if kind == EntryKind::Dir {
                        0
                    } else {
                        st.st_size
                    },
                    mtime: open::mtime_of(&st),
                    same_as_older: false,
                },
                (st.st_dev, st.st_ino),
            ));
        }
        // An unchanged file is hard-linked from one snapshot into the next.
        for i in 0..found.len().saturating_sub(1) {
            let same = found[i].0.kind == EntryKind::File && found[i].1 == found[i + 1].1;
            found[i].0.same_as_older = same;
        }
        Ok(found.into_iter().map(|(v, _)| v).collect())
    })
    .await
}

/// What a download sends.
pub enum Download {
    /// A regular file, opened (never a special, never through a symlink).
    File { file: File, name: Vec<u8> },
    /// A directory, to be archived.
    Dir { dir: OwnedFd, name: Vec<u8> },
}

/// Opens a path of a snapshot for download; specials and symlinks are refused, without
/// being opened.
pub async fn open_download(
    engine: &Engine,
    actor: Actor,
    id: i64,
    path: &str,
) -> Result<Download, DomainError> {
    let rel = rel_path(path)?;
    let r = readable(&engine.pool, actor, id).await?;
    let snapshot_name = r.row.name.clone();
    let snap_name = snapshot_name.clone();
    let opened = blocking(move || {
        let root = root_of(&r)?;
        match open::open_file(&root, &rel) {
            Ok((file, _)) => Ok(Download::File {
                file,
                name: rel.name().unwrap_or_default().to_vec(),
            }),
            Err(FsError::NotRegular(EntryKind::Dir)) => Ok(Download::Dir {
                dir: open::open_dir(&root, &rel).map_err(fs_error)?,
                name: match rel.name() {
                    Some(n) => n.to_vec(),
                    None => snapshot_name.into_bytes(),
                },
            }),
            Err(e) => Err(fs_error(e)),
        }
    })
    .await?;
    let mut data = serde_json::Map::new();
    data.insert("path".into(), path.into());
    let subject = super::audit::Subject::new(shared::audit::AuditKind::Snapshot, id, &snap_name);
    super::audit::action(&engine.pool, actor.into(), "download", subject, data).await?;
    Ok(opened)
}
