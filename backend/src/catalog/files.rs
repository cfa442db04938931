//! The catalog's files in a location, written durably: a temporary name in the same
//! directory, written and fsynced, renamed over the final name, the directory fsynced. A
//! crash leaves the old file or the new one, never half of one.

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::names;

/// `<location>/.elkarbackup/location.json`: which location of which catalog this
/// directory is, so that `recover` can map the catalog's locations to the directories it
/// is given, wherever they are mounted now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocationFile {
    pub format: u32,
    /// The catalog whose dumps these are (`catalog_identity`).
    pub catalog_id: uuid::Uuid,
    pub location_id: i64,
    pub name: String,
    pub written_at: DateTime<Utc>,
}

/// `<location>/.elkarbackup`.
pub fn own_dir(location: &Path) -> PathBuf {
    location.join(names::DIR)
}

/// `<location>/.elkarbackup/catalog`.
pub fn catalog_dir(location: &Path) -> PathBuf {
    own_dir(location).join(names::CATALOG_DIR)
}

/// `<location>/.elkarbackup/keys`.
pub fn keys_dir(location: &Path) -> PathBuf {
    own_dir(location).join(names::KEYS_DIR)
}

/// Creates `dir` (and its parents) and makes it private (0700): the dumps hold password
/// hashes, the key copies private keys.
pub fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// Makes a directory's entries durable.
pub fn fsync_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

/// Writes `bytes` as `dir/name` (mode 0600) durably.
pub fn write_durably(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    fsync_dir(dir)
}

/// Copies the file `from` to `dir/name` (mode 0600) durably.
pub fn copy_durably(from: &Path, dir: &Path, name: &str) -> std::io::Result<()> {
    let mut src = std::fs::File::open(from)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".tmp-")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    std::io::copy(&mut src, tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(dir.join(name)).map_err(|e| e.error)?;
    fsync_dir(dir)
}

/// The file names in `dir` (none when it does not exist).
pub fn names_in(dir: &Path) -> std::io::Result<Vec<String>> {
    match std::fs::read_dir(dir) {
        Ok(entries) => Ok(entries
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .collect()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// Reads `<location>/.elkarbackup/location.json`; `None` when absent or unreadable.
pub fn read_location_file(location: &Path) -> Option<LocationFile> {
    let bytes = std::fs::read(own_dir(location).join(names::LOCATION_FILE)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Writes `<location>/.elkarbackup/location.json`.
pub fn write_location_file(location: &Path, file: &LocationFile) -> std::io::Result<()> {
    let dir = own_dir(location);
    private_dir(&dir)?;
    let bytes = serde_json::to_vec_pretty(file).map_err(std::io::Error::other)?;
    write_durably(&dir, names::LOCATION_FILE, &bytes)
}

/// How old a temporary file must be to count as a crash's leftover: a write in progress
/// (a dump being copied) is never that old.
const STALE_TEMPORARY: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes from `dir` the temporary files of [`write_durably`] and [`copy_durably`] that a
/// crash left (`.tmp-*`, last written over an hour before `now`); nothing else. Returns
/// the names removed.
pub fn remove_stale_temporaries(
    dir: &Path,
    now: std::time::SystemTime,
) -> std::io::Result<Vec<String>> {
    let mut removed = Vec::new();
    for name in names_in(dir)? {
        if !name.starts_with(".tmp-") {
            continue;
        }
        let path = dir.join(&name);
        let written = std::fs::symlink_metadata(&path)?.modified()?;
        let age = now.duration_since(written).unwrap_or_default();
        if age >= STALE_TEMPORARY {
            std::fs::remove_file(&path)?;
            removed.push(name);
        }
    }
    if !removed.is_empty() {
        fsync_dir(dir)?;
    }
    Ok(removed)
}

/// Removes the dumps pruning gives up, keeping the newest `keep` (only files named as
/// dumps), and the temporary files a crash left in the location's own directories
/// (nothing else is ever removed). Returns the dumps' names removed.
pub fn prune(location: &Path, keep: u32) -> std::io::Result<Vec<String>> {
    let now = std::time::SystemTime::now();
    for dir in [own_dir(location), catalog_dir(location), keys_dir(location)] {
        remove_stale_temporaries(&dir, now)?;
    }
    let dir = catalog_dir(location);
    let doomed = names::to_prune(&names_in(&dir)?, keep);
    for name in &doomed {
        std::fs::remove_file(dir.join(name))?;
    }
    if !doomed.is_empty() {
        fsync_dir(&dir)?;
    }
    Ok(doomed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_private_and_replaced_whole() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("own");
        private_dir(&dir).unwrap();
        write_durably(&dir, "f", b"one").unwrap();
        write_durably(&dir, "f", b"two").unwrap();
        assert_eq!(std::fs::read(dir.join("f")).unwrap(), b"two");
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&dir.join("f")), 0o600);
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(names_in(&dir).unwrap(), ["f"], "no temporary file left");
        copy_durably(&dir.join("f"), &dir, "g").unwrap();
        assert_eq!(std::fs::read(dir.join("g")).unwrap(), b"two");
        assert!(names_in(&d.path().join("absent")).unwrap().is_empty());
    }

    #[test]
    fn a_crash_s_temporary_files_are_removed_once_stale() {
        let d = tempfile::tempdir().unwrap();
        let dir = catalog_dir(d.path());
        private_dir(&dir).unwrap();
        let now = std::time::SystemTime::now();
        let aged = |name: &str, age_secs: u64| {
            let f = std::fs::File::create(dir.join(name)).unwrap();
            f.set_modified(now - std::time::Duration::from_secs(age_secs))
                .unwrap();
        };
        aged(".tmp-crashed", 7200);
        aged(".tmp-writing", 60);
        aged("catalog-2026-12-10T030000Z.dump", 7200);
        aged("mine.tmp-old", 7200);
        assert_eq!(
            remove_stale_temporaries(&dir, now).unwrap(),
            [".tmp-crashed"]
        );
        let mut left = names_in(&dir).unwrap();
        left.sort();
        assert_eq!(
            left,
            [
                ".tmp-writing",
                "catalog-2026-12-10T030000Z.dump",
                "mine.tmp-old"
            ]
        );
        // Pruning sweeps them too, in the location's own directories.
        let own = own_dir(d.path());
        std::fs::File::create(own.join(".tmp-location"))
            .unwrap()
            .set_modified(now - std::time::Duration::from_secs(7200))
            .unwrap();
        prune(d.path(), 5).unwrap();
        assert!(!own.join(".tmp-location").exists());
        assert!(dir.join(".tmp-writing").exists());
        assert!(remove_stale_temporaries(&d.path().join("absent"), now)
            .unwrap()
            .is_empty());
    }

    #[test]
    fn the_location_file_round_trips() {
        let d = tempfile::tempdir().unwrap();
        assert_eq!(read_location_file(d.path()), None);
        let f = LocationFile {
            format: 1,
            catalog_id: uuid::Uuid::new_v4(),
            location_id: 3,
            name: "Disk B".into(),
            written_at: "2026-12-10T03:00:00Z".parse().unwrap(),
        };
        write_location_file(d.path(), &f).unwrap();
        assert_eq!(read_location_file(d.path()), Some(f));
    }

    #[test]
    fn pruning_removes_only_old_dumps() {
        let d = tempfile::tempdir().unwrap();
        let dir = catalog_dir(d.path());
        private_dir(&dir).unwrap();
        for n in [
            "catalog-2026-12-08T030000Z.dump",
            "catalog-2026-12-09T030000Z.dump",
            "catalog-2026-12-10T030000Z.dump",
            "mine.txt",
        ] {
            std::fs::write(dir.join(n), n).unwrap();
        }
        assert_eq!(
            prune(d.path(), 2).unwrap(),
            ["catalog-2026-12-08T030000Z.dump"]
        );
        let mut left = names_in(&dir).unwrap();
        left.sort();
        assert_eq!(
            left,
            [
                "catalog-2026-12-09T030000Z.dump",
                "catalog-2026-12-10T030000Z.dump",
                "mine.txt"
            ]
        );
    }
}
