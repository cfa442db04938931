//! The store side of replicated snapshots: a staging directory per snapshot name (stable
//! across runs, so an interrupted copy resumes), published under the primary's name.

use std::path::PathBuf;

use super::{make_writable, JobStore, SnapshotMeta};

impl JobStore {
    /// The staging directory of a replicated snapshot: `.inprogress/replica-<name>`, a
    /// name stable across runs, so a copy interrupted (even by `kill -9`) is resumed by
    /// the next run instead of starting over. Never confused with a backup's
    /// `.inprogress/<run id>`.
    pub fn replica_staging(&self, name: &str) -> PathBuf {
        self.inprogress_dir().join(format!("replica-{name}"))
    }

    /// Prepares the staging of replicated snapshot `name`: its `data/` (kept if there,
    /// to resume) and an empty rsync temp directory for `run_id` (rsync writes each file
    /// there and renames it into `data/` complete, so `data/` never holds a half file,
    /// even after a `kill -9`). Returns (data, temp).
    pub fn prepare_replica(&self, name: &str, run_id: i64) -> std::io::Result<(PathBuf, PathBuf)> {
        std::fs::create_dir_all(self.snapshots_dir())?;
        let staging = self.replica_staging(name);
        let data = staging.join("data");
        std::fs::create_dir_all(&data)?;
        // Temp directories of earlier runs hold only half-written files.
        for e in std::fs::read_dir(&staging)?.flatten() {
            if e.file_name().to_string_lossy().starts_with("tmp-run-") {
                make_writable(&e.path());
                std::fs::remove_dir_all(e.path())?;
            }
        }
        let temp = staging.join(format!("tmp-run-{run_id}"));
        std::fs::create_dir_all(&temp)?;
        Ok((data, temp))
    }

    /// Publishes the staging of replicated snapshot `name` under that very name (the
    /// primary's): temp directory removed, data synced, `snapshot.json` written, renamed
    /// into `snapshots/`. Fails with `AlreadyExists` when the name is taken.
    pub fn publish_replica(&self, name: &str, meta: &SnapshotMeta) -> std::io::Result<()> {
        let staging = self.replica_staging(name);
        if self.snapshots_dir().join(name).exists() {
            return Err(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("snapshot {name} exists already"),
            ));
        }
        for e in std::fs::read_dir(&staging)?.flatten() {
            if e.file_name().to_string_lossy().starts_with("tmp-run-") {
                std::fs::remove_dir_all(e.path())?;
            }
        }
        self.seal(&staging, meta)?;
        self.rename_in(&staging, name)
    }

    /// Discards the staging of replicated snapshot `name` (to the trash), if any.
    pub fn discard_replica(&self, name: &str) -> std::io::Result<()> {
        let staging = self.replica_staging(name);
        if staging.exists() {
            self.trash(&staging)?;
        }
        Ok(())
    }
}
