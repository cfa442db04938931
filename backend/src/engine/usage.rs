//! Disk space: the exact usage of a job's store (a walk counting each inode once, as
//! snapshots share most of their files through hard links, run in the background after a
//! publication, never on a run's critical path), and a location's live status (statvfs).

use std::collections::HashSet;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use shared::locations::LocationStatus;

/// Bytes allocated on disk under `root`, each inode counted once. Symlinks are not
/// followed; unreadable directories are skipped.
pub fn disk_usage(root: &Path) -> u64 {
    disk_usage_of(&[root.to_owned()])
}

/// Bytes allocated on disk under all of `roots` (a job's stores), each inode counted once
/// even when several stores share it through hard links.
pub fn disk_usage_of(roots: &[std::path::PathBuf]) -> u64 {
    let mut seen: HashSet<(u64, u64)> = HashSet::new();
    let mut total: u64 = 0;
    let mut stack = roots.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let Ok(m) = std::fs::symlink_metadata(e.path()) else {
                continue;
            };
            if seen.insert((m.dev(), m.ino())) {
                total = total.saturating_add(m.blocks().saturating_mul(512));
            }
            if m.is_dir() {
                stack.push(e.path());
            }
        }
    }
    total
}

/// What the server sees of `dir` now: reachable, writable, free space and inodes.
pub fn location_status(dir: &Path) -> LocationStatus {
    let online = std::fs::read_dir(dir).is_ok();
    let stats = nix::sys::statvfs::statvfs(dir).ok();
    let fragment = |s: &nix::sys::statvfs::Statvfs| s.fragment_size();
    LocationStatus {
        online,
        writable: online && writable(dir),
        free_bytes: stats.as_ref().map(|s| s.blocks_available() * fragment(s)),
        total_bytes: stats.as_ref().map(|s| s.blocks() * fragment(s)),
        free_inodes: stats.as_ref().map(|s| s.files_available()),
        total_inodes: stats.as_ref().map(|s| s.files()),
    }
}

/// Proves writability by creating and removing a file (permission bits lie to root and on
/// read-only mounts).
fn writable(dir: &Path) -> bool {
    tempfile::Builder::new()
        .prefix(".elkarbackup-probe")
        .tempfile_in(dir)
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hard_links_count_once() {
        let d = tempfile::tempdir().unwrap();
        std::fs::create_dir(d.path().join("s1")).unwrap();
        std::fs::create_dir(d.path().join("s2")).unwrap();
        std::fs::write(d.path().join("s1/f"), vec![1u8; 100_000]).unwrap();
        let one = disk_usage(d.path());
        std::fs::hard_link(d.path().join("s1/f"), d.path().join("s2/f")).unwrap();
        assert_eq!(disk_usage(d.path()), one, "a second link adds nothing");
        std::fs::write(d.path().join("s2/g"), vec![1u8; 100_000]).unwrap();
        assert!(disk_usage(d.path()) >= one + 100_000);
    }
}
