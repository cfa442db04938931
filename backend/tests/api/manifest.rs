//! An lstat manifest of a tree, to compare a snapshot with its source: type, mode, owner,
//! size, mtime (ns), symlink target, hardlink groups and content hash. FIFOs and devices
//! are described, never opened.

use std::collections::{BTreeMap, HashMap};
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use sha2::{Digest, Sha256};

/// One line per entry, sorted by path.
pub fn manifest(root: &Path) -> Vec<String> {
    let mut entries: BTreeMap<String, String> = BTreeMap::new();
    // Paths of this tree per inode: a hardlink group is the links *within* the tree (a
    // snapshot's files are also linked to older snapshots, which must not count).
    let mut groups: HashMap<(u64, u64), Vec<String>> = HashMap::new();
    let mut stack = vec![root.to_owned()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            let m = std::fs::symlink_metadata(&p).unwrap();
            let ft = m.file_type();
            let kind = if ft.is_dir() {
                stack.push(p.clone());
                "dir".to_owned()
            } else if ft.is_symlink() {
                format!("link->{}", std::fs::read_link(&p).unwrap().display())
            } else if ft.is_file() {
                let hash = hex::encode(Sha256::digest(std::fs::read(&p).unwrap()));
                groups
                    .entry((m.dev(), m.ino()))
                    .or_default()
                    .push(rel.clone());
                format!("file sha256={hash}")
            } else {
                "special".to_owned()
            };
            let mtime = if ft.is_symlink() {
                String::new()
            } else {
                format!(" mtime={}.{:09}", m.mtime(), m.mtime_nsec())
            };
            entries.insert(
                rel.clone(),
                format!(
                    "{rel} {kind} mode={:o} uid={} gid={} size={}{mtime}",
                    m.mode(),
                    m.uid(),
                    m.gid(),
                    if ft.is_dir() { 0 } else { m.size() }
                ),
            );
        }
    }
    for paths in groups.values().filter(|p| p.len() > 1) {
        let first = paths.iter().min().cloned().unwrap_or_default();
        for p in paths {
            if let Some(line) = entries.get_mut(p) {
                line.push_str(&format!(" hardlink-group={first}"));
            }
        }
    }
    entries.into_values().collect()
}
