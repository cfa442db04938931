//! The snapshot store of one job on disk:
//!
//! ```text
//! <location>/<client id>/<job id>/
//!     .inprogress/<run id>/data/     being written by rsync
//!     snapshots/<UTC time>/data/     complete, read-only by convention
//!     snapshots/<UTC time>/snapshot.json   metadata, beside the data, never inside it
//!     .trash/…                       doomed snapshots, removed in the background
//! ```
//!
//! `<client id>/<job id>` is the *store path*. A job moved to another client or location
//! gets a new store on its next run; each snapshot's row records the location and store
//! path it was published in, so older snapshots are read, trashed and removed where they
//! are (see [`JobStore::at`]).
//!
//! Publishing is `syncfs`, write and fsync `snapshot.json`, `rename` into `snapshots/`,
//! fsync `snapshots/`: a crash at any point leaves either an in-progress directory (resumed
//! or removed later) or a complete snapshot with its metadata — never a half-written one
//! that looks complete.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The metadata written beside each snapshot's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotMeta {
    pub format: u32,
    pub run_id: i64,
    pub job_id: i64,
    pub started_at: DateTime<Utc>,
    pub finished_at: DateTime<Utc>,
    pub levels: Vec<String>,
    pub rsync_version: String,
    pub exit_code: i32,
    pub warnings: bool,
    pub files: u64,
    pub files_transferred: u64,
    pub total_bytes: u64,
    pub transferred_bytes: u64,
    pub literal_bytes: u64,
    /// Taken with `use_local_permissions` (rsync's `--chmod`): the stored permissions are
    /// not the client's. Absent in files written before the field existed.
    #[serde(default)]
    pub rewritten_permissions: bool,
    /// A snapshot copied from a primary by replication (absent for the server's own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replicated_from: Option<ReplicatedFrom>,
    /// The client when the snapshot was taken, for `recover` without a catalog dump
    /// (absent in files written before the field existed, and in replicated snapshots).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "about::lenient"
    )]
    pub client: Option<ClientAbout>,
    /// The job and its policy when the snapshot was taken (as `client`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "about::lenient"
    )]
    pub job: Option<JobAbout>,
}

/// Where a replicated snapshot came from, and when it arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplicatedFrom {
    /// The replication source's name.
    pub source: String,
    /// The job's id on the primary.
    pub primary_job_id: i64,
    /// When the copy was complete here (the replica's retention counts from it).
    pub received_at: DateTime<Utc>,
}

/// Paths of one job's store.
#[derive(Debug, Clone)]
pub struct JobStore {
    pub root: PathBuf,
}

/// The name of a snapshot directory for a time: `2026-11-22T210000Z`.
pub fn snapshot_name(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H%M%SZ").to_string()
}

fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

/// The store path, relative to its location, of job `job_id` while it belongs to client
/// `client_id`: `<client id>/<job id>`.
pub fn store_path(client_id: i64, job_id: i64) -> String {
    format!("{client_id}/{job_id}")
}

/// Whether a store path is of the form [`store_path`] makes (two decimal components), so
/// that a stored value can never name a place outside its location.
pub fn valid_store_path(path: &str) -> bool {
    let mut parts = path.split('/');
    let number =
        |p: Option<&str>| p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    number(parts.next()) && number(parts.next()) && parts.next().is_none()
}

/// The data directory of a recorded snapshot, from its row's location directory, store
/// path and name; `None` for a store path the server would not have written.
pub fn recorded_data(location: &Path, store_path: &str, name: &str) -> Option<PathBuf> {
    JobStore::at(location, store_path).map(|s| s.data_of(name))
}

impl JobStore {
    /// The store of job `job_id` of client `client_id` under a location directory.
    pub fn new(location: &Path, client_id: i64, job_id: i64) -> Self {
        JobStore {
            root: location.join(store_path(client_id, job_id)),
        }
    }

    /// The store at a recorded store path under a location directory; `None` when the
    /// path is not one the server writes.
    pub fn at(location: &Path, store_path: &str) -> Option<Self> {
        valid_store_path(store_path).then(|| JobStore {
            root: location.join(store_path),
        })
    }

    /// Removes the store's directory when nothing worth keeping is left in it: no
    /// published snapshot and no in-progress run. Used for the stores a moved job left
    /// behind once retention has taken their last snapshot. Returns whether it was removed.
    pub fn remove_if_spent(&self) -> std::io::Result<bool> {
        let has_entries = |dir: PathBuf| -> std::io::Result<bool> {
            match std::fs::read_dir(dir) {
                Ok(mut entries) => Ok(entries.next().is_some()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
                Err(e) => Err(e),
            }
        };
        if has_entries(self.snapshots_dir())? || has_entries(self.inprogress_dir())? {
            return Ok(false);
        }
        self.remove_all()?;
        Ok(true)
    }

    /// Removes the whole store, read-only directories included (slow; run in the
    /// background), and the client directory above it once that holds no other store.
    pub fn remove_all(&self) -> std::io::Result<()> {
        make_writable(&self.root);
        match std::fs::remove_dir_all(&self.root) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
        if let Some(parent) = self.root.parent() {
            // Fails, as it should, while another job's store is in it.
            let _ = std::fs::remove_dir(parent);
        }
        Ok(())
    }

    pub fn inprogress_dir(&self) -> PathBuf {
        self.root.join(".inprogress")
    }
    pub fn snapshots_dir(&self) -> PathBuf {
        self.root.join("snapshots")
    }
    pub fn trash_dir(&self) -> PathBuf {
        self.root.join(".trash")
    }

    /// The data directory of a published snapshot.
    pub fn data_of(&self, name: &str) -> PathBuf {
        self.snapshots_dir().join(name).join("data")
    }

    /// Prepares `.inprogress/<run>/data`. A directory left by an earlier interrupted run
    /// is reused (rsync `--delete` brings it in line), so that a large first backup
    /// resumes instead of starting over; any others are trashed.
    pub fn prepare(&self, run_id: i64) -> std::io::Result<PathBuf> {
        let inprogress = self.inprogress_dir();
        std::fs::create_dir_all(&inprogress)?;
        std::fs::create_dir_all(self.snapshots_dir())?;
        let target = inprogress.join(run_id.to_string());
        if !target.exists() {
            let mut leftovers: Vec<(std::time::SystemTime, PathBuf)> =
                std::fs::read_dir(&inprogress)?
                    .flatten()
                    .filter(|e| e.path() != target)
                    .map(|e| {
                        let t = e
                            .metadata()
                            .and_then(|m| m.modified())
                            .unwrap_or(std::time::UNIX_EPOCH);
                        (t, e.path())
                    })
                    .collect();
            leftovers.sort();
            if let Some((_, newest)) = leftovers.pop() {
                std::fs::rename(&newest, &target)?;
            }
            for (_, other) in leftovers {
                self.trash(&other)?;
            }
        }
        let data = target.join("data");
        std::fs::create_dir_all(&data)?;
        Ok(data)
    }

    /// Publishes the in-progress directory of `run_id` as snapshot `name` (made unique if
    /// taken). Returns the final name. Idempotent: if the run was already published under
    /// a name, that name is returned.
    pub fn publish(&self, run_id: i64, name: &str, meta: &SnapshotMeta) -> std::io::Result<String> {
        if let Some(existing) = self.published_name(run_id) {
            return Ok(existing);
        }
        let staging = self.inprogress_dir().join(run_id.to_string());
        self.seal(&staging, meta)?;
        let mut final_name = name.to_owned();
        let mut n = 1;
        while self.snapshots_dir().join(&final_name).exists() {
            n += 1;
            final_name = format!("{name}-{n}");
        }
        self.rename_in(&staging, &final_name)?;
        Ok(final_name)
    }

    /// Makes a staging directory durable and writes its `snapshot.json` (fsynced).
    pub(super) fn seal(&self, staging: &Path, meta: &SnapshotMeta) -> std::io::Result<()> {
        // Make the data durable first: one syncfs of the storage, not an fsync per file.
        let dir = File::open(staging)?;
        nix::unistd::syncfs(&dir).map_err(std::io::Error::from)?;
        let partial = staging.join("partial");
        if partial.exists() {
            std::fs::remove_dir_all(&partial)?;
        }
        let meta_path = staging.join("snapshot.json");
        let mut f = File::create(&meta_path)?;
        f.write_all(&serde_json::to_vec_pretty(meta).map_err(std::io::Error::other)?)?;
        f.sync_all()?;
        fsync_dir(staging)
    }

    /// Renames a sealed staging directory into `snapshots/<name>` and makes it durable.
    pub(super) fn rename_in(&self, staging: &Path, name: &str) -> std::io::Result<()> {
        std::fs::rename(staging, self.snapshots_dir().join(name))?;
        fsync_dir(&self.snapshots_dir())?;
        fsync_dir(&self.inprogress_dir())
    }

    /// The name under which `run_id` was published, if it was.
    pub fn published_name(&self, run_id: i64) -> Option<String> {
        std::fs::read_dir(self.snapshots_dir())
            .ok()?
            .flatten()
            .find_map(|e| {
                let meta = read_meta(&e.path())?;
                (meta.run_id == run_id)
                    .then(|| e.file_name().into_string().ok())
                    .flatten()
            })
    }

    /// Moves a directory into `.trash/` (a rename: instant, and never half-deleted).
    pub fn trash(&self, path: &Path) -> std::io::Result<()> {
        let trash = self.trash_dir();
        std::fs::create_dir_all(&trash)?;
        let name = format!(
            "{}-{}",
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            uuid::Uuid::new_v4().simple()
        );
        std::fs::rename(path, trash.join(name))
    }

    /// Moves a published snapshot to the trash.
    pub fn trash_snapshot(&self, name: &str) -> std::io::Result<()> {
        let p = self.snapshots_dir().join(name);
        if p.exists() {
            self.trash(&p)?;
        }
        Ok(())
    }

    /// Removes everything in `.trash/` (slow; run in the background).
    pub fn empty_trash(&self) -> std::io::Result<()> {
        match std::fs::read_dir(self.trash_dir()) {
            Ok(entries) => {
                for e in entries.flatten() {
                    make_writable(&e.path());
                    std::fs::remove_dir_all(e.path())?;
                }
                Ok(())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Published snapshots with valid metadata: (name, metadata).
    pub fn published(&self) -> Vec<(String, SnapshotMeta)> {
        let mut out: Vec<(String, SnapshotMeta)> = std::fs::read_dir(self.snapshots_dir())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| Some((e.file_name().into_string().ok()?, read_meta(&e.path())?)))
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// Reads `snapshot.json` of a snapshot directory; `None` if absent or invalid.
pub fn read_meta(dir: &Path) -> Option<SnapshotMeta> {
    let bytes = std::fs::read(dir.join("snapshot.json")).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Backed-up directories may be read-only (mode 0555): grant ourselves write permission
/// so they can be removed.
pub(super) fn make_writable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    for entry in walk_dirs(path) {
        if let Ok(meta) = std::fs::symlink_metadata(&entry) {
            if meta.is_dir() {
                let mode = meta.permissions().mode();
                let _ =
                    std::fs::set_permissions(&entry, std::fs::Permissions::from_mode(mode | 0o700));
            }
        }
    }
}

fn walk_dirs(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_owned()];
    while let Some(d) = stack.pop() {
        out.push(d.clone());
        if let Ok(entries) = std::fs::read_dir(&d) {
            for e in entries.flatten() {
                if e.file_type().map(|t| t.is_dir()).unwrap_or(false) {
                    stack.push(e.path());
                }
            }
        }
    }
    out
}

pub mod about;
mod replica;
#[cfg(test)]
mod tests;

pub use about::{ClientAbout, JobAbout, PolicyAbout};
